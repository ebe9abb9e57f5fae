using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Selection;

/// <summary>
/// What a round asks of people reaches their inbox: when it opens, each unit in it (rank the needs) and each node that
/// owns one of its needs (rank the units); a reminder goes to those who have not ranked yet.
/// </summary>
internal static class RoundNotices
{
    public const string ReminderTitle = "提醒：请填报双向选择志愿";
    /// <summary>A reminder reaches one side at most once in this time, however often the street presses the button.</summary>
    public static readonly TimeSpan ReminderQuiet = TimeSpan.FromHours(1);

    public static string UnitLink(int roundId) => $"/m/rounds/{roundId}";
    public static string NeedOwnerLink(int roundId) => $"/admin/rounds/{roundId}";

    /// <summary>Adds the "round opened" messages for a saved round (the caller saves them).</summary>
    public static async Task OpenedAsync(AppDbContext db, SelectionRound round, DateTimeOffset now, CancellationToken ct)
    {
        var street = await db.OrgUnits.AsNoTracking().Where(o => o.Id == round.StreetId).Select(o => o.Name).SingleAsync(ct);
        var title = $"双向选择开始：{round.Title}";
        foreach (var unit in round.Units.Select(u => u.ResidentUnitId).Distinct())
            db.Notifications.Add(new Notification(round.DistrictId, null, unit, title,
                $"{street}发起双向选择，本单位可从 {round.Needs.Count} 项需求中选择最多 {round.MaxRanks} 项，按意向排序填报志愿。", UnitLink(round.Id), now));
        foreach (var owner in await NeedOwnersAsync(db, round.Id, ct))
            db.Notifications.Add(new Notification(round.DistrictId, owner.OrgUnitId, null, title,
                $"本社区有 {owner.Needs} 项需求纳入本轮，请为每项需求给 {round.Units.Count} 家共建单位排序。", NeedOwnerLink(round.Id), now));
    }

    /// <summary>
    /// Reminds the units that have not ranked and the need owners with a need not ranked yet. A side reminded within
    /// <see cref="ReminderQuiet"/> is skipped, so pressing twice sends nothing more. Returns how many messages went out.
    /// </summary>
    public static async Task<int> RemindAsync(AppDbContext db, Caller caller, int roundId, DateTimeOffset now, CancellationToken ct)
    {
        var round = await RoundEdits.LoadAsync(db, roundId, ct);
        if (!caller.Covers(round.DistrictId, round.Path))
            throw new Forbidden("只有发起本轮的街道可以提醒。");
        round.RequireOpen();
        var since = now - ReminderQuiet;
        var unitLink = UnitLink(roundId);
        var ownerLink = NeedOwnerLink(roundId);
        var recent = await db.Notifications.AsNoTracking().Where(n => n.Title == ReminderTitle && n.CreatedAt > since && (n.Link == unitLink || n.Link == ownerLink))
            .Select(n => new { n.UnitId, n.OrgUnitId }).ToListAsync(ct);
        var ranked = await db.RoundRankings.AsNoTracking().Where(r => r.SelectionRoundId == roundId && r.Side == RankSide.Unit)
            .Select(r => r.ResidentUnitId).Distinct().ToListAsync(ct);
        var units = round.Units.Select(u => u.ResidentUnitId).Where(u => !ranked.Contains(u) && !recent.Any(r => r.UnitId == u)).ToList();
        foreach (var unit in units)
            db.Notifications.Add(new Notification(round.DistrictId, null, unit, ReminderTitle, $"“{round.Title}”还在填报中，本单位尚未填报志愿。", unitLink, now));
        var owners = (await NeedOwnersAsync(db, roundId, ct)).Where(o => o.Unranked > 0 && !recent.Any(r => r.OrgUnitId == o.OrgUnitId)).ToList();
        foreach (var owner in owners)
            db.Notifications.Add(new Notification(round.DistrictId, owner.OrgUnitId, null, ReminderTitle, $"“{round.Title}”中本社区还有 {owner.Unranked} 项需求未给单位排序。", ownerLink, now));
        await db.SaveChangesAsync(ct);
        return units.Count + owners.Count;
    }

    private sealed record NeedOwner(int OrgUnitId, int Needs, int Unranked);

    private static async Task<List<NeedOwner>> NeedOwnersAsync(AppDbContext db, int roundId, CancellationToken ct)
    {
        var rows = await db.Set<RoundNeed>().AsNoTracking().Where(n => n.SelectionRoundId == roundId)
            .Join(db.Needs, n => n.NeedId, x => x.Id, (n, x) => new
            {
                x.OrgUnitId,
                Ranked = db.RoundRankings.Any(r => r.SelectionRoundId == roundId && r.Side == RankSide.Need && r.NeedId == n.NeedId),
            }).ToListAsync(ct);
        return rows.GroupBy(r => r.OrgUnitId).OrderBy(g => g.Key).Select(g => new NeedOwner(g.Key, g.Count(), g.Count(r => !r.Ranked))).ToList();
    }
}
