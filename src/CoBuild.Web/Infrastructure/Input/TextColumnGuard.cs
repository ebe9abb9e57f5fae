using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoBuild.Web.Infrastructure.Input;

/// <summary>
/// The last line for text from any door (API, forms, imports): before a save, every added or changed text column is
/// held to its length in the EF model and refused with control characters. PostgreSQL would fail the whole save
/// with a 500 (NUL, varchar(n)), and SQLite would store it silently; here both refuse it alike, naming the property.
/// </summary>
internal sealed class TextColumnGuard : SaveChangesInterceptor
{
    public static readonly TextColumnGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var field = JsonName(property.Metadata.Name);
                if (property.Metadata.GetMaxLength() is { } max && text.Length > max) throw new InvalidInput(field, TextRules.TooLong(max, text.Length));
                if (TextRules.HasControl(text)) throw new InvalidInput(field, TextRules.ControlMessage);
            }
        }
    }

    private static string JsonName(string property) => property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property[1..];
}
