using CoBuild.Web.Components;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Certificates;

public sealed record CertificateRow(int Id, string Serial, string TypeCode, string TypeName, int CommunityId, string Community, string ResidentName,
    string Purpose, DateTimeOffset IssuedAt, string IssuedBy, int WhitelistVersion, bool Revoked, string PdfUrl);

/// <summary>What the public verification page shows: nothing personal beyond a masked name.</summary>
public sealed record CertificateVerification(string Serial, string TypeName, string Community, string? Street, DateOnly IssuedOn, int WhitelistVersion,
    string MaskedName, bool Valid, DateOnly? RevokedOn);

internal static class CertificateQueries
{
    public const int PageSize = 50;

    public static string PdfUrl(int id) => $"/api/v1/certificates/{id}/pdf";

    /// <summary>The latest certificates of the caller's scope, or of one community in it.</summary>
    public static async Task<List<CertificateRow>> ListAsync(AppDbContext db, Caller caller, int? communityId, CancellationToken ct)
    {
        var q = db.Certificates.AsNoTracking().Where(c => c.DistrictId == caller.DistrictId).Under(c => c.Path, caller.PathPrefix);
        if (communityId is { } id) q = q.Where(c => c.CommunityId == id);
        var rows = await q.OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id).Take(PageSize)
            .Select(c => new { c.Id, c.Serial, c.TypeCode, c.TypeName, c.CommunityId, Community = c.Community!.Name, c.ResidentName, c.Purpose,
                c.IssuedAt, c.IssuedBy, c.WhitelistVersion, c.RevokedAt })
            .ToListAsync(ct);
        return [.. rows.Select(c => new CertificateRow(c.Id, c.Serial, c.TypeCode, c.TypeName, c.CommunityId, c.Community, c.ResidentName, c.Purpose,
            c.IssuedAt, c.IssuedBy, c.WhitelistVersion, c.RevokedAt is not null, PdfUrl(c.Id)))];
    }

    public static async Task<(byte[] Pdf, string FileName)> PdfAsync(AppDbContext db, Caller caller, int id, string baseUrl, string fontPath, DateTimeOffset now, CancellationToken ct)
    {
        var c = await CertificateIssue.VisibleAsync(db, caller, id, ct);
        var community = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == c.CommunityId, ct);
        var street = await db.OrgUnits.AsNoTracking().Where(o => o.Id == community.ParentId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var doc = new CertificateDocument(c.Serial, c.TypeCode, c.TypeName, community.Name, street, c.ResidentName, c.Purpose, Display.Day(c.IssuedAt),
            c.WhitelistVersion, c.Revoked, VerifyUrl(baseUrl, c.VerifyToken), now);
        return (CertificatePdf.Render(doc, fontPath), $"{c.Serial}.pdf");
    }

    public static string VerifyUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/verify/certificate/{token}";

    public static async Task<CertificateVerification?> VerifyAsync(AppDbContext db, string token, CancellationToken ct)
    {
        token = token.Trim();
        if (token.Length is < 16 or > 32 || !token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')) return null;
        // Whoever holds the paper may check it, signed in to another district or not: the token is the proof.
        using var _ = db.EveryDistrict();
        var c = await db.Certificates.AsNoTracking().Where(x => x.VerifyToken == token)
            .Select(x => new { x.Serial, x.TypeName, Community = x.Community!.Name, x.Community.ParentId, x.IssuedAt, x.WhitelistVersion, x.ResidentName, x.RevokedAt })
            .FirstOrDefaultAsync(ct);
        if (c is null) return null;
        var street = await db.OrgUnits.AsNoTracking().Where(o => o.Id == c.ParentId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return new CertificateVerification(c.Serial, c.TypeName, c.Community, street, Display.Day(c.IssuedAt), c.WhitelistVersion, Certificate.Mask(c.ResidentName),
            c.RevokedAt is null, c.RevokedAt is { } r ? Display.Day(r) : null);
    }
}
