using CoBuild.Web.Features.Audit;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Certificates;

public sealed record PublishWhitelistRequest(DateOnly? ReviewedOn, DateOnly? NextReviewOn, string? Notes, List<CertificateTypeInput>? Types);
public sealed record CertificateTypeRow(string Code, string Name, CertificateStatus Status, string StatusName, string? Basis, string? Alternative);
public sealed record WhitelistView(int Version, DateOnly ReviewedOn, DateOnly? NextReviewOn, string? Notes, DateTimeOffset PublishedAt, string PublishedBy, List<CertificateTypeRow> Types);
public sealed record WhitelistVersionRow(int Version, DateOnly ReviewedOn, DateOnly? NextReviewOn, string? Notes, DateTimeOffset PublishedAt, string PublishedBy, int Allowed, int Removed);

/// <summary>
/// The district's 证明事项清单: staff of any level read the edition in force; only the district admin publishes a new one
/// (communities apply the list, they never edit it). Each publication is a whole list and is audited.
/// </summary>
internal static class CertificateWhitelist
{
    public const string Entity = "certificate-whitelist";

    /// <summary>The edition in force in <paramref name="districtId"/> (the highest number), with its types; null before the first.</summary>
    public static Task<CertificateWhitelistVersion?> CurrentAsync(AppDbContext db, int districtId, CancellationToken ct) =>
        db.CertificateWhitelistVersions.AsNoTracking().Include(v => v.Types.OrderBy(t => t.Order))
            .Where(v => v.DistrictId == districtId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    public static async Task<WhitelistView> ViewAsync(AppDbContext db, Caller caller, CancellationToken ct) =>
        View(await CurrentAsync(db, caller.DistrictId, ct) ?? throw new UnknownId("本区尚未发布证明事项清单。"));

    public static WhitelistView View(CertificateWhitelistVersion v) => new(v.Version, v.ReviewedOn, v.NextReviewOn, v.Notes, v.PublishedAt, v.PublishedBy,
        v.Types.OrderBy(t => t.Order).Select(t => new CertificateTypeRow(t.Code, t.Name, t.Status, CertificateType.StatusName(t.Status), t.Basis, t.Alternative)).ToList());

    public static Task<List<WhitelistVersionRow>> HistoryAsync(AppDbContext db, Caller caller, CancellationToken ct) =>
        db.CertificateWhitelistVersions.AsNoTracking().Where(v => v.DistrictId == caller.DistrictId).OrderByDescending(v => v.Version)
            .Select(v => new WhitelistVersionRow(v.Version, v.ReviewedOn, v.NextReviewOn, v.Notes, v.PublishedAt, v.PublishedBy,
                v.Types.Count(t => t.Status == CertificateStatus.Allowed), v.Types.Count(t => t.Status == CertificateStatus.Removed)))
            .ToListAsync(ct);

    /// <summary>Publishes the next edition of the caller's district; the one before stays as it was.</summary>
    public static async Task<CertificateWhitelistVersion> PublishAsync(AppDbContext db, Caller caller, PublishWhitelistRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.Role != Roles.DistrictAdmin) throw new Forbidden("证明事项清单由区里统一审定发布，社区和街道只能执行。");
        if (request is null) throw new InvalidInput("body", "请提交清单。");
        if (request.ReviewedOn is not { } reviewedOn) throw new InvalidInput("reviewedOn", "请填写审定日期。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var last = await db.CertificateWhitelistVersions.Where(v => v.DistrictId == caller.DistrictId).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var previous = await db.CertificateWhitelistVersions.AsNoTracking().Where(v => v.DistrictId == caller.DistrictId && v.Version == last)
            .Select(v => v.ReviewedOn).FirstOrDefaultAsync(ct);
        if (last > 0 && reviewedOn < previous) throw new InvalidInput("reviewedOn", $"审定日期不能早于现行第 {last} 版的审定日期 {previous:yyyy-MM-dd}。");
        var edition = new CertificateWhitelistVersion(caller.DistrictId, last + 1, reviewedOn, request.NextReviewOn, request.Notes, request.Types ?? [], now, caller.UserName);
        db.CertificateWhitelistVersions.Add(edition);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, caller.DistrictId, caller.UserName, now, new AuditEvent(Entity, edition.Id, "publish", null, new
        {
            edition.Version, edition.ReviewedOn, edition.NextReviewOn, edition.Notes,
            Allowed = edition.Types.Where(t => t.Status == CertificateStatus.Allowed).Select(t => t.Code),
            Removed = edition.Types.Where(t => t.Status == CertificateStatus.Removed).Select(t => t.Code),
        }), ct);
        await tx.CommitAsync(ct);
        return edition;
    }
}
