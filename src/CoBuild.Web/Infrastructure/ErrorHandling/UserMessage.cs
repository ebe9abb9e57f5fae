using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Infrastructure.ErrorHandling;

public static class UserMessage
{
    /// <summary>What a form shows for an error the user can act on; null for anything else, which stays a bug.</summary>
    public static string? For(Exception e) => e switch
    {
        InvalidInput or RuleViolation or Unprocessable or Forbidden or UnknownId or StaleVersion or VersionRequired => e.Message,
        DbUpdateConcurrencyException => "该记录刚刚已被他人更新，请刷新后重试。",
        DbUpdateException d when UniqueViolation.Is(d) => UniqueViolation.Message,
        _ => null,
    };
}
