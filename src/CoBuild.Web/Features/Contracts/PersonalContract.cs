using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Contracts;

public enum PersonalContractStatus { Active, Completed, Terminated }

public enum ServiceLogStatus { Pending, Confirmed, Rejected }

/// <summary>
/// 人人契约: a party member's contract with the community where they live (their 双报到 registration) for one year:
/// services chosen from that community's service menu and the hours pledged. One contract per member and year that is not
/// terminated (a unique index holds that under parallel signing).
/// </summary>
public sealed class PersonalContract
{
    private PersonalContract() { }

    public PersonalContract(int districtId, int partyMemberId, int communityId, string path, int year, decimal pledgedHours, int? campaignId,
        string contentHash, DateTimeOffset now, string by)
    {
        if (pledgedHours is < 1 or > 500) throw new InvalidInput("pledgedHours", "承诺服务时长为 1 到 500 小时。");
        DistrictId = districtId;
        PartyMemberId = partyMemberId;
        CommunityId = communityId;
        Path = path;
        Year = year;
        PledgedHours = pledgedHours;
        CampaignId = campaignId;
        ContentHash = contentHash;
        SignedAt = now;
        SignedBy = by;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int PartyMemberId { get; private set; }
    public Members.PartyMember? PartyMember { get; private set; }
    public int CommunityId { get; private set; }
    public Organizations.OrgUnit? Community { get; private set; }
    /// <summary>The community's path, for scope filters without a join.</summary>
    public string Path { get; private set; } = "";
    public int Year { get; private set; }
    public decimal PledgedHours { get; private set; }
    /// <summary>Confirmed service hours, kept in step with the confirmed logs.</summary>
    public decimal HoursDone { get; private set; }
    public PersonalContractStatus Status { get; private set; }
    public int? CampaignId { get; private set; }
    public string ContentHash { get; private set; } = "";
    public DateTimeOffset SignedAt { get; private set; }
    public string SignedBy { get; private set; } = "";
    /// <summary>Yearly evaluation by the community: 优秀, 良好, 合格 or 不合格, with the hours done at that time.</summary>
    public string? Grade { get; private set; }
    public string? GradeComment { get; private set; }
    public DateTimeOffset? EvaluatedAt { get; private set; }
    public string? EvaluatedBy { get; private set; }
    public List<PersonalContractItem> Items { get; private set; } = [];

    public static readonly string[] Grades = ["优秀", "良好", "合格", "不合格"];

    internal void Evaluate(string grade, string? comment, DateTimeOffset now, string by)
    {
        if (!Grades.Contains(grade)) throw new InvalidInput("grade", "评定等次只能是 优秀、良好、合格 或 不合格。");
        if (Status == PersonalContractStatus.Terminated) throw new RuleViolation("契约已解除，不能评定。");
        Grade = grade;
        GradeComment = comment?.Trim() is { Length: > 0 } c ? (c.Length > 500 ? c[..500] : c) : null;
        EvaluatedAt = now;
        EvaluatedBy = by;
        Status = PersonalContractStatus.Completed;
    }

    internal void Terminate()
    {
        if (Status != PersonalContractStatus.Active) throw new RuleViolation("只有履约中的契约可以解除。");
        Status = PersonalContractStatus.Terminated;
    }

    public static string StatusName(PersonalContractStatus s) => s switch
    {
        PersonalContractStatus.Active => "履约中", PersonalContractStatus.Completed => "已评定", _ => "已解除",
    };
}

/// <summary>A service the member chose from the community's service menu; the title is kept as signed.</summary>
public sealed class PersonalContractItem
{
    private PersonalContractItem() { }

    public PersonalContractItem(int? serviceItemId, string title)
    {
        ServiceItemId = serviceItemId;
        Title = title.Length > 80 ? title[..80] : title;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public int? ServiceItemId { get; private set; }
    public string Title { get; private set; } = "";
}

/// <summary>Service a member logged from the phone; counts once the community confirms it.</summary>
public sealed class ServiceLog
{
    private ServiceLog() { }

    public ServiceLog(PersonalContract contract, DateOnly on, decimal hours, string what, DateOnly today, DateTimeOffset now)
    {
        what = what?.Trim() ?? "";
        if (what.Length is 0 or > 200) throw new InvalidInput("what", "请填写服务内容，不超过 200 个字。");
        if (hours is <= 0 or > 24 || hours * 2 != Math.Round(hours * 2)) throw new InvalidInput("hours", "服务时长为 0.5 到 24 小时，以半小时计。");
        if (on > today) throw new InvalidInput("on", "服务日期不能晚于今天。");
        if (on.Year != contract.Year) throw new InvalidInput("on", $"服务日期须在契约年度 {contract.Year} 年内。");
        if (contract.Status != PersonalContractStatus.Active) throw new RuleViolation("契约不在履约中，不能登记服务。");
        DistrictId = contract.DistrictId;
        ContractId = contract.Id;
        PartyMemberId = contract.PartyMemberId;
        Path = contract.Path;
        On = on;
        Hours = hours;
        What = what;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public int DistrictId { get; private set; }
    public int ContractId { get; private set; }
    public int PartyMemberId { get; private set; }
    public string Path { get; private set; } = "";
    public DateOnly On { get; private set; }
    public decimal Hours { get; private set; }
    public string What { get; private set; } = "";
    public int? PhotoId { get; internal set; }
    public ServiceLogStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    public string? AnswerNote { get; private set; }

    internal void Answer(bool confirm, string? note, DateTimeOffset now, string by)
    {
        if (Status != ServiceLogStatus.Pending) throw new RuleViolation("该服务记录已确认或退回。");
        if (!confirm && string.IsNullOrWhiteSpace(note)) throw new InvalidInput("note", "退回时请写明原因。");
        Status = confirm ? ServiceLogStatus.Confirmed : ServiceLogStatus.Rejected;
        AnswerNote = note?.Trim();
        AnsweredAt = now;
        AnsweredBy = by;
    }

    public static string StatusName(ServiceLogStatus s) => s switch { ServiceLogStatus.Pending => "待确认", ServiceLogStatus.Confirmed => "已确认", _ => "已退回" };
}

/// <summary>
/// A signing campaign of a community or street for a year: every member registered below it is invited; progress
/// is counted from the registrations and the contracts, and each reminder is a row with how many it reached.
/// </summary>
public sealed class SigningCampaign
{
    private SigningCampaign() { }

    public SigningCampaign(Organizations.OrgUnit owner, int year, string title, decimal suggestedHours, DateTimeOffset now, string by)
    {
        if (owner.Level is not (Organizations.OrgLevel.Street or Organizations.OrgLevel.Community)) throw new InvalidInput("orgUnitId", "签约活动由街道或社区发起。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "活动名称不能为空，且不超过 80 个字。");
        if (year < 2000 || year > now.Year + 1) throw new InvalidInput("year", $"年度须在 2000 到 {now.Year + 1} 之间。");
        if (suggestedHours is < 1 or > 500) throw new InvalidInput("suggestedHours", "建议时长为 1 到 500 小时。");
        DistrictId = owner.DistrictId;
        OrgUnitId = owner.Id;
        Path = owner.Path;
        Year = year;
        Title = title;
        SuggestedHours = suggestedHours;
        CreatedAt = now;
        CreatedBy = by;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Organizations.OrgUnit? OrgUnit { get; private set; }
    public string Path { get; private set; } = "";
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public decimal SuggestedHours { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? LastRemindedAt { get; internal set; }
    public int Reminders { get; internal set; }
}
