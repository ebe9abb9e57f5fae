using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// The messages the demo's seeded steps would have sent had people taken them in the app: each signing campaign's
/// invitation to the members who have not signed, and each open round's notice to its units and need owners.
/// Sent at the time the campaign or round started, so the same data comes out on every start.
/// </summary>
internal sealed class DemoInbox(AppDbContext db)
{
    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.Notifications.AnyAsync(n => n.PartyMemberId != null && n.Title.StartsWith("邀请签署"), ct)) return;
        var campaigns = await db.SigningCampaigns.Include(c => c.OrgUnit).OrderBy(c => c.Id).ToListAsync(ct);
        if (campaigns.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var c in campaigns) await PersonalQueries.InviteAllAsync(db, c, c.OrgUnit!.Name, c.CreatedAt, ct);
        var rounds = await db.SelectionRounds.Include(r => r.Needs).Include(r => r.Units).AsSplitQuery()
            .Where(r => r.Status == RoundStatus.Open).OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var r in rounds) await RoundNotices.OpenedAsync(db, r, r.CreatedAt, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}
