using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>The parts of the document no single operation owns: the title, the two ways to sign in, the ProblemDetails schema, tag descriptions.</summary>
internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "登录、令牌与当前用户", ["Auctions"] = "共建项目拍卖会", ["Certificates"] = "证明事项清单与社区证明", ["Audit"] = "审计链校验",
        ["Committees"] = "共建委员会：委员与会议", ["Exports"] = "台账导出（.xlsx）", ["Files"] = "附件下载",
        ["Health"] = "健康检查", ["Imports"] = "批量导入（.xlsx）与模板", ["Inbox"] = "站内通知",
        ["Members"] = "党员", ["Menus"] = "需求、资源与项目清单", ["Needs"] = "需求清单", ["Offers"] = "单位服务项目",
        ["Orders"] = "认领与预约", ["OrgContracts"] = "共建协议", ["OrgUnits"] = "组织", ["Organizations"] = "组织与单位",
        ["PersonalContracts"] = "人人契约", ["Projects"] = "项目化管理", ["Registers"] = "名册：驻区单位与阵地",
        ["Resources"] = "资源清单", ["Selection"] = "双向选择轮次", ["SelectionRounds"] = "双向选择轮次", ["ServiceMenu"] = "服务菜单",
        ["SigningCampaigns"] = "人人契约签约活动", ["Stats"] = "统计", ["Todo"] = "待办",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "CoBuild 共建 API";
        document.Info.Description = "区域化党建共建平台的 HTTP API。以 POST /api/v1/auth/token 换取令牌，之后以 Authorization: Bearer 调用；浏览器内以登录 Cookie 调用。错误一律为 application/problem+json。";
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OperationTransformer.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "POST /api/v1/auth/token 返回的 accessToken。",
        };
        document.Components.SecuritySchemes[OperationTransformer.Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "cobuild.auth", // AuthSetup's cookie name
            Description = "网页登录后的 Cookie（写操作还须同源）。",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // ApiFiles.ProducesFile declares a Stream; the operation transformer types its body as binary instead.
        document.Components.Schemas.Remove("Stream");
        document.Components.Schemas[OperationTransformer.Problem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 问题详情；errors 按字段列出有误之处。",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "有误的字段及原因（400）。",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            tag.Description ??= tag.Name is { } name && Tags.TryGetValue(name, out var text) ? text : tag.Name;
        return Task.CompletedTask;
    }
}
