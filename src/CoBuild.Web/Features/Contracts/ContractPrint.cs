using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record VerifiedSignature(string SideName, string Party, string SignerName, DateTimeOffset SignedAt, bool Matches);
public sealed record VerifiedCommitment(ContractSide Side, string SideName, string Title, DateOnly DueOn, string? Link);
/// <summary>
/// What the public verification page shows for a content hash: the whole signed text (every commitment, read from the
/// frozen version, not from the live rows), so a reader can hold it against the paper.
/// </summary>
public sealed record Verification(string Number, string Title, int Version, string PartyA, string PartyB, DateOnly StartsOn, DateOnly EndsOn, string ContentHash,
    bool ContentIntact, bool IsCurrent, int? CurrentVersion, ContractStatus Status, string StatusName, List<VerifiedSignature> Signatures, List<VerifiedCommitment> Commitments);

/// <summary>The printed contract and its public verification, both read from a frozen version.</summary>
internal static class ContractPrint
{
    public const string DefaultFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>The version to print: the one asked for, else the one in force, else the one being signed.</summary>
    public static async Task<(byte[] Pdf, string FileName)> PdfAsync(AppDbContext db, Caller caller, int id, int? number, string baseUrl, string fontPath, DateTimeOffset now, CancellationToken ct)
    {
        var k = await ContractEdits.VisibleAsync(db, caller, id, ct);
        var wanted = number ?? (k.Version > 0 ? k.Version : k.PendingVersion) ?? throw new RuleViolation("协议尚未签署，没有可打印的定稿版本；请先签署。");
        var v = await db.ContractVersions.AsNoTracking().FirstOrDefaultAsync(x => x.ContractId == id && x.Number == wanted, ct) ?? throw new UnknownId("该版本不存在。");
        var content = ContractText.Read(v.Content);
        var (partyA, partyB) = await PartiesAsync(db, content, ct);
        var links = await ContractLinks.TitlesAsync(db, content.Commitments.Select(c => (c.Link, c.LinkId)), ct);
        var signatures = await db.ContractSignatures.AsNoTracking().Where(s => s.ContractId == id && s.Version == wanted).OrderBy(s => s.SignedAt).ToListAsync(ct);
        var doc = new ContractDocument(content.Number, content.Title, partyA, partyB, content.StartsOn, content.EndsOn, v.Number,
            IsCurrent(k, v.Number),
            content.Commitments.Select(c => new ContractDocumentCommitment(OrgContract.SideName(c.Side), c.Title, c.DueOn, LinkName(links, c.Link, c.LinkId))).ToList(),
            signatures.Select(s => new ContractDocumentSignature(OrgContract.SideName(s.Side), s.Side == ContractSide.Party ? partyA : partyB,
                s.SignerName, s.SignedAt, s.ContentHash)).ToList(),
            v.ContentHash, $"{baseUrl.TrimEnd('/')}/verify/{v.ContentHash}", now);
        return (ContractPdf.Render(doc, fontPath), $"{content.Number}_第{v.Number}版.pdf");
    }

    /// <summary>In force, or (before anything is in force) the version being signed.</summary>
    private static bool IsCurrent(OrgContract k, int number) =>
        OrgContract.IsOpen(k.Status) || k.Status is ContractStatus.Completed or ContractStatus.Expired
            ? number == (k.Version > 0 ? k.Version : k.PendingVersion)
            : number == k.Version;

    /// <summary>What a commitment is linked to, by its title; a link whose item is gone is left out rather than shown as a bare id.</summary>
    private static string? LinkName(Dictionary<(CommitmentLink, int), string> titles, CommitmentLink link, int? id) =>
        id is { } i && titles.TryGetValue((link, i), out var t) ? t : null;

    /// <summary>
    /// The parties as signed. Versions signed before the text named party organizations carry only the place and the
    /// unit: they are shown with the party organizations those stand for, which are the same parties.
    /// </summary>
    private static async Task<(string A, string B)> PartiesAsync(AppDbContext db, ContractContent content, CancellationToken ct)
    {
        var a = content.PartyA.Name.Contains('（') ? content.PartyA.Name : (await PartyNames.OfPlacesAsync(db, [content.PartyA.Id], ct)).GetValueOrDefault(content.PartyA.Id) ?? content.PartyA.Name;
        var b = content.PartyB.Name.Contains('（') ? content.PartyB.Name : (await PartyNames.OfUnitsAsync(db, [content.PartyB.Id], ct)).GetValueOrDefault(content.PartyB.Id) ?? content.PartyB.Name;
        return (a, b);
    }

    public static async Task<Verification?> VerifyAsync(AppDbContext db, string hash, CancellationToken ct)
    {
        hash = hash.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)) return null;
        // Whoever holds a printed contract may check it, signed in to another district or not: the hash is the proof.
        using var _ = db.EveryDistrict();
        var v = await db.ContractVersions.AsNoTracking().FirstOrDefaultAsync(x => x.ContentHash == hash, ct);
        if (v is null) return null;
        var k = await db.OrgContracts.AsNoTracking().SingleAsync(c => c.Id == v.ContractId, ct);
        var content = ContractText.Read(v.Content);
        var (partyA, partyB) = await PartiesAsync(db, content, ct);
        var links = await ContractLinks.TitlesAsync(db, content.Commitments.Select(c => (c.Link, c.LinkId)), ct);
        var signatures = await db.ContractSignatures.AsNoTracking().Where(s => s.ContractId == k.Id && s.Version == v.Number).OrderBy(s => s.SignedAt).ToListAsync(ct);
        return new Verification(content.Number, content.Title, v.Number, partyA, partyB, content.StartsOn, content.EndsOn, v.ContentHash,
            ContractVersion.Hash(v.Content) == v.ContentHash, IsCurrent(k, v.Number), k.Version > 0 ? k.Version : null, k.Status, OrgContract.StatusName(k.Status),
            signatures.Select(s => new VerifiedSignature(OrgContract.SideName(s.Side), s.Side == ContractSide.Party ? partyA : partyB,
                s.SignerName, s.SignedAt, s.ContentHash == v.ContentHash)).ToList(),
            content.Commitments.Select(c => new VerifiedCommitment(c.Side, OrgContract.SideName(c.Side), c.Title, c.DueOn, LinkName(links, c.Link, c.LinkId))).ToList());
    }
}
