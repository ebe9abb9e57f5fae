using CoBuild.Web.Features.Organizations;

namespace CoBuild.Web.Features.Contracts;

/// <summary>The life of an organization contract; <see cref="Voided"/> is a draft withdrawn before anyone signed.</summary>
public enum ContractStatus { Draft, AwaitingSignatures, Active, Completed, Terminated, Expired, Voided }

public enum ContractSource { AuctionLot, Order, Need, Manual }

/// <summary>
/// 共建协议 between a street or community and a unit. For now only the draft that an auction hammer writes:
/// the parties, where it came from and the unit's commitment. The contracts issue adds terms, signatures and versions.
/// </summary>
public sealed class OrgContract
{
    private OrgContract() { }

    public OrgContract(OrgUnit party, int unitId, string title, string commitment, decimal? pledge, string? pledgeUnit,
        ContractSource source, int sourceId, int? projectId, DateTimeOffset now, string createdBy)
    {
        DistrictId = party.DistrictId;
        OrgUnitId = party.Id;
        Path = party.Path;
        ResidentUnitId = unitId;
        Title = title.Length > 120 ? title[..120] : title;
        Commitment = commitment.Length > 2000 ? commitment[..2000] : commitment;
        Pledge = pledge;
        PledgeUnit = pledgeUnit;
        Source = source;
        SourceId = sourceId;
        ProjectId = projectId;
        CreatedAt = now;
        CreatedBy = createdBy;
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
    public string Commitment { get; private set; } = "";
    public decimal? Pledge { get; private set; }
    public string? PledgeUnit { get; private set; }
    public ContractStatus Status { get; private set; }
    public ContractSource Source { get; private set; }
    /// <summary>The lot, order or need it came from.</summary>
    public int SourceId { get; private set; }
    public int? ProjectId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    /// <summary>Only an unsigned draft can be withdrawn (an undone hammer).</summary>
    public bool Void()
    {
        if (Status != ContractStatus.Draft) return false;
        Status = ContractStatus.Voided;
        return true;
    }

    public static string StatusName(ContractStatus s) => s switch
    {
        ContractStatus.Draft => "草稿待签", ContractStatus.AwaitingSignatures => "待签署", ContractStatus.Active => "履约中",
        ContractStatus.Completed => "已完成", ContractStatus.Terminated => "已终止", ContractStatus.Expired => "已到期", _ => "已作废",
    };
}
