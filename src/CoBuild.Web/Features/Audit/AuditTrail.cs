using System.Text.Encodings.Web;
using System.Text.Json;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Audit;

public sealed record AuditEvent(string Entity, int EntityId, string Action, object? Before, object? After);

public sealed record AuditCheck(bool Ok, long Checked, long? FirstBrokenId);

/// <summary>
/// A district's chain end as read at one moment. Kept outside the database (printed, filed, sent to the
/// discipline office), it catches what the chain alone cannot: someone who rewrites rows and recomputes every
/// hash after them and the head.
/// </summary>
public sealed record AuditCheckpoint(int DistrictId, long Seq, string Hash, DateTimeOffset ReadAt);

/// <summary>
/// Appends to a district's hash chain inside the caller's transaction. The head row is updated first, so appends
/// queue on it (PostgreSQL row lock, SQLite writer lock) and each one links to the hash the one before it wrote.
/// </summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task AppendAsync(AppDbContext db, int districtId, string actor, DateTimeOffset now, AuditEvent e, CancellationToken ct) =>
        AppendAsync(db, districtId, actor, now, [e], ct);

    public static async Task AppendAsync(AppDbContext db, int districtId, string actor, DateTimeOffset now, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Audit entries are written inside the change's transaction.");
        if (events.Count == 0) return;
        if (await db.AuditHeads.Where(h => h.DistrictId == districtId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Seq, h => h.Seq + events.Count), ct) == 0)
        {
            db.AuditHeads.Add(new AuditHead(districtId));
            await db.SaveChangesAsync(ct);
            await db.AuditHeads.Where(h => h.DistrictId == districtId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Seq, h => h.Seq + events.Count), ct);
        }
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.DistrictId == districtId).Select(h => new { h.Seq, h.Hash }).SingleAsync(ct);
        // Microseconds: what PostgreSQL keeps, so the hash recomputes from the stored row.
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var seq = head.Seq - events.Count;
        var prev = head.Hash;
        foreach (var e in events)
        {
            var entry = new AuditEntry(districtId, ++seq, at, actor, e.Entity, e.EntityId, e.Action, Text(e.Before), Text(e.After), prev);
            db.AuditEntries.Add(entry);
            prev = entry.Hash;
        }
        await db.SaveChangesAsync(ct);
        await db.AuditHeads.Where(h => h.DistrictId == districtId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Hash, prev), ct);
    }

    private static string? Text(object? value) => value switch { null => null, string s => s, _ => JsonSerializer.Serialize(value, Json) };

    public static async Task<AuditCheckpoint> CheckpointAsync(AppDbContext db, int districtId, DateTimeOffset now, CancellationToken ct) =>
        await db.AuditHeads.AsNoTracking().Where(h => h.DistrictId == districtId).Select(h => new AuditCheckpoint(h.DistrictId, h.Seq, h.Hash, now)).SingleOrDefaultAsync(ct)
        ?? new AuditCheckpoint(districtId, 0, AuditHead.Genesis, now);

    /// <summary>
    /// Recomputes every district's chain: each hash, each link, no gaps, and the head at the end. With a checkpoint
    /// taken earlier, the row at its position must still carry its hash.
    /// </summary>
    public static async Task<AuditCheck> VerifyAsync(AppDbContext db, int? districtId, CancellationToken ct, (long Seq, string Hash)? checkpoint = null)
    {
        long count = 0;
        var heads = await db.AuditHeads.AsNoTracking().Where(h => districtId == null || h.DistrictId == districtId).ToListAsync(ct);
        foreach (var head in heads)
        {
            long seq = 0;
            var prev = AuditHead.Genesis;
            long lastId = 0;
            await foreach (var e in db.AuditEntries.AsNoTracking().Where(x => x.DistrictId == head.DistrictId).OrderBy(x => x.Seq).AsAsyncEnumerable().WithCancellation(ct))
            {
                count++;
                if (e.Seq != ++seq || e.PrevHash != prev || e.Hash != e.Compute()) return new AuditCheck(false, count, e.Id);
                if (checkpoint is { } c && c.Seq == seq && !string.Equals(c.Hash, e.Hash, StringComparison.OrdinalIgnoreCase)) return new AuditCheck(false, count, e.Id);
                prev = e.Hash;
                lastId = e.Id;
            }
            // A deleted tail leaves the head ahead of the last row, or the chain short of a checkpoint.
            if (head.Seq != seq || head.Hash != prev || checkpoint?.Seq > seq) return new AuditCheck(false, count, lastId == 0 ? null : lastId);
        }
        return new AuditCheck(true, count, null);
    }
}
