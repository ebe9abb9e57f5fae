using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Imports;

public sealed record ImportResult(int Rows, int Saved);

internal static class ImportsApi
{
    private const long MaxBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/imports").WithTags("Imports").RequireAuthorization(Policies.Staff);
        api.MapGet("/{kind}/template", Template).ProducesFile(ApiFiles.Xlsx);
        // Cookie callers are protected by the SameSite=Lax auth cookie; bearer callers carry no ambient credentials.
        api.MapPost("/{kind}", Import).DisableAntiforgery().AcceptsUpload("file");
        return app;
    }

    public static bool TryParseKind(string text, out ImportKind kind)
    {
        kind = text switch { "units" => ImportKind.Units, "party-organizations" => ImportKind.PartyOrganizations, "members" => ImportKind.Members, "needs" => ImportKind.Needs, "resources" => ImportKind.Resources, _ => (ImportKind)(-1) };
        return Enum.IsDefined(kind);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Template(string kind)
    {
        if (!TryParseKind(kind, out var k)) return UnknownKind(kind);
        return TypedResults.File(ImportSheet.Template(ImportService.ColumnsOf(k)), Xlsx.ContentType, $"{ImportService.FileName(k)}导入模板.xlsx");
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(string kind, Caller caller, HttpRequest request, ImportService imports, CancellationToken ct)
    {
        if (!TryParseKind(kind, out var k)) return UnknownKind(kind);
        if (!request.HasFormContentType)
            return TypedResults.Problem("请以 multipart/form-data 上传，字段名 file。", statusCode: 400, title: "输入有误");
        if (request.ContentLength > MaxBytes)
            return TypedResults.Problem($"文件不能超过 {MaxBytes / 1024 / 1024} MB。", statusCode: 400, title: "输入有误");
        IFormFile? file;
        try { file = (await request.ReadFormAsync(ct)).Files.GetFile("file"); }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested) { file = null; } // a malformed or cut-off multipart body

        if (file is null || file.Length == 0)
            return TypedResults.Problem("请选择要导入的 .xlsx 文件（字段名 file）。", statusCode: 400, title: "输入有误");
        if (file.Length > MaxBytes)
            return TypedResults.Problem($"文件不能超过 {MaxBytes / 1024 / 1024} MB。", statusCode: 400, title: "输入有误");

        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var report = await imports.ImportAsync(k, buffer, caller, null, ct);
        if (report.Ok) return TypedResults.Ok(new ImportResult(report.Rows, report.Saved));
        return TypedResults.Problem(
            $"文件有 {report.Errors.Count} 处错误，未导入任何数据。{report.Errors[0]}" + (report.Errors.Count > 1 ? " 等" : ""),
            statusCode: 400, title: "导入被拒绝",
            extensions: new Dictionary<string, object?> { ["rows"] = report.Errors });
    }

    private static ProblemHttpResult UnknownKind(string kind) =>
        TypedResults.Problem($"没有“{kind}”这种导入，可用：units、party-organizations、members、needs、resources。", statusCode: 404, title: "未找到");
}
