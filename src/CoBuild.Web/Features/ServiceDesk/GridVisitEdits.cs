using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record FoundIssue(string CategoryCode, string Description, string? Address = null, Dictionary<string, string[]>? Fields = null, bool Urgent = false);

public sealed record GridVisitInput(int GridId, DateOnly? VisitedOn, int Households, string? Notes, IReadOnlyList<FoundIssue>? Issues);

public sealed record GridVisitRow(int Id, int GridId, string GridName, string Cadre, string CadreName, DateOnly VisitedOn, int Households, int IssuesFound,
    string? Notes, IReadOnlyList<string> Requests);

internal static class GridVisitEdits
{
    public const int MaxIssues = 10;

    /// <summary>Logs the visit, then files each issue found as a request of the grid's community (each in its own transaction, like any intake).</summary>
    public static async Task<GridVisitRow> LogAsync(AppDbContext db, Caller caller, GridVisitInput input, TimeProvider clock, CancellationToken ct)
    {
        var grid = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.GridId, ct) ?? throw new InvalidInput("gridId", "网格不存在。");
        caller.Require(grid);
        if (grid.Level != OrgLevel.Grid) throw new InvalidInput("gridId", "请选择一个网格。");
        var issues = input.Issues ?? [];
        if (issues.Count > MaxIssues) throw new InvalidInput("issues", $"一次走访最多登记 {MaxIssues} 个问题，其余请分次登记。");
        var now = clock.GetUtcNow();
        var today = Display.Today(clock);
        var name = await db.Users.Where(u => u.UserName == caller.UserName).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? caller.UserName;
        var visit = new GridVisit(grid, caller.UserName, name, input.VisitedOn ?? today, today, input.Households, input.Notes, now);
        var catalogue = await TicketEdits.CurrentCatalogueAsync(db, grid.ParentId!.Value, ct);
        // Check every issue before anything is written, so a bad one does not leave half a visit.
        foreach (var (issue, i) in issues.Select((x, i) => (x, i)))
        {
            if (catalogue is null) throw new RuleViolation("本社区尚未发布服务目录，不能把问题转为事项。");
            try { catalogue.Offers(issue.CategoryCode).Answers(issue.Fields); }
            catch (InvalidInput e) { throw new InvalidInput($"issues[{i}].{e.Field}", e.Message); }
            if (string.IsNullOrWhiteSpace(issue.Description)) throw new InvalidInput($"issues[{i}].description", "请描述发现的问题。");
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.GridVisits.Add(visit);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, grid.DistrictId, caller.UserName, now, new AuditEvent("grid-visit", visit.Id, "log", null,
                new { visit.GridId, visit.VisitedOn, visit.Households, issues = issues.Count }), ct);
            await tx.CommitAsync(ct);
        }
        var numbers = new List<string>();
        foreach (var issue in issues)
        {
            var t = await TicketEdits.IntakeAsync(db, caller, new IntakeRequest(grid.ParentId.Value, issue.CategoryCode, issue.Description, null, null,
                issue.Urgent, issue.Fields, issue.Address ?? grid.Name, null, null, Patrol: true), null, null, now, ct);
            numbers.Add(t.Number);
        }
        if (numbers.Count > 0)
        {
            visit.Found(numbers);
            // Intake clears the change tracker (its counter step), so the visit is written back by id.
            await db.GridVisits.Where(v => v.Id == visit.Id).ExecuteUpdateAsync(x => x
                .SetProperty(v => v.IssuesFound, visit.IssuesFound).SetProperty(v => v.TicketNumbers, visit.TicketNumbers), ct);
        }
        return Row(visit, grid.Name);
    }

    public static async Task<List<GridVisitRow>> ListAsync(AppDbContext db, Caller caller, int? node, int? days, TimeProvider clock, CancellationToken ct)
    {
        var scope = node is { } id ? await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new UnknownId("组织不存在。") : null;
        if (scope is not null) caller.Require(scope);
        var from = Display.Today(clock).AddDays(-Math.Clamp(days ?? 31, 1, 366));
        var rows = await db.GridVisits.AsNoTracking().Under(v => v.Path, scope?.Path ?? caller.PathPrefix).Where(v => v.VisitedOn >= from)
            .Join(db.OrgUnits, v => v.GridId, o => o.Id, (v, o) => new { v, o.Name })
            .OrderByDescending(x => x.v.VisitedOn).ThenByDescending(x => x.v.Id).Take(500).ToListAsync(ct);
        return [.. rows.Select(x => Row(x.v, x.Name))];
    }

    private static GridVisitRow Row(GridVisit v, string gridName) => new(v.Id, v.GridId, gridName, v.Cadre, v.CadreName, v.VisitedOn, v.Households, v.IssuesFound,
        v.Notes, v.TicketNumbers?.Split(',') ?? []);
}
