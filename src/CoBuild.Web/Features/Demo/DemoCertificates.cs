using CoBuild.Web.Features.Certificates;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>The district's whitelist, edition 1 (reviewed three months before the demo's day), and a few 居住证明 蕺山社区 issued under it.</summary>
internal sealed class DemoCertificates(AppDbContext db, DemoClock clock)
{
    private static readonly (string Type, string Name, string Purpose)[] Issued =
    [
        ("residence", "王建华", "办理子女入学"),
        ("rental-residence", "李秀英", "申领浙江省居住证"),
        ("residence", "陈国平", "办理老年优待证"),
    ];

    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.CertificateWhitelistVersions.AnyAsync(v => v.DistrictId == DemoDistrict.DistrictId, ct)) return;
        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "district.admin", ct);
        var cadre = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "community.jishan", ct);
        if (admin is null || cadre is null) return;
        var now = clock.GetUtcNow();
        var reviewed = DateOnly.FromDateTime(now.AddHours(8).Date).AddMonths(-3);
        await CertificateWhitelist.PublishAsync(db, Caller.Of(admin), new PublishWhitelistRequest(reviewed, reviewed.AddYears(1), WhitelistSeed.Notes, [.. WhitelistSeed.Types]), now, ct);
        db.ChangeTracker.Clear();
        foreach (var (type, name, purpose) in Issued)
            await CertificateIssue.IssueAsync(db, Caller.Of(cadre), new IssueCertificateRequest(cadre.ScopeOrgUnitId, type, name, purpose), clock.GetUtcNow(), ct);
        db.ChangeTracker.Clear();
    }
}
