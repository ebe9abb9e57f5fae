using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>
/// Fills in per operation what the route declarations imply but the generator leaves out: a readable operationId,
/// who may call it (from the authorization metadata), the ProblemDetails errors it can answer, multipart bodies of
/// uploads and binary bodies of downloads.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";
    public const string Problem = "ProblemDetails";

    private static readonly (int Status, string Description)[] Errors =
    [
        (400, "输入有误：字段、类型或格式不对（errors 指出哪一项）"),
        (401, "未登录，或令牌已失效"),
        (403, "已登录，但无权做这件事"),
        (404, "所指的记录不存在，或不在您的范围内"),
        (409, "与当前状态冲突（例如已签署、已关闭、重复）"),
        (429, "请求过于频繁，稍后再试（Retry-After）"),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var route = "/" + (description.RelativePath ?? "");

        operation.OperationId ??= OperationNames.For(method, route);
        operation.Summary ??= OperationNames.Summary(operation.OperationId);

        // [AsParameters] records name their query parameters in PascalCase; binding ignores case and the JSON is camelCase.
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: { Length: > 0 } name } p && char.IsUpper(name[0]))
                p.Name = JsonNamingPolicy.CamelCase.ConvertName(name);

        var signedIn = !metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().Any();
        operation.Security = signedIn
            ? [Requirement(Bearer, context.Document), Requirement(Cookie, context.Document)]
            : [];

        if (metadata.OfType<UploadMetadata>().LastOrDefault() is { } upload)
            operation.RequestBody = await UploadBodyAsync(upload, context, ct);

        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, response) in operation.Responses)
            if (response is OpenApiResponse { Content: { } content })
                foreach (var (type, media) in content)
                    if (!type.Contains("json", StringComparison.Ordinal) && media is OpenApiMediaType m)
                        m.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };

        var hasInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
        foreach (var (status, text) in Errors)
        {
            var applies = status switch
            {
                400 => hasInput,
                401 or 403 => signedIn,
                404 => route.Contains('{'),
                409 or 429 => method != "GET", // writes are rate limited as a whole
                _ => false,
            };
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A route may declare more (.ProducesProblem(401) on the login); it gets the same description and schema.
            if (!applies && !operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, context.Document) },
                },
            };
        }
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static async Task<OpenApiRequestBody> UploadBodyAsync(UploadMetadata upload, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        IOpenApiSchema file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        if (upload.Multiple) file = new OpenApiSchema { Type = JsonSchemaType.Array, Items = file };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema> { [upload.FileField] = file },
            Required = upload.Fields is null ? new HashSet<string> { upload.FileField } : null,
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = form } };
        if (upload.Fields is { } fields)
        {
            // A form field is text whatever its JSON type; the handler parses it.
            foreach (var p in fields.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                form.Properties[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] = new OpenApiSchema { Type = JsonSchemaType.String };
            content["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(fields, null, ct) };
        }
        return new OpenApiRequestBody { Required = true, Content = content };
    }
}
