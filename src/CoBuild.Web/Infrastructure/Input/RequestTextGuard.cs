using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Diagnostics;

namespace CoBuild.Web.Infrastructure.Input;

/// <summary>
/// Control characters in the path (so in every route value), the query string or a urlencoded form are refused
/// before any endpoint or page sees them: a 400 naming the parameter, the same on both databases.
/// JSON bodies are checked by <see cref="ControlCharacterConverter"/>, multipart fields when they are saved.
/// </summary>
internal static class RequestTextGuard
{
    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is null && await FirstBadAsync(http.Request) is { } field)
        {
            // The API answers with ProblemDetails naming the parameter; a page gets the Chinese 400 page.
            if (http.Request.Path.StartsWithSegments("/api")) throw new InvalidInput(field, TextRules.ControlMessage);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(http);
    });

    private static async Task<string?> FirstBadAsync(HttpRequest request)
    {
        if (TextRules.HasControl(request.Path.Value)) return "path";
        foreach (var (key, values) in request.Query)
        {
            if (TextRules.HasControl(key)) return "query";
            foreach (var value in values)
                if (TextRules.HasControl(value)) return key;
        }
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType
            && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try { form = await request.ReadFormAsync(request.HttpContext.RequestAborted); }
            catch (Exception e) when (e is InvalidDataException or IOException) { return "form"; }
            foreach (var (key, values) in form)
            {
                if (TextRules.HasControl(key)) return "form";
                foreach (var value in values)
                    if (TextRules.HasControl(value)) return key;
            }
        }
        return null;
    }
}
