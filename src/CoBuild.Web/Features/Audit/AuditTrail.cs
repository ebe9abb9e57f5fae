using System.Text.Encodings.Web;
using System.Text.Json;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
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

    /// <summary>The chain's end, given only when the whole chain verifies: a forged chain must not be filed as trusted.</summary>
    public static async Task<AuditCheckpoint> CheckpointAsync(AppDbContext db, int districtId, DateTimeOffset now, CancellationToken ct)
    {
        var (check, seq, hash) = await VerifyDistrictAsync(db, districtId, null, ct);
        if (!check.Ok) throw new RuleViolation($"审计链校验未通过（记录 ID {check.FirstBrokenId}），不能出具校验点，请先核查。");
        return new AuditCheckpoint(districtId, seq, hash, now);
    }

    /// <summary>
    /// Recomputes every district's chain: each hash, each link, no gaps, and the head at the end. With a checkpoint
    /// taken earlier, the row at its position must still carry its hash.
    /// </summary>
    public static async Task<AuditCheck> VerifyAsync(AppDbContext db, int? districtId, CancellationToken ct, (long Seq, string Hash)? checkpoint = null)
    {
        // Districts with entries or a head: entries whose head row was deleted are checked against an empty head.
        var districts = districtId is { } only ? [only]
            : await db.AuditHeads.Select(h => h.DistrictId).Union(db.AuditEntries.Select(e => e.DistrictId)).ToListAsync(ct);
        long count = 0;
        foreach (var d in districts)
        {
            var (check, _, _) = await VerifyDistrictAsync(db, d, checkpoint, ct);
            count += check.Checked;
            if (!check.Ok) return check with { Checked = count };
        }
        return new AuditCheck(true, count, null);
    }

    private static async Task<(AuditCheck Check, long Seq, string Hash)> VerifyDistrictAsync(AppDbContext db, int districtId, (long Seq, string Hash)? checkpoint, CancellationToken ct)
    {
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.DistrictId == districtId).Select(h => new { h.Seq, h.Hash }).SingleOrDefaultAsync(ct)
            ?? new { Seq = 0L, Hash = AuditHead.Genesis };
        long seq = 0, count = 0, lastId = 0;
        var prev = AuditHead.Genesis;
        // A checkpoint of an empty chain (0, genesis) holds for every chain; any other must be met on the way.
        var anchored = checkpoint switch { null => true, { Seq: 0 } c => string.Equals(c.Hash, AuditHead.Genesis, StringComparison.OrdinalIgnoreCase), _ => false };
        // Only rows up to the head read above: an append committing meanwhile adds rows after it and moves the head
        // later, so it is not mistaken for tampering.
        var rows = db.AuditEntries.AsNoTracking().Where(x => x.DistrictId == districtId && (x.Seq <= head.Seq || head.Seq == 0)).OrderBy(x => x.Seq);
        await foreach (var e in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.Seq != ++seq || e.PrevHash != prev || e.Hash != e.Compute()) return (new AuditCheck(false, count, e.Id), seq, prev);
            if (checkpoint is { } c && c.Seq == seq)
            {
                if (!string.Equals(c.Hash, e.Hash, StringComparison.OrdinalIgnoreCase)) return (new AuditCheck(false, count, e.Id), seq, prev);
                anchored = true;
            }
            prev = e.Hash;
            lastId = e.Id;
        }
        // A deleted tail leaves the head ahead of the last row; a deleted head leaves rows behind an empty one; a
        // checkpoint past the end was never reached.
        var ok = head.Seq == seq && head.Hash == prev && anchored;
        return (new AuditCheck(ok, count, ok || lastId == 0 ? null : lastId), seq, prev);
    }
}
