using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Certificates;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Certificates;

/// <summary>A district publishes its whitelist edition by edition; intake follows the edition in force, history stays.</summary>
/// <remarks>Its own district: it starts from a district without a whitelist and publishes editions that would change what
/// the other classes' desks may issue.</remarks>
[Collection(WhitelistCollection.Name)]
public sealed class WhitelistPublishTests(TestDistrictFixture app)
{
    private static PublishWhitelistRequest Edition(DateOnly reviewedOn, CertificateStatus residence) => new(reviewedOn, reviewedOn.AddYears(1), "区里审定",
    [
        new("residence", "居住证明", residence, residence == CertificateStatus.Removed ? "本区第二次清理取消" : "保留", residence == CertificateStatus.Removed ? "到派出所查询居住登记信息" : null),
        new("kinship", "亲属关系证明", CertificateStatus.Removed, "取消", "凭户口簿证明"),
    ]);

    [Fact]
    public async Task A_new_edition_keeps_the_old_one_and_changes_what_the_desk_may_issue()
    {
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        var street = await app.District.Street().WithCommunity().BuildAsync();
        var cadre = await app.ClientFor(street.Cadre);
        var issue = new IssueCertificateRequest(street.Community!.Id, "residence", "周八", "办理居住证");

        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync("/api/v1/certificate-whitelist")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cadre.PostAsJsonAsync("/api/v1/certificates", issue, Json.Options)).StatusCode);

        var first = await admin.PostAsJsonAsync("/api/v1/certificate-whitelist/versions", Edition(new DateOnly(2026, 3, 1), CertificateStatus.Allowed), Json.Options);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(1, (await first.Read<WhitelistView>()).Version);
        var issued = await cadre.PostAsJsonAsync("/api/v1/certificates", issue, Json.Options);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var certificate = await issued.Read<IssuedCertificate>();

        var second = await admin.PostAsJsonAsync("/api/v1/certificate-whitelist/versions", Edition(new DateOnly(2026, 11, 20), CertificateStatus.Removed), Json.Options);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var refused = await cadre.PostAsJsonAsync("/api/v1/certificates", issue, Json.Options);
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var detail = (await refused.Problem()).GetProperty("detail").GetString()!;
        Assert.Contains("《居住证明》已从本区证明事项清单第 2 版（2026年11月20日审定）中取消", detail);
        Assert.Contains("到派出所查询居住登记信息", detail);

        var current = (await cadre.Get<WhitelistView>("/api/v1/certificate-whitelist"))!;
        Assert.Equal(2, current.Version);
        Assert.Equal(CertificateStatus.Removed, current.Types.Single(t => t.Code == "residence").Status);
        var history = (await cadre.Get<List<WhitelistVersionRow>>("/api/v1/certificate-whitelist/versions"))!;
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.Equal(new DateOnly(2026, 3, 1), history[1].ReviewedOn);
        Assert.Equal((1, 1), (history[1].Allowed, history[1].Removed));
        Assert.Equal((0, 2), (history[0].Allowed, history[0].Removed));

        // The certificate issued under edition 1 stays valid and names it.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == certificate.Id);
        Assert.Equal(1, row.WhitelistVersion);
        var verified = (await (await app.ClientFor(null)).Get<CertificateVerification>($"/api/v1/verify/certificate/{row.VerifyToken}"))!;
        Assert.True(verified.Valid);
        Assert.Equal(1, verified.WhitelistVersion);
        Assert.Equal(["publish", "publish"], await db.AuditEntries.Where(e => e.Entity == CertificateWhitelist.Entity).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_list_that_breaks_the_rules_is_a_400_naming_the_field()
    {
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        async Task AssertRefused(PublishWhitelistRequest request, string field)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/certificate-whitelist/versions", request, Json.Options);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        var day = new DateOnly(2026, 12, 1);
        await AssertRefused(new(day, null, null, [new("death", "死亡证明", CertificateStatus.Removed, "取消", null)]), "types[0].alternative");
        await AssertRefused(new(day, null, null, [new("death", "死亡证明", CertificateStatus.Removed, null, "医院")]), "types[0].basis");
        await AssertRefused(new(day, null, null, [new("Bad Code", "某证明", CertificateStatus.Allowed, null, null)]), "types[0].code");
        await AssertRefused(new(day, null, null, [new("a", "甲", CertificateStatus.Allowed, null, null), new("a", "乙", CertificateStatus.Allowed, null, null)]), "types");
        await AssertRefused(new(day, day.AddDays(-1), null, [new("a", "甲", CertificateStatus.Allowed, null, null)]), "nextReviewOn");
        await AssertRefused(new(day, null, null, []), "types");
        await AssertRefused(new(null, null, null, [new("a", "甲", CertificateStatus.Allowed, null, null)]), "reviewedOn");
    }
}

[CollectionDefinition(Name)]
public sealed class WhitelistCollection : ICollectionFixture<TestDistrictFixture>
{
    public const string Name = "whitelist-district";
}
