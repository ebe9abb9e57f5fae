using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CoBuild.Web.Infrastructure.Idempotency;

/// <summary>
/// Every POST under /api/v1 that carries an <c>Idempotency-Key</c>: the first request runs and its answer is kept for
/// 24 h; the same key and body again (also while the first still runs) gets that answer again and changes nothing;
/// the same key with another path or body is a 422. Requests without the header pass through untouched.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IProblemDetailsService problems,
    IEnumerable<IExceptionHandler> handlers)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!Applies(http) || !http.Request.Headers.TryGetValue(IdempotencyKey.Header, out var values))
        {
            await next(http);
            return;
        }
        var key = values.Count == 1 ? values[0] : null;
        if (!IdempotencyKey.IsValid(key))
        {
            await ProblemAsync(http, 400, "输入有误", $"{IdempotencyKey.Header} 须为 1–{IdempotencyKey.MaxLength} 个可见 ASCII 字符，且只能有一个。", IdempotencyKey.Header);
            return;
        }

        var ct = http.RequestAborted;
        http.Request.EnableBuffering();
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(http.Request.Body, ct));
        http.Request.Body.Position = 0;
        var request = IdempotencyStore.RequestOf(http.Request.Method, http.Request.Path + http.Request.QueryString);
        switch (await store.ClaimAsync(IdempotencyStore.CallerOf(http), key!, request, hash, ct))
        {
            case KeyClaim.Mismatch:
                await ProblemAsync(http, 422, "幂等键已被使用", $"该 {IdempotencyKey.Header} 已用于另一个请求（路径或内容不同），请换一个新的键。", IdempotencyKey.Header);
                return;
            case KeyClaim.Busy:
                await ProblemAsync(http, 409, "同一请求正在处理", "使用同一幂等键的请求仍在处理中，请稍后重试。", null);
                return;
            case KeyClaim.Done done:
                await ReplayAsync(http, done.Record);
                return;
            case KeyClaim.Granted granted:
                await RunAsync(http, granted.Id);
                return;
        }
    }

    private static bool Applies(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.Request.Path.StartsWithSegments("/api/v1")
        && !http.Request.Path.StartsWithSegments("/api/v1/auth") // a token must never be stored and handed out again
        && http.GetEndpoint() is not null;

    private async Task RunAsync(HttpContext http, long id)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            Exception? failed = null;
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
            {
                failed = e;
            }
            // A domain exception becomes its 4xx here rather than outside, so that the answer is kept and replayed.
            if (failed is not null && !await HandleAsync(http, failed)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        catch
        {
            await store.ReleaseAsync(id);
            http.Response.Body = original;
            throw;
        }
        http.Response.Body = original;
        var status = http.Response.StatusCode;
        if (status >= 500) await store.ReleaseAsync(id);
        else await store.CompleteAsync(id, status, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private async Task<bool> HandleAsync(HttpContext http, Exception e)
    {
        http.Response.Clear();
        foreach (var handler in handlers)
            if (await handler.TryHandleAsync(http, e, http.RequestAborted)) return true;
        return false;
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.Status;
        http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        if (record.Location is { } location) http.Response.Headers.Location = location;
        if (record.ContentType is { } type) http.Response.ContentType = type;
        if (record.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private async Task ProblemAsync(HttpContext http, int status, string title, string detail, string? field)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

internal static class IdempotencySetup
{
    public static IServiceCollection AddAppIdempotency(this IServiceCollection services) => services.AddSingleton<IdempotencyStore>().AddSingleton<FormOnce>();

    public static IApplicationBuilder UseAppIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
