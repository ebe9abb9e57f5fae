using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Audit;

namespace CoBuild.Tests.Contracts;

/// <summary>The district's audit page (server-rendered): the checkpoint to print, and checking a filed one.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditPageTests(AppFixture app)
{
    [Theory]
    [InlineData("street.fushan")]
    [InlineData("community.jishan")]
    [InlineData("unit.drainage")]
    [InlineData("member.demo")]
    [InlineData("resident.demo")]
    public async Task Only_the_district_admin_opens_it(string user) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).GetAsync("/admin/audit")).StatusCode);

    [Fact]
    public async Task It_shows_the_checkpoint_and_checks_a_filed_one()
    {
        var admin = await app.ClientFor("district.admin");
        var anonymous = await (await app.ClientFor(null)).GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var checkpoint = (await admin.Get<AuditCheckpoint>("/api/v1/audit/checkpoint"))!;
        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("越城区 共建审计链校验点记录单", page);
        Assert.Contains(checkpoint.Hash[..8] + " " + checkpoint.Hash[8..16], page); // grouped by eight for reading aloud
        Assert.DoesNotContain("a-result", page);

        // The clerk types the filed code back with its spaces.
        var spaced = string.Join(' ', checkpoint.Hash.Chunk(8).Select(c => new string(c)));
        var ok = await admin.GetStringAsync($"/admin/audit?check=1&seq={checkpoint.Seq}&hash={Uri.EscapeDataString(spaced)}");
        Assert.Contains("a-ok", ok);
        Assert.Contains($"第 {checkpoint.Seq} 条与存档校验码一致", ok);
        var wrong = checkpoint.Hash[..^1] + (checkpoint.Hash[^1] == '0' ? '1' : '0');
        var broken = await admin.GetStringAsync($"/admin/audit?check=1&seq={checkpoint.Seq}&hash={wrong}");
        Assert.Contains("a-broken", broken);
        var whole = await admin.GetStringAsync("/admin/audit?check=1&seq=&hash=");
        Assert.Contains("审计链完整", whole);
        var bad = await admin.GetAsync("/admin/audit?check=1&seq=abc&hash=xyz");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("序号须为 0 或正整数", await bad.Content.ReadAsStringAsync());
        Assert.Contains("校验码须为 64 位十六进制字符", await admin.GetStringAsync($"/admin/audit?check=1&seq=3&hash=xyz"));
        Assert.Contains("/admin/audit", await admin.GetStringAsync("/admin/contracts"));
        Assert.DoesNotContain("/admin/audit", await (await app.ClientFor("street.fushan")).GetStringAsync("/admin/contracts"));
    }
}
