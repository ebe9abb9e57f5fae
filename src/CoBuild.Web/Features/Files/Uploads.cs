using System.Text.Json;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Files;

/// <summary>Bodies of endpoints that take JSON, or multipart with the same fields plus files: unreadable input is a 400 naming the field.</summary>
internal static class Uploads
{
    public static async Task<IFormCollection> FormAsync(HttpRequest request, string fileField, CancellationToken ct)
    {
        try { return await request.ReadFormAsync(ct); }
        catch (InvalidDataException) { throw new InvalidInput(fileField, $"上传内容无法读取：{StoredFile.Limit}。"); } // a malformed multipart body
    }

    public static async Task<T> JsonAsync<T>(HttpRequest request, string emptyField, CancellationToken ct) where T : class
    {
        try { return await request.ReadFromJsonAsync<T>(ct) ?? throw new InvalidInput(emptyField, "请求为空。"); }
        catch (JsonException e) { throw new InvalidInput(e.Path?.TrimStart('$', '.') ?? "body", "请求格式有误。"); }
    }
}
