using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// 府山街道's ceremony: 17 lots (17 of the demo's auction-sourced projects), all 86 units registered, paddles raised
/// and hammers struck through the same rules as a live ceremony. <see cref="AuctionReplay"/> plays it again live.
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
            var (capacity, mode, tie) = i switch
            {
                0 => (3, LotMode.Intent, TieRule.EarliestPaddle), // the sewer project: three units share it
                4 or 11 => (2, LotMode.Pledge, TieRule.EarliestPaddle),
                7 => (2, LotMode.Intent, TieRule.ModeratorPick),
                _ => (1 + i % 3, LotMode.Intent, TieRule.EarliestPaddle),
            };
            var lot = await AuctionEdits.AddLotAsync(db, moderator, auction.Id,
                new CreateLot(projects[i].Title, projects[i].Description, capacity, mode, tie, i == 11 ? PledgeUnit.Hours : PledgeUnit.Yuan, i == 11 ? 20 : 5000), ct);
            lot.ProjectId = projects[i].Id;
            await db.SaveChangesAsync(ct);
            await AuctionEdits.OpenAsync(db, moderator, auction.Id, lot.Id, Next(), ct);
            var bidders = units.OrderBy(_ => _rng.Next()).Take(capacity + _rng.Next(3, 25)).ToList();
            var pledge = 0m;
            foreach (var u in bidders)
            {
                var unit = Caller.Of(u);
                pledge += mode == LotMode.Pledge ? lot.Increment * _rng.Next(1, 4) : 0;
                await AuctionEdits.RaiseAsync(db, unit, auction.Id, lot.Id, mode == LotMode.Pledge ? new PledgeInput(pledge, i == 11 ? "党员志愿服务" : "共建资金") : null, Next(), ct);
            }
            var picks = tie == TieRule.ModeratorPick ? bidders.TakeLast(capacity).Select(b => b.UnitId!.Value).ToList() : null;
            await AuctionEdits.HammerAsync(db, moderator, auction.Id, lot.Id, new HammerRequest(picks, picks is null ? null : "专业对口、就近服务"), Next(), ct);
            db.ChangeTracker.Clear();
        }
    }
}
