using CoBuild.Web.Components;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Contracts;

/// <summary>The life of an organization contract; <see cref="Voided"/> is a draft withdrawn before anyone signed.</summary>
public enum ContractStatus { Draft, AwaitingSignatures, Active, Completed, Terminated, Expired, Voided }

public enum ContractSource { AuctionLot, Order, Need, Manual }

/// <summary>The two sides: the street or community party organization (甲方) and the unit (乙方).</summary>
public enum ContractSide { Party, Unit }

/// <summary>
/// 共建协议 between a street or community and a unit. Terms and commitments are edited only as a draft; the first
/// signature freezes them into a numbered <see cref="ContractVersion"/>, and later changes are amendments (new
/// versions both sides sign). <see cref="Version"/> is the version in force, <see cref="PendingVersion"/> one
/// being signed.
/// </summary>
public sealed class OrgContract
{
    private OrgContract() { }

    public OrgContract(OrgUnit party, int unitId, string title, DateOnly startsOn, DateOnly endsOn, ContractSource source, int? sourceId,
        int? projectId, DateTimeOffset now, string createdBy)
    {
        if (party.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "协议甲方须为街道或社区党组织。");
        DistrictId = party.DistrictId;
        OrgUnitId = party.Id;
        Path = party.Path;
        ResidentUnitId = unitId;
        Source = source;
        SourceId = sourceId;
        ProjectId = projectId;
        CreatedAt = UpdatedAt = now;
        CreatedBy = createdBy;
        Edit(title, startsOn, endsOn, Display.Day(now));
    }

