using System.Security.Cryptography;
using System.Text;

namespace CoBuild.Web.Features.Audit;

/// <summary>
/// One event of a contract or project, append-only and chained: each row's hash covers its fields and the hash
/// of the row before it in the district's chain (<see cref="Seq"/> order), so changing or deleting a row breaks
/// every hash after it.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(int districtId, long seq, DateTimeOffset at, string actor, string entity, int entityId, string action, string? before, string? after, string prevHash)
    {
        DistrictId = districtId;
        Seq = seq;
        At = at;
        Actor = actor;
        Entity = entity;
        EntityId = entityId;
        Action = action;
        Before = before;
        After = after;
        PrevHash = prevHash;
        Hash = Compute();
    }

    public long Id { get; private set; }
    public int DistrictId { get; private set; }
    public long Seq { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>"OrgContract", "PersonalContract", "Project".</summary>
    public string Entity { get; private set; } = "";
    public int EntityId { get; private set; }
    public string Action { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PrevHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public string Compute()
    {
        var text = string.Join('\u001f', DistrictId, Seq, At.UtcTicks, Actor, Entity, EntityId, Action, Before ?? "\u0000", After ?? "\u0000", PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>The end of a district's chain; updating it first is what serializes appends.</summary>
public sealed class AuditHead
{
    private AuditHead() { }

    internal AuditHead(int districtId) => DistrictId = districtId;

    public int DistrictId { get; private set; }
    public long Seq { get; private set; }
    public string Hash { get; private set; } = Genesis;

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
}
