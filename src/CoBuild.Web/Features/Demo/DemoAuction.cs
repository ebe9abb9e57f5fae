using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// 府山街道's ceremony: 17 lots (17 of the demo's auction-sourced projects), all 86 units registered, paddles raised
/// and hammers struck through the same rules as a live ceremony. As the article tells it, every paddle states the
/// intent to co-build (举牌表达共建意向): nobody outbids anyone. <see cref="AuctionReplay"/> plays it again live.
/// </summary>
internal sealed class DemoAuction(AppDbContext db, DateTimeOffset now)
{
    public const string Title = "府山街道共建项目拍卖会";
    public const int Lots = 17;
    private readonly Random _rng = new(17);

    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.Auctions.AnyAsync(ct)) return;
        var street = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Level == OrgLevel.Street && o.Name == "府山街道", ct);
        var units = await db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("unit.fushan.")).OrderBy(u => u.UserName).ToListAsync(ct);
        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "street.fushan", ct);
        if (street is null || units.Count == 0 || admin is null) return;
        var moderator = Caller.Of(admin);
        // The ceremony ran 20 days ago from 14:00, announced two weeks before; each paddle and hammer a few seconds apart.
        var at = DemoTime.Working(now.AddDays(-20), 0).AddHours(5.5);
        DateTimeOffset Next() => at = at.AddSeconds(3);
        var auction = await AuctionEdits.CreateAsync(db, moderator, new CreateAuction(Title, at), DemoTime.Working(now.AddDays(-34), 7), ct);
        var projects = await db.Projects.Where(p => p.Path.StartsWith(street.Path) && p.Source == ProjectSource.AuctionLot)
            .OrderBy(p => p.Id).Take(Lots).ToListAsync(ct);
        projects.AddRange(await db.Projects.Where(p => p.Path.StartsWith(street.Path) && p.Source != ProjectSource.AuctionLot)
            .OrderBy(p => p.Id).Take(Lots - projects.Count).ToListAsync(ct));

        for (var i = 0; i < projects.Count; i++)
        {
            var (capacity, tie) = i switch
            {
                0 => (3, TieRule.EarliestPaddle), // the sewer project: three units share it
                4 or 11 => (2, TieRule.EarliestPaddle),
                7 => (2, TieRule.ModeratorPick),
                _ => (1 + i % 3, TieRule.EarliestPaddle),
            };
            var lot = await AuctionEdits.AddLotAsync(db, moderator, auction.Id, new CreateLot(projects[i].Title, projects[i].Description, capacity, TieRule: tie), ct);
            lot.ProjectId = projects[i].Id;
            await db.SaveChangesAsync(ct);
            await AuctionEdits.OpenAsync(db, moderator, auction.Id, lot.Id, Next(), ct);
            var bidders = units.OrderBy(_ => _rng.Next()).Take(capacity + _rng.Next(3, 25)).ToList();
            foreach (var u in bidders) await AuctionEdits.RaiseAsync(db, Caller.Of(u), auction.Id, lot.Id, null, Next(), ct);
            var picks = tie == TieRule.ModeratorPick ? bidders.TakeLast(capacity).Select(b => b.UnitId!.Value).ToList() : null;
            await AuctionEdits.HammerAsync(db, moderator, auction.Id, lot.Id, new HammerRequest(picks, picks is null ? null : "专业对口、就近服务"), Next(), ct);
            db.ChangeTracker.Clear();
        }
    }
}