    /// <summary>The draft an auction hammer writes: a year's term from the hammer day, the unit's pledge as its commitment.</summary>
    public static OrgContract FromAward(OrgUnit party, int unitId, string title, string commitment, decimal? pledge, string? pledgeUnit,
        int lotId, int? projectId, DateTimeOffset now, string createdBy)
    {
        var start = Display.Day(now);
        var contract = new OrgContract(party, unitId, Clip(title, 120), start, start.AddYears(1).AddDays(-1), ContractSource.AuctionLot, lotId, projectId, now, createdBy)
        {
            Pledge = pledge,
            PledgeUnit = pledgeUnit,
        };
        contract.Commitments.Add(new Commitment(ContractSide.Unit, Clip(commitment, 200), contract.EndsOn, CommitmentLink.AuctionLot, lotId));
        return contract;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    /// <summary>The street or community side.</summary>
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public string Path { get; private set; } = "";
    public int ResidentUnitId { get; private set; }
    public ResidentUnit? Unit { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    /// <summary>What an auction paddle pledged (yuan or hours), for the record.</summary>
    public decimal? Pledge { get; private set; }
    public string? PledgeUnit { get; private set; }
    public ContractStatus Status { get; private set; }
    public ContractSource Source { get; private set; }
    /// <summary>The lot, order or need it came from.</summary>
    public int? SourceId { get; private set; }
    public int? ProjectId { get; private set; }
    /// <summary>The version in force (0 while nothing is signed by both).</summary>
    public int Version { get; private set; }
    /// <summary>The version being signed: the first one, or an amendment.</summary>
    public int? PendingVersion { get; private set; }
    /// <summary>Commitments past their due date and not done; set by the overdue job.</summary>
    public int OverdueCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? EndReason { get; private set; }
    public List<Commitment> Commitments { get; private set; } = [];

    public string Number => NumberOf(Id);

    public const int MaxTermYears = 5;
    /// <summary>The platform's contracts begin in this century; an earlier start is a typing error.</summary>
    public static readonly DateOnly EarliestStart = new(2000, 1, 1);

    /// <summary>
    /// The term of a draft, an edit and an amendment alike: starting from 2000 and at most five years ahead of today,
    /// ending on or after the start and within five years of it. The start is bounded first, so the date arithmetic
    /// below it cannot overflow.
    /// </summary>
    public static void CheckTerm(DateOnly startsOn, DateOnly endsOn, DateOnly today)
    {
        var latest = today.AddYears(MaxTermYears);
        if (startsOn < EarliestStart || startsOn > latest)
            throw new InvalidInput("startsOn", $"协议开始日期须在 {Display.Date(EarliestStart)} 至 {Display.Date(latest)} 之间。");
        if (endsOn < startsOn) throw new InvalidInput("endsOn", "协议结束日期不能早于开始日期。");
        if (endsOn > startsOn.AddYears(MaxTermYears)) throw new InvalidInput("endsOn", $"协议期限不超过 {MaxTermYears} 年（最晚 {Display.Date(startsOn.AddYears(MaxTermYears))}）。");
    }

    public static string NumberOf(int id) => $"GJ-{id:D6}";

    public bool IsSignedByAnyone => Status != ContractStatus.Draft && Status != ContractStatus.Voided;

    public void Edit(string title, DateOnly startsOn, DateOnly endsOn, DateOnly today)
    {
        if (IsSignedByAnyone) throw new RuleViolation("协议已签署，不能直接修改；请发起补充协议（修订版本）。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 120) throw new InvalidInput("title", "协议名称不能为空，且不超过 120 个字。");
        CheckTerm(startsOn, endsOn, today);
        Title = title;
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    /// <summary>The first signature freezes the draft as version 1.</summary>
    internal void Freeze(int version, DateTimeOffset now)
    {
        if (Status == ContractStatus.Draft) Status = ContractStatus.AwaitingSignatures;
        PendingVersion = version;
        UpdatedAt = now;
    }

    /// <summary>Both sides signed the pending version: it comes into force.</summary>
    internal void Enact(ContractVersion v, DateTimeOffset now)
    {
        Version = v.Number;
        PendingVersion = null;
        Title = v.Title;
        StartsOn = v.StartsOn;
        EndsOn = v.EndsOn;
        if (Status == ContractStatus.AwaitingSignatures) Status = ContractStatus.Active;
        UpdatedAt = now;
    }

    internal void StartAmendment(int version, DateTimeOffset now)
    {
        if (Status != ContractStatus.Active) throw new RuleViolation($"只有履约中的协议可以修订（当前：{StatusName(Status)}）。");
        if (PendingVersion is not null) throw new RuleViolation($"第 {PendingVersion} 版修订尚未签署完毕，请先签署或撤回。");
        PendingVersion = version;
        UpdatedAt = now;
    }

    public void End(ContractStatus status, string? reason, DateTimeOffset now)
    {
        if (status is not (ContractStatus.Completed or ContractStatus.Terminated or ContractStatus.Expired)) throw new ArgumentOutOfRangeException(nameof(status));
        if (Status is not (ContractStatus.Active or ContractStatus.AwaitingSignatures) || (status != ContractStatus.Terminated && Status != ContractStatus.Active))
            throw new RuleViolation($"协议当前为“{StatusName(Status)}”，不能{(status == ContractStatus.Terminated ? "终止" : "结束")}。");
        Status = status;
        PendingVersion = null;
        EndReason = reason;
        UpdatedAt = now;
    }

    internal void SetOverdueCount(int n) => OverdueCount = n;

    /// <summary>Only an unsigned draft can be withdrawn (an undone hammer).</summary>
    public bool Void()
    {
        if (Status != ContractStatus.Draft) return false;
        Status = ContractStatus.Voided;
        return true;
    }

    public static bool IsOpen(ContractStatus s) => s is ContractStatus.Draft or ContractStatus.AwaitingSignatures or ContractStatus.Active;

    public static string StatusName(ContractStatus s) => s switch
    {
        ContractStatus.Draft => "草稿", ContractStatus.AwaitingSignatures => "待签署", ContractStatus.Active => "履约中",
        ContractStatus.Completed => "已完成", ContractStatus.Terminated => "已终止", ContractStatus.Expired => "已到期", _ => "已作废",
    };

    public static string SideName(ContractSide s) => s == ContractSide.Party ? "甲方" : "乙方";

    private static string Clip(string s, int n) => s.Length > n ? s[..n] : s;
}
