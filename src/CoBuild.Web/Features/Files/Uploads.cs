using System.Text.Json;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Files;

/// <summary>Bodies of endpoints that take JSON, or multipart with the same fields plus files: unreadable input is a 400 naming the field.</summary>
internal static class Uploads
{
    public static async Task<IFormCollection> FormAsync(HttpRequest request, string fileField, CancellationToken ct)
    {
        try { return await request.ReadFormAsync(ct); }
        // A malformed multipart body, or one that ends before its closing boundary.
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            throw new InvalidInput(fileField, $"上传内容无法读取（格式不完整）：{StoredFile.Limit}。");
        }
    }

    /// <summary>Anything but JSON (or the multipart form the caller checked first) is a 415, not a parse error.</summary>
    public static async Task<T> JsonAsync<T>(HttpRequest request, string emptyField, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("请以 application/json 或 multipart/form-data 提交。", StatusCodes.Status415UnsupportedMediaType);
        try { return await request.ReadFromJsonAsync<T>(ct) ?? throw new InvalidInput(emptyField, "请求为空。"); }
        catch (JsonException e) { throw new InvalidInput(e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : emptyField, "请求格式有误。"); }
    }
}
