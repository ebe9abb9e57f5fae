using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Projects;

/// <summary>Where a project came from; later issues add the livelihood vote as a source.</summary>
public enum ProjectSource { Need, Order, AuctionLot, LivelihoodVote, GovernmentTask }

public enum ProjectStatus { Planned, InProgress, Completed }

/// <summary>
/// An item of the project list (项目清单): a co-construction project led by a street or community, with its
/// participants, milestones, budget by source, documents (<see cref="Files.StoredFile"/> rows owned by "project"),
/// the community's acceptance and the residents' ratings (kept summed here so lists need no join).
/// </summary>
public sealed class Project
{
    private Project() { }

    public Project(OrgUnit lead, int? categoryId, string title, string? description, ProjectSource source, int? sourceId, DateOnly startsOn, DateTimeOffset now)
    {
        if (lead.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "项目由街道或社区牵头。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "项目名称不能为空，且不超过 80 个字。");
        DistrictId = lead.DistrictId;
        OrgUnitId = lead.Id;
        Path = lead.Path;
        CategoryId = categoryId;
        Title = title;
        Description = description?.Trim() ?? "";
        Source = source;
        SourceId = sourceId;
        StartsOn = startsOn;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public string Path { get; private set; } = "";
    public int? CategoryId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public ProjectSource Source { get; private set; }
    public int? SourceId { get; private set; }
    public ProjectStatus Status { get; private set; }
    public int Progress { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? AcceptedBy { get; private set; }
    public string? AcceptanceNote { get; private set; }
    public int RatingCount { get; private set; }
    public int RatingSum { get; private set; }
    public List<ProjectParticipant> Participants { get; private set; } = [];
    public List<Milestone> Milestones { get; private set; } = [];
    public List<BudgetLine> Budget { get; private set; } = [];

    public double? Rating => RatingCount == 0 ? null : Math.Round((double)RatingSum / RatingCount, 1);

    public void Plan(DateOnly? endsOn)
    {
        if (endsOn < StartsOn) throw new InvalidInput("endsOn", "计划完成日期不能早于开始日期。");
        EndsOn = endsOn;
    }

    /// <summary>The community (or the street that leads) accepts a finished project; residents may rate it from then on.</summary>
    public void Accept(string? note, DateTimeOffset now, string by)
    {
        if (Status != ProjectStatus.Completed) throw new RuleViolation("项目进度达到 100% 后才能验收。");
        if (AcceptedAt is not null) throw new RuleViolation("项目已验收。");
        AcceptedAt = now;
        AcceptedBy = by;
        AcceptanceNote = note?.Trim() is { Length: > 0 } n ? (n.Length > 500 ? n[..500] : n) : null;
    }

    internal void CountRating(int score)
    {
        RatingCount++;
        RatingSum += score;
    }

    public void ReportProgress(int percent)
    {
        if (percent is < 0 or > 100) throw new InvalidInput("progress", "进度为 0 到 100。");
        if (AcceptedAt is not null) throw new RuleViolation("项目已验收，进度不再变更。");
        Progress = percent;
        Status = percent == 100 ? ProjectStatus.Completed : percent > 0 ? ProjectStatus.InProgress : ProjectStatus.Planned;
    }

    public static string StatusName(ProjectStatus s) => s switch { ProjectStatus.Planned => "筹备中", ProjectStatus.InProgress => "实施中", _ => "已完成" };
}
