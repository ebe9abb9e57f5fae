using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoBuild.Web.Infrastructure.Data;

/// <summary>
/// A number that moves on every write this node sends to the database (SaveChanges, ExecuteUpdate/Delete, raw SQL,
/// a commit). Short-lived read caches key on it, so a cached read never outlives a write made on this node; writes
/// from another node show once the entry expires (seconds).
/// </summary>
internal static class WriteGeneration
{
    private static long value;

    public static long Current => Volatile.Read(ref value);

    public static string Key => Current.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Bump() => Interlocked.Increment(ref value);

    public static IInterceptor[] Interceptors { get; } = [new Commands(), new Transactions()];

    private static void After(DbCommand command)
    {
        if (!command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Bump();
    }

    private sealed class Commands : DbCommandInterceptor
    {
        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            After(command);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
        {
            After(command);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            After(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
        {
            After(command);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            After(command);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
        {
            After(command);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>A read that ran between a write and its commit saw the old rows: the commit moves the number again.</summary>
    private sealed class Transactions : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Bump();

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            Bump();
            return Task.CompletedTask;
        }
    }
}
