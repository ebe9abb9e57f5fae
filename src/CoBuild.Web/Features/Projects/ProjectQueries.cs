using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Projects;

public sealed record ParticipantRow(int? OrgUnitId, int? UnitId, string Name, ParticipantRole Role, string RoleName, string? Duty);
public sealed record MilestoneRow(int Id, string Title, DateOnly DueOn, DateOnly? DoneOn);
public sealed record BudgetRow(BudgetSource Source, string SourceName, string Funder, decimal Amount);
public sealed record DocumentRow(int Id, string Name, string ContentType, bool IsImage, DateTimeOffset CreatedAt);
public sealed record TimelineRow(DateTimeOffset At, string Action, string? Detail);
public sealed record ProjectDetail(int Id, string Title, string Description, int OrgUnitId, string OrgUnit, string? Street, ProjectSource Source, string SourceName, int? SourceId,
    ProjectStatus Status, string StatusName, int Progress, DateOnly StartsOn, DateOnly? EndsOn, DateTimeOffset? AcceptedAt, string? AcceptanceNote, double? Rating, int RatingCount,
    List<ParticipantRow> Participants, List<MilestoneRow> Milestones, List<BudgetRow> Budget, decimal BudgetTotal, List<DocumentRow> Documents, List<TimelineRow> Timeline, int Contracts);

/// <summary>The public project page: everything in a fixed number of statements.</summary>
internal static class ProjectQueries
{
    public static async Task<ProjectDetail> DetailAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.Title, x.Description, x.OrgUnitId, Lead = x.OrgUnit!.Name, x.OrgUnit.Level, ParentName = db.OrgUnits.Where(o => o.Id == x.OrgUnit.ParentId).Select(o => o.Name).FirstOrDefault(),
            x.Source, x.SourceId, x.Status, x.Progress, x.StartsOn, x.EndsOn, x.AcceptedAt, x.AcceptanceNote, x.RatingCount, x.RatingSum,
        }).FirstOrDefaultAsync(ct) ?? throw new UnknownId("项目不存在。");
        var participants = await db.ProjectParticipants.AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.Role).ThenBy(x => x.Id)
            .Select(x => new ParticipantRow(x.OrgUnitId, x.ResidentUnitId, x.OrgUnit != null ? x.OrgUnit.Name : x.Unit!.Name, x.Role, "", x.Duty)).ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.DueOn).ThenBy(x => x.Id)
            .Select(x => new MilestoneRow(x.Id, x.Title, x.DueOn, x.DoneOn)).ToListAsync(ct);
        var budget = await db.BudgetLines.AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.Id).Select(x => new BudgetRow(x.Source, "", x.Funder, x.Amount)).ToListAsync(ct);
        var documents = await db.Files.AsNoTracking().Where(f => f.Owner == "project" && f.OwnerId == id).OrderBy(f => f.Id)
            .Select(f => new DocumentRow(f.Id, f.Name, f.ContentType, f.ContentType.StartsWith("image/"), f.CreatedAt)).ToListAsync(ct);
        var timeline = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == ProjectEdits.Entity && a.EntityId == id).OrderBy(a => a.Seq)
            .Select(a => new TimelineRow(a.At, a.Action, a.After)).ToListAsync(ct);
        var contracts = await db.OrgContracts.CountAsync(c => c.ProjectId == id && c.Status != ContractStatus.Voided, ct);
        return new ProjectDetail(p.Id, p.Title, p.Description, p.OrgUnitId, p.Lead, p.Level == Organizations.OrgLevel.Street ? p.Lead : p.ParentName, p.Source, SourceName(p.Source), p.SourceId,
            p.Status, Project.StatusName(p.Status), p.Progress, p.StartsOn, p.EndsOn, p.AcceptedAt, p.AcceptanceNote,
            p.RatingCount == 0 ? null : Math.Round((double)p.RatingSum / p.RatingCount, 1), p.RatingCount,
            participants.Select(x => x with { RoleName = ProjectParticipant.RoleName(x.Role) }).ToList(), milestones,
            budget.Select(b => b with { SourceName = BudgetLine.SourceName(b.Source) }).ToList(), budget.Sum(b => b.Amount), documents,
            timeline.Select(t => t with { Action = ActionName(t.Action) }).ToList(), contracts);
    }

    public static string SourceName(ProjectSource s) => s switch
    {
        ProjectSource.Need => "社区需求", ProjectSource.Order => "按需点单", ProjectSource.AuctionLot => "项目拍卖会", ProjectSource.LivelihoodVote => "民生实事票决", _ => "政府中心工作",
    };

    public static string ActionName(string action) => action switch
    {
        "create" => "立项", "participant" => "新增参与方", "milestone" => "新增节点", "milestone-done" => "节点完成", "budget" => "资金到位", "progress" => "进度更新",
        "accept" => "社区验收", "document" => "上传资料", "rating" => "居民评价", _ => action,
    };
}
