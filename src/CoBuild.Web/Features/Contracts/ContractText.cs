using System.Text.Encodings.Web;
using System.Text.Json;

namespace CoBuild.Web.Features.Contracts;

public sealed record TextParty(int Id, string Name);
public sealed record TextCommitment(int? Id, ContractSide Side, string Title, DateOnly DueOn, CommitmentLink Link, int? LinkId);
/// <summary>What is signed: the whole text of one version, in a fixed field order.</summary>
public sealed record ContractContent(string Number, int Version, string Title, TextParty PartyA, TextParty PartyB, DateOnly StartsOn, DateOnly EndsOn,
    List<TextCommitment> Commitments);

/// <summary>The canonical text of a version (what its hash covers) and the short form the audit trail keeps.</summary>
internal static class ContractText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Canonical(ContractContent content) => JsonSerializer.Serialize(content, Json);

    public static ContractContent Read(string canonical) => JsonSerializer.Deserialize<ContractContent>(canonical, Json)!;

    /// <summary>What a member signs in a personal contract: who, with which community, the year, the hours and the services.</summary>
    public static string Personal(int memberId, int communityId, int year, decimal hours, IEnumerable<(int Id, string Title)> services) =>
        JsonSerializer.Serialize(new { member = memberId, community = communityId, year, hours, services = services.Select(s => new { id = s.Id, title = s.Title }) }, Json);

    public static object Summary(OrgContract c) => new
    {
        c.Title, status = c.Status.ToString(), c.StartsOn, c.EndsOn, c.Version, c.PendingVersion,
        commitments = c.Commitments.Where(x => !x.Removed).Select(x => new { x.Id, side = x.Side.ToString(), x.Title, x.DueOn }),
    };
}
