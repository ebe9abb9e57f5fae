namespace CoBuild.Web.Features.Contracts;

/// <summary>
/// The version of a contract a party sees and must sign: the ETag of its detail and the sign form's "seen" field,
/// written and read only here. A version awaiting signatures (else the one in force) is its number, W/"v2". A draft has
/// no number yet, so its tag is a hash of its terms (title, term, commitments): the other side freezing it unchanged as
/// version 1 keeps what its reader saw signable, and any edit changes it.
/// </summary>
internal static class ContractTag
{
    public static string Of(OrgContract k) => Of(k.Status, k.PendingVersion, k.Version, () => Draft(k));

    public static string Of(ContractDetail d) => Of(d.Contract.Status, d.Contract.PendingVersion, d.Contract.Version, () => Draft(d.Contract.Title,
        d.Contract.StartsOn, d.Contract.EndsOn, d.Commitments.Where(c => !c.Removed).Select(c => new TextCommitment(c.Id, c.Side, c.Title, c.DueOn, c.Link, c.LinkId))));

    private static string Of(ContractStatus status, int? pending, int version, Func<string> draft) =>
        $"W/\"{(status == ContractStatus.Draft ? draft() : Number(pending ?? version))}\"";

    public static string Number(int version) => $"v{version}";

    /// <summary>The draft as it stands (the contract row and its commitments, as loaded).</summary>
    public static string Draft(OrgContract k) => Draft(k.Title, k.StartsOn, k.EndsOn,
        k.Commitments.Where(c => !c.Removed).Select(c => new TextCommitment(c.Id, c.Side, c.Title, c.DueOn, c.Link, c.LinkId)));

    /// <summary>The draft a version 1 was frozen from.</summary>
    public static string Draft(ContractContent v1) => Draft(v1.Title, v1.StartsOn, v1.EndsOn, v1.Commitments);

    private static string Draft(string title, DateOnly start, DateOnly end, IEnumerable<TextCommitment> commitments) =>
        "d" + ContractVersion.Hash(ContractText.Canonical(new ContractContent("", 1, title, new TextParty(0, ""), new TextParty(0, ""), start, end,
            [.. commitments.OrderBy(c => c.Id)])))[..20];

    /// <summary>If-Match (or the form field) as sent, weak or strong, quoted or not, without its quotes; null when absent.</summary>
    public static string? Parse(string? ifMatch) =>
        ifMatch?.Trim() is { Length: > 0 } t ? (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t).Trim('"') : null;
}
