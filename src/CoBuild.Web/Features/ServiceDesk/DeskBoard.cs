using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public enum Light { Green, Yellow, Red }

/// <summary>One line of the overdue board: a community, a worker, a platform or a department.</summary>
public sealed record BoardLine(string Name, int Total, int Open, int Overdue, double OverdueShare, Light Light);

public sealed record LevelShare(TicketLevel Level, int Closed, double Share);

/// <summary>A cadre's walks in one month (干部走进网格).</summary>
public sealed record VisitLine(string Cadre, string Month, int Visits, int Households, int IssuesFound);

public sealed record DeskBoardView(int NodeId, string NodeName, OrgLevel NodeLevel, DateTimeOffset From, int Total, int Closed, int Open, int Overdue,
    IReadOnlyList<LevelShare> ClosedAt, IReadOnlyList<BoardLine> Lines, IReadOnlyList<BoardLine> Platforms, IReadOnlyList<BoardLine> Departments,
    double? Satisfied, int Rated, IReadOnlyList<VisitLine> Visits);

/// <summary>
/// The traffic-light board of the living room and the command room, over the last 365 days. A line is red when 80 %
/// or more of the requests it still holds are past their deadline, yellow from 40 %, green below (a line holding
/// nothing is green); see docs/decisions.md, "Issue 15: the board".
/// </summary>
internal static class DeskBoard
{
    public static Light LightOf(int open, int overdue) => open == 0 ? Light.Green : ((double)overdue / open) switch
    {
        >= 0.8 => Light.Red,
        >= 0.4 => Light.Yellow,
        _ => Light.Green,
    };

    public static async Task<DeskBoardView> ForAsync(AppDbContext db, Caller caller, int? nodeId, DateTimeOffset now, CancellationToken ct)
    {
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (nodeId ?? caller.ScopeOrgUnitId), ct) ?? throw new UnknownId("组织不存在。");
        caller.Require(node);
        var from = now.AddDays(-365);
        var rows = await db.Tickets.AsNoTracking().Under(t => t.Path, node.Path).Where(t => t.ReceivedAt >= from)
            .Select(t => new Slim(t.CommunityId, t.Assignee, t.Status, t.Level, t.ClosedLevel, t.DueBy, t.Platform, t.DepartmentUnitId, t.Rating))
            .ToListAsync(ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.ParentId == node.Id || o.Id == node.Id).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var deptNames = await db.ResidentUnits.AsNoTracking().Where(u => u.Kind == UnitKind.DistrictDepartment).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        BoardLine Line(string name, IEnumerable<Slim> items)
        {
            var list = items.ToList();
            var open = list.Count(x => x.Status != TicketStatus.Closed);
            var overdue = list.Count(x => x.Status != TicketStatus.Closed && x.DueBy <= now);
            return new BoardLine(name, list.Count, open, overdue, open == 0 ? 0 : Math.Round((double)overdue / open, 3), LightOf(open, overdue));
        }

        var assignees = rows.Select(r => r.Assignee).OfType<string>().Distinct().ToList();
        var people = node.Level != OrgLevel.Community ? [] : await db.Users.AsNoTracking().Where(u => assignees.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        var lines = node.Level == OrgLevel.Community
            ? rows.Where(r => r.Level == TicketLevel.Community).GroupBy(r => r.Assignee is null ? "（未指派）" : people.GetValueOrDefault(r.Assignee, r.Assignee))
                .Select(g => Line(g.Key, g)).ToList()
            : rows.GroupBy(r => r.CommunityId).Select(g => Line(names.GetValueOrDefault(g.Key) ?? $"#{g.Key}", g)).ToList();
        var since = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, WorkingDays.Shanghai).Date).AddMonths(-5);
        since = new DateOnly(since.Year, since.Month, 1);
        var visits = (await db.GridVisits.AsNoTracking().Under(v => v.Path, node.Path).Where(v => v.VisitedOn >= since)
                .Select(v => new { v.CadreName, v.VisitedOn, v.Households, v.IssuesFound }).ToListAsync(ct))
            .GroupBy(v => (v.CadreName, Month: $"{v.VisitedOn:yyyy-MM}"))
            .Select(g => new VisitLine(g.Key.CadreName, g.Key.Month, g.Count(), g.Sum(v => v.Households), g.Sum(v => v.IssuesFound)))
            .OrderByDescending(v => v.Month).ThenByDescending(v => v.Visits).ThenBy(v => v.Cadre, StringComparer.Ordinal).ToList();
        var closed = rows.Where(r => r.Status == TicketStatus.Closed).ToList();
        var rated = rows.Where(r => r.Rating is not null).ToList();
        return new DeskBoardView(node.Id, node.Name, node.Level, from, rows.Count, closed.Count, rows.Count - closed.Count,
            rows.Count(r => r.Status != TicketStatus.Closed && r.DueBy <= now),
            [.. Enum.GetValues<TicketLevel>().Select(l => new LevelShare(l, closed.Count(c => c.ClosedLevel == l),
                closed.Count == 0 ? 0 : Math.Round((double)closed.Count(c => c.ClosedLevel == l) / closed.Count, 3)))],
            [.. lines.OrderByDescending(l => l.Light).ThenByDescending(l => l.Overdue).ThenBy(l => l.Name, StringComparer.Ordinal)],
            [.. rows.Where(r => r.Platform is not null && r.Level == TicketLevel.Street).GroupBy(r => r.Platform!.Value).OrderBy(g => g.Key).Select(g => Line(Ticket.PlatformName(g.Key), g))],
            [.. rows.Where(r => r.DepartmentUnitId is not null).GroupBy(r => r.DepartmentUnitId!.Value).Select(g => Line(deptNames.GetValueOrDefault(g.Key) ?? $"#{g.Key}", g))
                .OrderByDescending(l => l.Light).ThenBy(l => l.Name, StringComparer.Ordinal)],
            rated.Count == 0 ? null : Math.Round((double)rated.Count(r => r.Rating == Satisfaction.Satisfied) / rated.Count, 3), rated.Count, visits);
    }

    private sealed record Slim(int CommunityId, string? Assignee, TicketStatus Status, TicketLevel Level, TicketLevel? ClosedLevel, DateTimeOffset DueBy,
        Platform? Platform, int? DepartmentUnitId, Satisfaction? Rating);
}
