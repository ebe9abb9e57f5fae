using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Public;

public sealed record PublicProject(int Id, string Title, ProjectStatus Status, int Progress, DateOnly StartsOn, DateOnly? EndsOn);
/// <summary>A lot made from one of the community's needs, in an auction that has finished, with the units that took it.</summary>
public sealed record PublicLotResult(int AuctionId, string Auction, DateTimeOffset StartsAt, int Number, string Lot, LotStatus Status, int? ProjectId, List<string> Units);

/// <summary>
/// What a community's residents can follow: its projects with their progress and what its needs came to at the
/// street's auctions. Public data only; two statements each, whatever the community's size.
/// </summary>
public sealed record CommunityFollow(List<PublicProject> Projects, int ProjectTotal, List<PublicLotResult> Results)
{
    public const int Shown = 10;

    public static async Task<CommunityFollow> LoadAsync(AppDbContext db, int communityId, string communityPath, CancellationToken ct)
    {
        var projects = db.Projects.AsNoTracking().Under(p => p.Path, communityPath);
        var total = await projects.CountAsync(ct);
        var shown = await projects.OrderBy(p => p.Status == ProjectStatus.Completed).ThenByDescending(p => p.StartsOn).ThenByDescending(p => p.Id).Take(Shown)
            .Select(p => new PublicProject(p.Id, p.Title, p.Status, p.Progress, p.StartsOn, p.EndsOn)).ToListAsync(ct);
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.NeedId != null && db.Needs.Any(n => n.Id == l.NeedId && n.OrgUnitId == communityId))
            .Join(db.Auctions.Where(a => a.Status == AuctionStatus.Finished), l => l.AuctionId, a => a.Id,
                (l, a) => new { l.Id, AuctionId = a.Id, Auction = a.Title, a.StartsAt, l.Number, l.Title, l.Status, l.ProjectId })
            .OrderByDescending(x => x.StartsAt).ThenBy(x => x.AuctionId).ThenBy(x => x.Number).Take(Shown).ToListAsync(ct);
        var ids = lots.Select(l => l.Id).ToList();
        var winners = (await db.Awards.AsNoTracking().Where(w => ids.Contains(w.LotId) && w.RevokedAt == null).OrderBy(w => w.LotId).ThenBy(w => w.Place)
            .Join(db.ResidentUnits, w => w.ResidentUnitId, u => u.Id, (w, u) => new { w.LotId, w.Place, Unit = u.Name }).ToListAsync(ct))
            .OrderBy(w => w.Place).ToLookup(w => w.LotId, w => w.Unit);
        return new CommunityFollow(shown, total, lots.Select(l => new PublicLotResult(l.AuctionId, l.Auction, l.StartsAt, l.Number, l.Title, l.Status, l.ProjectId,
            winners[l.Id].ToList())).ToList());
    }
}
