using CoBuild.Web.Components;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// Life beyond 府山's ceremony: a two-way selection round in 府山 still taking rankings and a closed one in 东浦;
/// 东浦's contracts signed by both sides with confirmed deliveries; milestones at every stage on forty projects.
/// </summary>
internal sealed class DemoStreets(AppDbContext db, DemoClock clock)
{
    private readonly DateTimeOffset _base = clock.Day;
    private DateTimeOffset Now => clock.GetUtcNow();
    private void DaysAgo(int days) => clock.Day = _base.AddDays(-days);

    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.SelectionRounds.AnyAsync(ct)) return;
        var admins = await db.Users.AsNoTracking().Where(u => u.UserName == "street.fushan" || u.UserName == "street.dongpu" || u.UserName == "district.admin")
            .ToDictionaryAsync(u => u.UserName!, ct);
        if (admins.Count < 3) return;
        await RoundAsync(Caller.Of(admins["street.fushan"]), 12, close: false, ct);
        await RoundAsync(Caller.Of(admins["street.dongpu"]), 60, close: true, ct);
        await DongpuContractsAsync(Caller.Of(admins["street.dongpu"]), ct);
        await MilestonesAsync(Caller.Of(admins["district.admin"]), ct);
        DaysAgo(0);
    }

    private static Caller Community(OrgUnit c) => new($"demo.{c.Code}", Roles.CommunityCadre, c.DistrictId, c.Id, c.Path, null, null);

    private static Caller Unit(ResidentUnit u, OrgUnit street) => new($"demo.unit.{u.Id}", Roles.UnitRep, u.DistrictId, street.Id, street.Path, u.Id, null);

    private async Task RoundAsync(Caller admin, int daysAgo, bool close, CancellationToken ct)
    {
        var street = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == admin.ScopeOrgUnitId, ct);
        var needs = await db.Needs.AsNoTracking().Where(n => n.Path.StartsWith(street.Path) && n.Status == NeedStatus.Open && n.Claimed < n.Capacity && !n.Title.StartsWith("蕺山社区"))
            .OrderBy(n => n.Id).Take(6).ToListAsync(ct);
        var units = await db.ResidentUnits.AsNoTracking().Where(u => u.StreetId == street.Id).OrderBy(u => u.Id).Take(8).ToListAsync(ct);
        if (needs.Count < 2 || units.Count < 2) return;
        DaysAgo(daysAgo);
        var year = Display.Day(Now).Year;
        var round = await RoundEdits.CreateAsync(db, admin, new CreateRound(street.Id, $"{street.Name}{year}年度需求与单位双向选择", [.. needs.Select(n => n.Id)],
            [.. units.Select(u => u.Id)], 3, 1), Now, ct);
        db.ChangeTracker.Clear();
        // Units list three needs each, communities rank the units for their needs; in the open round two units have not answered yet.
        for (var i = 0; i < units.Count - (close ? 0 : 2); i++)
        {
            DaysAgo(daysAgo - 1 - i % 5);
            await RoundEdits.RankNeedsAsync(db, Unit(units[i], street), round.Id, [.. Enumerable.Range(0, 3).Select(k => needs[(i + k * 2) % needs.Count].Id).Distinct()], ct);
        }
        var communities = await db.OrgUnits.AsNoTracking().Where(o => o.ParentId == street.Id).ToDictionaryAsync(o => o.Id, ct);
        for (var j = 0; j < needs.Count; j++)
            await RoundEdits.RankUnitsAsync(db, Community(communities[needs[j].OrgUnitId]), round.Id, needs[j].Id,
                [.. Enumerable.Range(0, 4).Select(k => units[(j * 3 + k) % units.Count].Id)], ct);
        db.ChangeTracker.Clear();
        if (!close) return;
        DaysAgo(daysAgo - 7);
        await RoundEdits.CloseAsync(db, admin, round.Id, Now, ct);
        db.ChangeTracker.Clear();
    }

    private async Task DongpuContractsAsync(Caller street, CancellationToken ct)
    {
        var node = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == street.ScopeOrgUnitId, ct);
        var community = await db.OrgUnits.AsNoTracking().Where(o => o.ParentId == node.Id).OrderBy(o => o.Code).FirstAsync(ct);
        var units = await db.ResidentUnits.AsNoTracking().Where(u => u.StreetId == node.Id).OrderBy(u => u.Id).Take(3).ToListAsync(ct);
        var today = Display.Day(_base);
        var plans = new (Caller Party, string Signer, string Title, (string What, int Due, ContractSide Side)[] Lines)[]
        {
            (street, $"{node.Name}党工委", $"{node.Name}与{units[0].Name}党建共建协议",
                [("每季度组织党员志愿者参与街道文明创建", -150, ContractSide.Unit), ("开放单位会议室供居民议事", -60, ContractSide.Unit), ("提供党群服务中心活动场地", -120, ContractSide.Party)]),
            (Community(community), $"{community.Name}党组织", $"{community.Name}与{units[1].Name}党建共建协议",
                [("为辖区老人开展健康讲座两次", -90, ContractSide.Unit), ("资助困难家庭微心愿 20 个", -30, ContractSide.Unit), ("组织居民参与共建活动", 60, ContractSide.Party)]),
            (Community(community), $"{community.Name}党组织", $"{community.Name}与{units[2].Name}共建助老服务协议",
                [("每月上门为独居老人检修水电", -20, ContractSide.Unit), ("年底开展满意度评价", 90, ContractSide.Party)]),
        };
        for (var p = 0; p < plans.Length; p++)
        {
            var (party, signer, title, lines) = plans[p];
            var unit = Unit(units[p], node);
            DaysAgo(200 - p * 10);
            var k = await ContractEdits.CreateAsync(db, party, new ContractInput(units[p].Id, party.ScopeOrgUnitId, title, today.AddDays(-190 + p * 10), today.AddDays(175 + p * 10),
                [.. lines.Select(l => new CommitmentInput(null, l.What, today.AddDays(l.Due), l.Side, null, null))], null), Now, ct);
            await ContractEdits.SignAsync(db, party, k.Id, await ContractEdits.TagAsync(db, k.Id, ct), null, signer, Now, ct);
            DaysAgo(198 - p * 10);
            await ContractEdits.SignAsync(db, unit, k.Id, await ContractEdits.TagAsync(db, k.Id, ct), null, units[p].Name + "党支部", Now, ct);
            db.ChangeTracker.Clear();
            var commitments = await db.Commitments.AsNoTracking().Where(c => c.ContractId == k.Id).OrderBy(c => c.Id).ToListAsync(ct);
            for (var i = 0; i < commitments.Count; i++)
            {
                if (lines[i].Due > 0) continue; // not due yet
                var (by, answer) = lines[i].Side == ContractSide.Unit ? (unit, party) : (party, unit);
                DaysAgo(-lines[i].Due + 2);
                var d = await DeliveryEdits.RecordAsync(db, by, k.Id, commitments[i].Id,
                    new DeliveryInput(today.AddDays(lines[i].Due - 3), $"已完成：{lines[i].What}。附签到表和照片。", null, null, true), [], clock, ct);
                DaysAgo(-lines[i].Due);
                await DeliveryEdits.AnswerAsync(db, answer, k.Id, d.Id, true, "已核实，情况属实。", clock, ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Three milestones on forty projects, as many done as the project's progress says: none, one or two, all three.</summary>
    private async Task MilestonesAsync(Caller admin, CancellationToken ct)
    {
        var today = Display.Day(_base);
        var projects = await db.Projects.AsNoTracking().Where(p => p.AcceptedAt == null && !db.Milestones.Any(m => m.ProjectId == p.Id)).OrderBy(p => p.Id).Take(40)
            .Select(p => new { p.Id, p.Progress, p.StartsOn }).ToListAsync(ct);
        var titles = new[] { "方案制定与公示", "组织实施", "验收评价" };
        foreach (var (p, i) in projects.Select((p, i) => (p, i)))
        {
            var done = p.Progress >= 100 ? 3 : p.Progress >= 60 ? 2 : p.Progress > 0 ? 1 : 0;
            // Milestones 45 days apart from a month after the start (or from half a year ago for older projects).
            var from = p.StartsOn > today.AddDays(-180 - i % 60) ? p.StartsOn : today.AddDays(-180 - i % 60);
            var dues = Enumerable.Range(0, titles.Length).Select(m => from.AddDays(30 + m * 45)).ToArray();
            DaysAgo(Math.Max(1, today.DayNumber - from.DayNumber));
            for (var m = 0; m < titles.Length; m++)
                await ProjectEdits.AddMilestoneAsync(db, admin, p.Id, new MilestoneInput(titles[m], dues[m]), Now, ct);
            db.ChangeTracker.Clear();
            var ids = await db.Milestones.AsNoTracking().Where(x => x.ProjectId == p.Id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync(ct);
            for (var m = 0; m < done; m++)
            {
                DaysAgo(Math.Max(1, today.DayNumber - dues[m].DayNumber + 2));
                await ProjectEdits.CompleteMilestoneAsync(db, admin, p.Id, ids[m], clock, ct);
            }
            db.ChangeTracker.Clear();
        }
    }
}
