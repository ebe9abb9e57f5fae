using System.Security.Cryptography;
using System.Text;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Demo;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CoBuild.Tests.Contracts;

// Features/Demo; the namespace differs because CoBuild.Tests.Infrastructure.Demo is a class the other tests call.
namespace CoBuild.Tests.DemoData;

/// <summary>The demo looks lived in (times in office hours over the year, rounds and contracts beyond 府山, projects under way) and is the same on every load.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoDataTests(AppFixture app)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task Times_are_spread_over_the_year_in_office_hours()
    {
        var cutoff = DemoTime.Base(TimeProvider.System).AddHours(1); // tests add rows now; the demo's are older
        await Paper.DbAsync(app, async db =>
        {
            var sets = new Dictionary<string, List<DateTimeOffset>>
            {
                ["needs"] = await db.Needs.Where(n => n.CreatedAt < cutoff).Select(n => n.CreatedAt).ToListAsync(),
                ["resources"] = await db.Resources.Where(r => r.CreatedAt < cutoff).Select(r => r.CreatedAt).ToListAsync(),
                ["projects"] = await db.Projects.Where(p => p.CreatedAt < cutoff).Select(p => p.CreatedAt).ToListAsync(),
                ["contracts"] = await db.OrgContracts.Where(c => c.CreatedAt < cutoff).Select(c => c.CreatedAt).ToListAsync(),
                ["deliveries"] = await db.Deliveries.Where(d => d.CreatedAt < cutoff).Select(d => d.CreatedAt).ToListAsync(),
                ["personal"] = await db.PersonalContracts.Where(p => p.SignedAt < cutoff).Select(p => p.SignedAt).ToListAsync(),
                ["logs"] = await db.ServiceLogs.Where(l => l.CreatedAt < cutoff).Select(l => l.CreatedAt).ToListAsync(),
                ["services"] = await db.ServiceItems.Where(s => s.CreatedAt < cutoff).Select(s => s.CreatedAt).ToListAsync(),
            };
            foreach (var (name, times) in sets)
            {
                Assert.True(times.Count > 1, $"{name}: demo rows");
                var local = times.Select(t => t.ToOffset(Beijing)).ToList();
                Assert.True(local.Select(t => t.TimeOfDay).Distinct().Count() > 1, $"{name}: every row at the same time of day");
                Assert.All(local, t => Assert.InRange(t.TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(18)));
            }
            var spread = sets["needs"].Concat(sets["personal"]).Concat(sets["logs"]).Select(t => t.ToOffset(Beijing).Date).Distinct().Count();
            Assert.True(spread > 150, $"rows on {spread} days only");
            return 0;
        });
    }

    [Fact]
    public async Task Members_skills_are_not_repeated()
    {
        var skills = await Paper.DbAsync(app, db => db.MemberRegistrations.Where(r => r.Skills != null).Select(r => r.Skills!).Take(5000).ToListAsync());
        Assert.NotEmpty(skills);
        Assert.All(skills, s => Assert.Equal(s.Split('、').Length, s.Split('、').Distinct().Count()));
    }

    [Fact]
    public async Task Rounds_contracts_and_projects_live_beyond_the_fushan_ceremony()
    {
        await Paper.DbAsync(app, async db =>
        {
            var streets = await db.OrgUnits.Where(o => o.Level == OrgLevel.Street).ToDictionaryAsync(o => o.Name, o => o);
            var (fushan, dongpu) = (streets["府山街道"], streets["东浦街道"]);
            var rounds = await db.SelectionRounds.Select(r => r.StreetId).ToListAsync();
            Assert.Contains(fushan.Id, rounds);
            Assert.Contains(dongpu.Id, rounds);

            var active = await db.OrgContracts.Where(c => c.Path.StartsWith(dongpu.Path) && c.Status == ContractStatus.Active).Select(c => c.Id).ToListAsync();
            Assert.True(active.Count >= 2, "东浦 has signed contracts in force");
            Assert.True(await db.Deliveries.CountAsync(d => active.Contains(d.ContractId) && d.Status == DeliveryStatus.Confirmed) >= 3, "东浦's deliveries are confirmed");

            var stages = await db.Milestones.GroupBy(m => m.ProjectId)
                .Select(g => new { All = g.Count(), Done = g.Count(m => m.DoneOn != null) }).ToListAsync();
            Assert.Contains(stages, s => s.Done == 0);
            Assert.Contains(stages, s => s.Done > 0 && s.Done < s.All);
            Assert.Contains(stages, s => s.Done == s.All);
            Assert.True(stages.Count >= 30, $"{stages.Count} projects with milestones");
            Assert.True(await db.Projects.Select(p => p.Progress).Distinct().CountAsync() > 10, "projects at many stages of progress");
            return 0;
        });
    }

    [Fact]
    public async Task Two_fresh_loads_hold_the_same_data()
    {
        // The process's demo template is a fresh load that apps only copy: one more load is compared with it. When
        // the day the demo's times count from changed in between (midnight in Beijing), two more loads are compared.
        var fresh = await FreshDigestAsync(loads: true);
        if (await DemoTemplate.BaseAsync() is { } templateBase && templateBase == DemoTime.Base(TimeProvider.System))
            Assert.Equal(await FreshDigestAsync(loads: false), fresh);
        else
            Assert.Equal(fresh, await FreshDigestAsync(loads: true));
    }

    /// <summary>The digest of a demo this app loads itself, or of an untouched copy of the process's template.</summary>
    private static async Task<string> FreshDigestAsync(bool loads)
    {
        var fresh = new AppFixture { LoadsDemo = loads };
        await Task.Run(((IAsyncLifetime)fresh).InitializeAsync); // the host starts synchronously
        try
        {
            using var scope = fresh.Services.CreateScope();
            return await DigestAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        finally
        {
            await ((IAsyncLifetime)fresh).DisposeAsync();
            fresh.Dispose();
        }
    }

    /// <summary>A hash of the key tables' rows in id order.</summary>
    private static async Task<string> DigestAsync(AppDbContext db)
    {
        var text = new StringBuilder();
        void Add<T>(string table, IEnumerable<T> rows)
        {
            text.Append(table).Append('\n');
            foreach (var r in rows) text.Append(r).Append('\n');
        }
        Add("members", await db.MemberRegistrations.OrderBy(r => r.Id).Select(r => new { r.Id, r.PartyMemberId, r.CommunityId, r.Skills, r.ReportedOn }).ToListAsync());
        Add("needs", await db.Needs.OrderBy(n => n.Id).Select(n => new { n.Id, n.OrgUnitId, n.Title, n.Capacity, n.Claimed, n.CreatedAt }).ToListAsync());
        Add("projects", await db.Projects.OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.Progress, p.StartsOn, p.CreatedAt }).ToListAsync());
        Add("milestones", await db.Milestones.OrderBy(m => m.Id).Select(m => new { m.Id, m.ProjectId, m.Title, m.DueOn, m.DoneOn }).ToListAsync());
        Add("contracts", await db.OrgContracts.OrderBy(c => c.Id).Select(c => new { c.Id, c.Title, c.Status, c.ResidentUnitId, c.CreatedAt }).ToListAsync());
        Add("deliveries", await db.Deliveries.OrderBy(d => d.Id).Select(d => new { d.Id, d.ContractId, d.On, d.Status, d.CreatedAt, d.AnsweredAt }).ToListAsync());
        Add("personal", await db.PersonalContracts.OrderBy(p => p.Id).Select(p => new { p.Id, p.PartyMemberId, p.PledgedHours, p.HoursDone, p.SignedAt, p.ContentHash }).ToListAsync());
        Add("items", await db.PersonalContractItems.OrderBy(i => i.Id).Select(i => new { i.Id, i.ContractId, i.ServiceItemId }).ToListAsync());
        Add("logs", await db.ServiceLogs.OrderBy(l => l.Id).Select(l => new { l.Id, l.ContractId, l.On, l.Hours, l.Status, l.CreatedAt }).ToListAsync());
        Add("services", await db.ServiceItems.OrderBy(s => s.Id).Select(s => new { s.Id, s.CommunityId, s.Title, s.CreatedAt }).ToListAsync());
        Add("rounds", await db.SelectionRounds.OrderBy(r => r.Id).Select(r => new { r.Id, r.StreetId, r.Title, r.Status }).ToListAsync());
        Add("rankings", await db.RoundRankings.OrderBy(r => r.Id).Select(r => new { r.Id, r.NeedId, r.ResidentUnitId, r.Side }).ToListAsync());
        Add("bids", await db.Bids.OrderBy(b => b.Id).Select(b => new { b.Id, b.LotId, b.ResidentUnitId, b.Seq }).ToListAsync());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
