using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Certificates;

public sealed record IssueCertificateRequest(int? CommunityId, string? Type, string? ResidentName, string? Purpose);
public sealed record IssuedCertificate(int Id, string Serial, string PdfUrl);
public sealed record RevokeCertificateRequest(string? Reason);

/// <summary>
/// Intake of a certificate request at the community desk: the district's whitelist in force decides. A removed type is
/// refused with the reason and where to go instead (422); an allowed one gets the community's next serial of the year.
/// Who may: the community's own staff, and the street and district staff above it.
/// </summary>
internal static class CertificateIssue
{
    public const string Entity = "certificate";

    public static async Task<Certificate> IssueAsync(AppDbContext db, Caller caller, IssueCertificateRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (request is null) throw new InvalidInput("body", "请提交证明申请。");
        var community = await CommunityAsync(db, caller, request.CommunityId, ct);
        var edition = await CertificateWhitelist.CurrentAsync(db, community.DistrictId, ct)
            ?? throw new RuleViolation("本区尚未发布证明事项清单，暂不能出具证明。");
        var type = edition.Find(request.Type) ?? throw new InvalidInput("type", string.IsNullOrWhiteSpace(request.Type)
            ? "请选择证明事项。"
            : $"“{request.Type!.Trim()}”不在本区{edition.Label}中。可出具的证明：{string.Join("、", edition.Types.Where(t => t.Status == CertificateStatus.Allowed).Select(t => t.Name))}。");
        if (type.Status == CertificateStatus.Removed) throw new Unprocessable("该证明已取消，不予出具", Refusal(edition, type));
        var name = request.ResidentName?.Trim() ?? "";
        if (name.Length is 0 or > 40) throw new InvalidInput("residentName", "请填写居民姓名（不超过 40 个字）。");
        var purpose = request.Purpose?.Trim() ?? "";
        if (purpose.Length is 0 or > 100) throw new InvalidInput("purpose", "请写明证明用途（不超过 100 个字）。");

        var year = Display.Day(now).Year;
        await EnsureCounterAsync(db, community, year, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The counter row's lock (PostgreSQL) or the writer lock (SQLite) queues parallel issues until this one commits;
        // a failure rolls the number back with the certificate, so the year's serials have no gaps.
        await db.CertificateCounters.Where(c => c.CommunityId == community.Id && c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var sequence = await db.CertificateCounters.Where(c => c.CommunityId == community.Id && c.Year == year).Select(c => c.Last).SingleAsync(ct);
        var certificate = new Certificate(community, edition, type, year, sequence, name, purpose, now, caller.UserName);
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, community.DistrictId, caller.UserName, now, new AuditEvent(Entity, certificate.Id, "issue", null, new
        {
            certificate.Serial, certificate.TypeCode, certificate.TypeName, certificate.WhitelistVersion, certificate.CommunityId,
            certificate.ResidentName, certificate.Purpose,
        }), ct);
        await tx.CommitAsync(ct);
        return certificate;
    }

    /// <summary>"《婚姻状况证明》已从证明事项清单取消（第 1 版，…审定）。依据：…。请到：…": the desk reads it to the resident.</summary>
    public static string Refusal(CertificateWhitelistVersion edition, CertificateType type) =>
        $"《{type.Name}》已从本区{edition.Label}中取消，社区不再出具。{(type.Basis is { } b ? $"依据：{b.TrimEnd('。')}。" : "")}请到：{type.Alternative?.TrimEnd('。')}。";

    public static async Task<Certificate> RevokeAsync(AppDbContext db, Caller caller, int id, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var c = await VisibleAsync(db, caller, id, ct, track: true);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        c.Revoke(reason, now, caller.UserName);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, c.DistrictId, caller.UserName, now, new AuditEvent(Entity, c.Id, "revoke", new { c.Serial }, new { c.Serial, c.RevokeReason }), ct);
        await tx.CommitAsync(ct);
        return c;
    }

    /// <summary>A certificate the caller's scope covers; another district's is unknown (404), another community's is refused (403).</summary>
    public static async Task<Certificate> VisibleAsync(AppDbContext db, Caller caller, int id, CancellationToken ct, bool track = false)
    {
        var q = track ? db.Certificates : db.Certificates.AsNoTracking();
        var c = await q.FirstOrDefaultAsync(x => x.Id == id && x.DistrictId == caller.DistrictId, ct) ?? throw new UnknownId("证明不存在。");
        caller.Require(c.DistrictId, c.Path, "该证明不是您的管理范围内的社区出具的。");
        return c;
    }

    private static async Task<OrgUnit> CommunityAsync(AppDbContext db, Caller caller, int? communityId, CancellationToken ct)
    {
        if ((communityId ?? (caller.Role == Roles.CommunityCadre ? caller.ScopeOrgUnitId : null)) is not { } id) throw new InvalidInput("communityId", "请选择出具证明的社区。");
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.DistrictId == caller.DistrictId, ct) ?? throw new UnknownId("社区不存在。");
        if (node.Level != OrgLevel.Community) throw new InvalidInput("communityId", "证明由社区出具，请选择一个社区。");
        if (!caller.Covers(node)) throw new Forbidden($"“{node.Name}”不在您的管理范围内，不能以它的名义出具证明。");
        return node;
    }

    /// <summary>The year's counter row exists before the issuing transaction, so parallel first issues never race to insert it.</summary>
    private static async Task EnsureCounterAsync(AppDbContext db, OrgUnit community, int year, CancellationToken ct)
    {
        if (await db.CertificateCounters.AnyAsync(c => c.CommunityId == community.Id && c.Year == year, ct)) return;
        var row = new CertificateCounter(community.DistrictId, community.Id, year);
        db.CertificateCounters.Add(row);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (UniqueViolation.Is(e)) { }
        finally { db.Entry(row).State = EntityState.Detached; }
    }
}
