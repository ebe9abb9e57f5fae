using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Projects;

public enum ParticipantRole { Lead, Partner, Funder, Supervisor }

public enum BudgetSource { Street, Community, Unit, Department, Government, Donation }

/// <summary>An organization taking part: a street or community node, or a unit (companies, hospitals, departments).</summary>
public sealed class ProjectParticipant
{
    private ProjectParticipant() { }

    public ProjectParticipant(int? orgUnitId, int? unitId, ParticipantRole role, string? duty)
    {
        if ((orgUnitId is null) == (unitId is null)) throw new InvalidInput("participant", "参与方须是一个社区/街道或一个单位。");
        if (!Enum.IsDefined(role)) throw new InvalidInput("role", "角色只能是 Lead、Partner、Funder 或 Supervisor。");
        OrgUnitId = orgUnitId;
        ResidentUnitId = unitId;
        Role = role;
        Duty = duty?.Trim() is { Length: > 0 } d ? (d.Length > 200 ? d[..200] : d) : null;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public int? OrgUnitId { get; private set; }
    public Organizations.OrgUnit? OrgUnit { get; private set; }
    public int? ResidentUnitId { get; private set; }
    public Organizations.ResidentUnit? Unit { get; private set; }
    public ParticipantRole Role { get; private set; }
    public string? Duty { get; private set; }

    public static string RoleName(ParticipantRole r) => r switch
    {
        ParticipantRole.Lead => "牵头", ParticipantRole.Partner => "共建", ParticipantRole.Funder => "出资", _ => "监督",
    };
}

public sealed class Milestone
{
    private Milestone() { }

    public Milestone(string title, DateOnly dueOn)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "节点名称不能为空，且不超过 80 个字。");
        Title = title;
        DueOn = dueOn;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateOnly? DoneOn { get; private set; }

    internal void Complete(DateOnly on)
    {
        if (DoneOn is not null) throw new RuleViolation("该节点已完成。");
        DoneOn = on;
    }
}

/// <summary>Money for the project by where it comes from, in yuan.</summary>
public sealed class BudgetLine
{
    private BudgetLine() { }

    public BudgetLine(BudgetSource source, string funder, decimal amount)
    {
        if (!Enum.IsDefined(source)) throw new InvalidInput("source", "资金来源只能是 Street、Community、Unit、Department、Government 或 Donation。");
        funder = funder?.Trim() ?? "";
        if (funder.Length is 0 or > 80) throw new InvalidInput("funder", "请填写出资方，不超过 80 个字。");
        if (amount is <= 0 or > 1_000_000_000) throw new InvalidInput("amount", "金额须大于 0 元，不超过 10 亿元。");
        Source = source;
        Funder = funder;
        Amount = decimal.Round(amount, 2);
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public BudgetSource Source { get; private set; }
    public string Funder { get; private set; } = "";
    public decimal Amount { get; private set; }

    public static string SourceName(BudgetSource s) => s switch
    {
        BudgetSource.Street => "街道", BudgetSource.Community => "社区", BudgetSource.Unit => "共建单位", BudgetSource.Department => "区级部门",
        BudgetSource.Government => "财政专项", _ => "社会捐助",
    };
}

/// <summary>A resident's rating of a finished project: one per account, 1 to 5.</summary>
public sealed class ProjectRating
{
    private ProjectRating() { }

    public ProjectRating(int projectId, string userName, int score, string? comment, DateTimeOffset now)
    {
        if (score is < 1 or > 5) throw new InvalidInput("score", "评分为 1 到 5 星。");
        ProjectId = projectId;
        UserName = userName;
        Score = score;
        Comment = comment?.Trim() is { Length: > 0 } c ? (c.Length > 300 ? c[..300] : c) : null;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public string UserName { get; private set; } = "";
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
