using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CoBuild.Web.Infrastructure.ErrorHandling;

/// <summary>
/// A unique index refused a write that passed the checks before it: two people did the same thing at the same
/// moment. The database keeps the rule; the caller gets a 409 and tries again.
/// </summary>
public static class UniqueViolation
{
    public const string Message = "同一内容刚刚已被他人保存，请刷新后重试。";

    public static bool Is(DbUpdateException e) => IsProvider(e.InnerException);

    /// <summary>Bulk updates (ExecuteUpdate) surface the provider's exception itself, not wrapped in DbUpdateException.</summary>
    public static bool IsProvider(Exception? e) => e switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
