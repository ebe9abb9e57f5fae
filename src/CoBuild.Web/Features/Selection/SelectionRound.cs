using CoBuild.Matching;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Selection;

public enum RoundStatus { Open, Closed, Confirmed }

/// <summary>
/// A two-way selection round (菜单式双向选择) of one street: units rank needs, communities rank units per need;
/// closing runs deferred acceptance and stores the pairs; the street then confirms them into orders.
/// </summary>
public sealed class SelectionRound
{
    private readonly List<RoundNeed> _needs = [];
    private readonly List<RoundUnit> _units = [];

    private SelectionRound() { }

    public SelectionRound(OrgUnit street, string title, int maxRanks, int unitCapacity, Proposer proposer, DateTimeOffset now, string createdBy,
        DateTimeOffset? rankingDeadline = null)
    {
        if (street.Level != OrgLevel.Street) throw new InvalidInput("streetId", "双向选择由街道发起。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "轮次名称不能为空，且不超过 80 个字。");
        if (maxRanks is < 1 or > 50) throw new InvalidInput("maxRanks", "每家单位可选需求数必须在 1 到 50 之间。");
        if (unitCapacity is < 1 or > 20) throw new InvalidInput("unitCapacity", "每家单位可承接需求数必须在 1 到 20 之间。");
        DistrictId = street.DistrictId;
        UnitCapacity = unitCapacity;
        StreetId = street.Id;
        Path = street.Path;
        Title = title;
        MaxRanks = maxRanks;
        Proposer = proposer;
        CreatedAt = now;
        CreatedBy = createdBy;
        SetRankingDeadline(rankingDeadline);
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int StreetId { get; private set; }
    public string Path { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>k: how many needs a unit may rank.</summary>
    public int MaxRanks { get; private set; }
    /// <summary>How many needs one unit may take in this round.</summary>
    public int UnitCapacity { get; private set; }
    public Proposer Proposer { get; private set; }
    public RoundStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    /// <summary>Units and communities hand in their rankings until then (null: until the street closes the round).</summary>
    public DateTimeOffset? RankingDeadline { get; private set; }
    public IReadOnlyList<RoundNeed> Needs => _needs;
    public IReadOnlyList<RoundUnit> Units => _units;

    public void AddNeed(int needId, int capacity) => _needs.Add(new RoundNeed(needId, capacity));
    public void AddUnit(int unitId, int order) => _units.Add(new RoundUnit(unitId, order));

    /// <summary>The street sets or moves the deadline while the round is open; it lies after the round began and within a year.</summary>
    public void SetRankingDeadline(DateTimeOffset? deadline)
    {
        if (Status != RoundStatus.Open) throw new RuleViolation("本轮双向选择已截止，不能再修改志愿截止时间。");
        if (deadline is { } d && (d <= CreatedAt || d > CreatedAt.AddYears(1)))
            throw new InvalidInput("rankingDeadline", "志愿截止时间须晚于发起时间，且在一年之内。");
        RankingDeadline = deadline?.ToUniversalTime();
    }

    /// <summary>Rankings are taken while the round is open and its deadline (if any) has not passed.</summary>
    public bool TakesRankings(DateTimeOffset now) => Status == RoundStatus.Open && (RankingDeadline is not { } d || now < d);

    public void RequireOpen()
    {
        if (Status != RoundStatus.Open) throw new RuleViolation($"本轮双向选择已{(Status == RoundStatus.Closed ? "截止" : "确认")}，不能再修改志愿。");
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != RoundStatus.Open) throw new RuleViolation("本轮双向选择已经截止，不能重复截止。");
        Status = RoundStatus.Closed;
        ClosedAt = now;
    }

    public void Confirm(DateTimeOffset now)
    {
        if (Status == RoundStatus.Open) throw new RuleViolation("请先截止本轮，再确认结果。");
        if (Status == RoundStatus.Confirmed) throw new RuleViolation("本轮结果已经确认，不能重复确认。");
        Status = RoundStatus.Confirmed;
        ConfirmedAt = now;
    }

    public static string StatusName(RoundStatus s) => s switch { RoundStatus.Open => "志愿填报中", RoundStatus.Closed => "已截止待确认", _ => "已确认" };
}

/// <summary>A need in a round with its capacity; after closing, whether it is contested (see RoundResults).</summary>
public sealed class RoundNeed
{
    private RoundNeed() { }
    internal RoundNeed(int needId, int capacity)
    {
        if (capacity < 1) throw new InvalidInput("capacity", "可共建单位数至少为 1。");
        NeedId = needId;
        Capacity = capacity;
    }
    public int Id { get; private set; }
    public int SelectionRoundId { get; private set; }
    public int NeedId { get; private set; }
    public int Capacity { get; private set; }
    public bool Contested { get; internal set; }
}

/// <summary>A unit of the street's alliance in a round; <see cref="Order"/> is the declared tie rule (earlier joined first).</summary>
public sealed class RoundUnit
{
    private RoundUnit() { }
    internal RoundUnit(int unitId, int order) { ResidentUnitId = unitId; Order = order; }
    public int Id { get; private set; }
    public int SelectionRoundId { get; private set; }
    public int ResidentUnitId { get; private set; }
    public int Order { get; private set; }
}

/// <summary>One line of a preference list: a unit ranking a need (<see cref="RankSide.Unit"/>) or a need's community ranking a unit.</summary>
public sealed class RoundRanking
{
    private RoundRanking() { }
    public RoundRanking(int roundId, RankSide side, int needId, int unitId, int rank) { SelectionRoundId = roundId; Side = side; NeedId = needId; ResidentUnitId = unitId; Rank = rank; }
    public long Id { get; private set; }
    public int SelectionRoundId { get; private set; }
    public RankSide Side { get; private set; }
    public int NeedId { get; private set; }
    public int ResidentUnitId { get; private set; }
    public int Rank { get; private set; }
}

public enum RankSide { Unit, Need }

/// <summary>The outcome for one (unit, need) pair that either side listed: matched or why not.</summary>
public sealed class RoundOutcome
{
    private RoundOutcome() { }
    public RoundOutcome(int roundId, int needId, int unitId, MissReason reason) { SelectionRoundId = roundId; NeedId = needId; ResidentUnitId = unitId; Reason = reason; }
    public long Id { get; private set; }
    public int SelectionRoundId { get; private set; }
    public int NeedId { get; private set; }
    public int ResidentUnitId { get; private set; }
    public MissReason Reason { get; private set; }
    public int? OrderId { get; internal set; }
}
