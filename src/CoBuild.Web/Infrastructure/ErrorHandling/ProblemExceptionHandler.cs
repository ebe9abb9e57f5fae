using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CoBuild.Web.Infrastructure.ErrorHandling;

/// <summary>Maps domain exceptions and malformed requests to ProblemDetails; never a 500 for bad input.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, field) = exception switch
        {
            InvalidInput e => (400, "输入有误", e.Message, e.Field),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException j } e => (e.StatusCode, "请求格式错误", Detail(j), Field(j)),
            BadHttpRequestException e => (e.StatusCode, "请求格式错误", e.Message, null),
            System.Text.Json.JsonException j => (400, "请求格式错误", Detail(j), Field(j)),
            InvalidDataException => (400, "请求格式错误", "请求内容无法读取。", null),
            Unprocessable e => (422, e.Title, e.Message, null),
            RuleViolation e => (409, "操作与当前状态冲突", e.Message, null),
            Microsoft.EntityFrameworkCore.DbUpdateException e when UniqueViolation.Is(e) => (409, "操作与当前状态冲突", UniqueViolation.Message, null),
            var e when UniqueViolation.IsProvider(e) => (409, "操作与当前状态冲突", UniqueViolation.Message, null),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, "操作与当前状态冲突", "该记录刚刚已被他人更新，请刷新后重试。", null),
            StaleVersion e => (412, "版本已更新", e.Message, null),
            VersionRequired e => (428, "缺少版本", e.Message, null),
            UnknownId e => (404, "未找到", e.Message, null),
            Forbidden e => (403, "无权访问", e.Message, null),
            _ => (500, "服务器内部错误", "服务器内部错误，请稍后再试。", (string?)null),
        };
        if (status == 500) return false;
        if (http.Response.HasStarted) return false;
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The JSON path the serializer stamped on the error ("$.commitments[0].title"), as the field name.</summary>
    private static string? Field(System.Text.Json.JsonException e) =>
        e.Path?.TrimStart('$').TrimStart('.') is { Length: > 0 } path ? path : e.Path is null ? null : "body";

    private static string Detail(System.Text.Json.JsonException e) =>
        e.Path is null ? "请求体不是有效的 JSON。" : $"“{Field(e)}”的值无法读取：{Reason(e)}";

    // The serializer appends the path and position in English; the Chinese reasons thrown by our converters come first.
    private static string Reason(System.Text.Json.JsonException e) =>
        e.Message.Contains('\u3002') ? e.Message[..(e.Message.IndexOf('\u3002') + 1)] : "类型或格式不对。";
}
