using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// The living room's year: the 2025–2026 working-day calendar, the standard catalogue in every community, and about
/// 150 requests per community of 府山 and 东浦 over the last 365 days (most closed in the community, some escalated
/// to the street's platforms or a department, a few helped by the drainage company), written in bulk: the history
/// is generated, so it goes in without an audit entry per step.
/// </summary>
internal sealed class DemoServiceDesk(AppDbContext db, DateTimeOffset now)
{
    private readonly Random _rng = new(15);

    private static readonly (string Code, string Text, int Weight)[] Kinds =
    [
        ("facility-repair", "楼道灯不亮，晚上老人上下楼不方便", 14), ("facility-repair", "小区下水道堵塞，污水漫到路面", 8),
        ("sanitation", "垃圾分类点周边有积存垃圾，气味大", 12), ("mediation", "楼上装修噪音影响休息，协商无果", 9),
        ("civil-affairs", "咨询低保申请需要的材料", 8), ("elderly-care", "独居老人申请助餐服务", 9),
        ("certificate", "开具居住证明，用于孩子入学", 10), ("safety-hazard", "楼道堆放杂物堵塞消防通道", 9),
        ("illegal-building", "一楼住户在绿地上搭建棚屋", 4), ("policy", "咨询医保异地备案办理流程", 8),
        ("safety-hazard", "电动车在楼道内充电", 6), ("sanitation", "河道边有人乱倒建筑垃圾", 3),
    ];

    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.ServiceCatalogues.AnyAsync(ct)) return;
        var district = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Level == OrgLevel.District, ct);
        if (district is null) return;
        if (!await db.WorkCalendarDays.AnyAsync(ct)) db.WorkCalendarDays.AddRange(WorkCalendarSeed.Days(district.DistrictId));
        var communities = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Community).OrderBy(o => o.Code).ToListAsync(ct);
        var catalogues = communities.Select(c => new ServiceCatalogue(c, 1, Standard(), now.AddDays(-400), "demo")).ToList();
        db.ServiceCatalogues.AddRange(catalogues);
        await db.SaveChangesAsync(ct);

        var days = await TicketEdits.DaysAsync(db, district.DistrictId, now.AddDays(-370), ct);
        var streets = await db.OrgUnits.AsNoTracking().Where(o => o.Name == "府山街道" || o.Name == "东浦街道").Select(o => o.Id).ToListAsync(ct);
        var drainage = await db.ResidentUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Name == "绍兴市城市排水有限公司", ct);
        var drainageContract = drainage is null ? null : await db.OrgContracts.AsNoTracking()
            .Where(k => k.ResidentUnitId == drainage.Id && k.Status == ContractStatus.Active).Select(k => new { k.Id, k.Path }).FirstOrDefaultAsync(ct);
        var departments = await db.ResidentUnits.AsNoTracking().Where(u => u.Kind == UnitKind.DistrictDepartment).Select(u => new ValueTuple<int, string>(u.Id, u.Name)).Take(6).ToListAsync(ct);
        foreach (var (community, catalogue) in communities.Zip(catalogues).Where(x => x.First.ParentId is { } p && streets.Contains(p)))
        {
            var year = 0;
            var seq = 0;
            var tickets = new List<Ticket>();
            foreach (var at in Times(150))
            {
                var y = WorkingDays.LocalDate(at).Year;
                if (y != year) (year, seq) = (y, 0);
                var kind = Pick();
                var category = catalogue.Categories.Single(c => c.Code == kind.Code);
                var t = new Ticket(community, $"{community.Code}-{y}-{++seq:000000}", catalogue, category, kind.Text, false, Answers(category),
                    DemoPerson.Name(_rng), $"13{_rng.Next(100000000, 999999999)}", $"{community.Name}{_rng.Next(1, 40)}幢", null, null,
                    _rng.Next(10) < 7 ? TicketChannel.Desk : TicketChannel.Phone, null, days, at, "demo.desk");
                var helper = drainageContract is not null && kind.Text.Contains("下水道") && drainageContract.Path == community.Path && _rng.Next(3) == 0;
                Live(t, at, helper ? (drainage!.Id, drainageContract!.Id, drainage.Name) : null, departments.Count == 0 ? null : departments[_rng.Next(departments.Count)], days);
                tickets.Add(t);
            }
            db.Tickets.AddRange(tickets);
            foreach (var g in tickets.GroupBy(t => WorkingDays.LocalDate(t.ReceivedAt).Year))
                db.TicketCounters.Add(Counter(community, g.Key, g.Count()));
            db.GridVisits.AddRange(await VisitsAsync(community, ct));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Two walks a month per grid over half a year, by the community's cadres (蕺山's by its grid worker and staff).</summary>
    private async Task<List<GridVisit>> VisitsAsync(OrgUnit community, CancellationToken ct)
    {
        var grids = await db.OrgUnits.AsNoTracking().Where(o => o.ParentId == community.Id && o.Level == OrgLevel.Grid).ToListAsync(ct);
        var cadres = community.Name == "蕺山社区"
            ? new[] { ("grid.jishan", "蕺山社区 网格员"), ("community.jishan", "蕺山社区 全科社工") }
            : [($"demo.{community.Code}.1", DemoPerson.Name(_rng)), ($"demo.{community.Code}.2", DemoPerson.Name(_rng))];
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).Date);
        var visits = new List<GridVisit>();
        foreach (var grid in grids)
            for (var d = 3; d < 180; d += 12 + _rng.Next(6))
            {
                var (user, name) = cadres[_rng.Next(cadres.Length)];
                var v = new GridVisit(grid, user, name, today.AddDays(-d), today.AddDays(-d), 6 + _rng.Next(25), "走访独居老人、出租房，宣传反诈和垃圾分类。", now.AddDays(-d));
                visits.Add(v);
            }
        return visits;
    }

    /// <summary>What became of one request: closed in the community mostly, else up the ladder; the last two weeks' still open.</summary>
    private void Live(Ticket t, DateTimeOffset at, (int Id, int Contract, string Name)? helper, (int Id, string Name)? department, WorkingDays days)
    {
        var age = (now - at).TotalDays;
        var roll = _rng.Next(100);
        var step = at.AddHours(2 + _rng.Next(20));
        t.Assign(_rng.Next(2) == 0 ? "grid.jishan" : "community.jishan", null, step, "demo.desk");
        if (age < 14 && roll < 60) return;
        if (roll < 84 && helper is null)
        {
            if (age < 30 && roll % 7 == 0) return;
            t.Close("已现场处理，居民确认。", step.AddDays(1 + _rng.Next(5)), "demo.grid");
        }
        else
        {
            t.Escalate("涉及多个部门，社区无法单独解决。", days, step.AddDays(1), "demo.community");
            if (helper is { } h)
            {
                t.AskHelp(h.Id, h.Contract, h.Name, step.AddDays(1.5), "demo.street");
                t.Route(Platform.PublicService, null, null, days, step.AddDays(2), "demo.street");
                if (age > 10) t.Close($"{h.Name}已派员疏通并更换破损管段。", step.AddDays(4), "demo.street");
            }
            else if (roll < 95 || department is null)
            {
                t.Route((Platform)_rng.Next(4), null, null, days, step.AddDays(2), "demo.street");
                if (age > 12 || roll % 2 == 0) t.Close("平台牵头联合处置，已办结。", step.AddDays(3 + _rng.Next(6)), "demo.street");
            }
            else
            {
                t.Route(null, department.Value.Id, department.Value.Name, days, step.AddDays(2), "demo.street");
                if (roll == 99) t.Return("不属于本部门职责，请街道协调属地处置。", step.AddDays(4), "demo.dept");
                else if (age > 15) t.Close("部门已按职责处理完毕。", step.AddDays(6 + _rng.Next(5)), "demo.dept");
            }
        }
        if (t.Status == TicketStatus.Closed && _rng.Next(10) < 7)
            t.Rate(_rng.Next(10) switch { < 7 => Satisfaction.Satisfied, < 9 => Satisfaction.BasicallySatisfied, _ => Satisfaction.Dissatisfied },
                null, t.ClosedAt!.Value.AddDays(1), "resident");
    }

    private IEnumerable<DateTimeOffset> Times(int count) =>
        Enumerable.Range(0, count).Select(i => DemoTime.Working(now.AddDays(-_rng.Next(0, 365)), i + _rng.Next(100))).Order();

    private (string Code, string Text, int Weight) Pick()
    {
        var n = _rng.Next(Kinds.Sum(k => k.Weight));
        foreach (var k in Kinds) if ((n -= k.Weight) < 0) return k;
        return Kinds[0];
    }

    private Dictionary<string, string[]> Answers(ServiceCategory c) => c.Fields.Where(f => f.Required)
        .ToDictionary(f => f.Code, f => f.Options is { Count: > 0 } o ? new[] { o[_rng.Next(o.Count)].Key } : f.Code == TicketEdits.CertificateField ? ["居住证明"] : ["子女入学"]);

    private static List<ServiceCategory> Standard() => [.. CatalogueEdits.Standard.Select((c, i) => new ServiceCategory(c.Code, c.Name, c.Group, c.HandlerRole, i + 1,
        c.AcceptDays, c.HandleDays, c.UrgentAcceptHours, c.UrgentHandleHours, c.Fields, c.Description, c.Keywords))];

    private static TicketCounter Counter(OrgUnit community, int year, int last)
    {
        var c = new TicketCounter(community.DistrictId, community.Id, year);
        c.Set(last);
        return c;
    }
}
