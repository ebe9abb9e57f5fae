using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Certificates;
using CoBuild.Web.Features.Certificates.Pages;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CoBuild.Tests.Certificates;

/// <summary>Certificates issued at 蕺山社区's desk under the demo district's whitelist (edition 1, seeded with the demo).</summary>
[Collection(AppCollection.Name)]
public sealed class CertificateTests(AppFixture app)
{
    private async Task<int> JishanAsync() => (await Demo.Node(await app.ClientFor("district.admin"), OrgLevel.Community, "蕺山社区")).Id;

    private async Task<HttpResponseMessage> IssueAsync(string? user, int communityId, string type, string name = "张晓明", string purpose = "办理子女入学") =>
        await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/certificates", new IssueCertificateRequest(communityId, type, name, purpose), Json.Options);

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task The_demo_district_starts_with_edition_1_of_the_whitelist()
    {
        var list = (await (await app.ClientFor("community.jishan")).Get<WhitelistView>("/api/v1/certificate-whitelist"))!;

        Assert.Equal(1, list.Version);
        Assert.True(list.NextReviewOn > list.ReviewedOn);
        string[] removed = ["亲属关系证明", "居民身份信息证明", "无犯罪记录证明", "婚姻状况证明", "出生证明", "健在证明", "死亡证明", "疾病状况证明", "残疾状况证明", "居民财产证明", "证件遗失证明"];
        Assert.Equal(removed.Order(), list.Types.Where(t => t.Status == CertificateStatus.Removed).Select(t => t.Name).Order());
        Assert.All(list.Types.Where(t => t.Status == CertificateStatus.Removed), t => Assert.False(string.IsNullOrWhiteSpace(t.Alternative)));
        Assert.Contains(list.Types, t => t.Name == "居住证明" && t.Status == CertificateStatus.Allowed);
        Assert.Contains(list.Types, t => t.Name == "居(租)住证明" && t.Status == CertificateStatus.Allowed);
    }

    [Theory]
    [InlineData("marital-status", "婚姻状况证明", "婚姻登记机关")]
    [InlineData("亲属关系证明", "亲属关系证明", "公安派出所")]
    [InlineData("NO-CRIMINAL-RECORD", "无犯罪记录证明", "公安派出所")]
    public async Task A_removed_certificate_is_refused_with_the_edition_and_where_to_go(string type, string name, string alternative)
    {
        var jishan = await JishanAsync();
        var list = (await (await app.ClientFor("community.jishan")).Get<WhitelistView>("/api/v1/certificate-whitelist"))!;
        var before = await DbAsync(db => db.Certificates.CountAsync());

        var response = await IssueAsync("community.jishan", jishan, type);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var detail = (await response.Problem()).GetProperty("detail").GetString()!;
        Assert.Contains($"《{name}》已从本区证明事项清单第 {list.Version} 版", detail);
        Assert.Contains($"{list.ReviewedOn.Year}年{list.ReviewedOn.Month}月{list.ReviewedOn.Day}日审定", detail);
        Assert.Contains("请到：", detail);
        Assert.Contains(alternative, detail);
        Assert.Equal(before, await DbAsync(db => db.Certificates.CountAsync()));
    }

    [Theory]
    [InlineData("passport")]
    [InlineData("")]
    [InlineData("居住")]
    public async Task An_unknown_type_is_a_400_naming_the_field(string type)
    {
        var response = await IssueAsync("community.jishan", await JishanAsync(), type);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty("type", out _));
    }

    [Fact]
    public async Task Bad_fields_are_400s()
    {
        var jishan = await JishanAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await IssueAsync("community.jishan", jishan, "residence", name: " ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await IssueAsync("community.jishan", jishan, "residence", purpose: new string('长', 101))).StatusCode);
        var street = (await Demo.Node(await app.ClientFor("district.admin"), OrgLevel.Street, "府山街道")).Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await IssueAsync("street.fushan", street, "residence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync("community.jishan", 987654, "residence")).StatusCode);
    }

    [Fact]
    public async Task An_allowed_certificate_prints_with_serial_name_and_a_QR_code_of_its_public_page()
    {
        var jishan = await JishanAsync();
        var response = await IssueAsync("community.jishan", jishan, "residence", "欧阳振华", "办理老年优待证");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Read<IssuedCertificate>();
        Assert.Matches(@"^ZM-\d{12}-\d{4}-\d{5}$", issued.Serial);
        Assert.Equal($"/api/v1/certificates/{issued.Id}/pdf", issued.PdfUrl);

        var pdfResponse = await (await app.ClientFor("community.jishan")).GetAsync(issued.PdfUrl);
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync());
        var page = Assert.Single(pdf.GetPages());
        Assert.InRange(page.Width, 594, 596);
        Assert.InRange(page.Height, 841, 843);
        var text = page.Text;
        Assert.Contains(issued.Serial, text);
        Assert.Contains("欧阳振华", text);
        Assert.Contains("居住证明", text);
        Assert.Contains("办理老年优待证", text);
        Assert.Contains("蕺山社区居民委员会", text);

        var url = CertificateQr.Decode(Assert.Single(page.GetImages()));
        Assert.Matches(@"^http://localhost/verify/certificate/[A-Za-z0-9_-]{22}$", url);
        Assert.Contains(url, text);

        var verify = await (await app.ClientFor(null)).GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var html = await verify.Content.ReadAsStringAsync();
        Assert.Contains(issued.Serial, html);
        Assert.Contains("真实有效", html);
        Assert.Contains("蕺山社区", html);
        Assert.Contains("欧**华", html);
        Assert.DoesNotContain("欧阳振华", html);
        Assert.DoesNotContain("办理老年优待证", html);

        var audit = await DbAsync(db => db.AuditEntries.Where(e => e.Entity == CertificateIssue.Entity && e.EntityId == issued.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["issue"], audit);
    }

    [Fact]
    public async Task The_printed_certificate_reads_back_with_pdftotext_and_passes_qpdf()
    {
        var issued = await (await IssueAsync("community.jishan", await JishanAsync(), "rental-residence", "钱多多", "申领浙江省居住证")).Read<IssuedCertificate>();
        var bytes = await (await app.ClientFor("street.fushan")).GetByteArrayAsync(issued.PdfUrl);

        var text = PdfToText(bytes);
        Assert.Contains(issued.Serial, text);
        Assert.Contains("钱多多", text);
        Assert.Contains("居(租)住证明", text);
        Assert.Contains("申领浙江省居住证", text);
        Assert.Contains("/verify/certificate/", text);
        ExternalTools.AssertQpdfClean(bytes);
    }

    /// <summary>The text poppler's pdftotext (Debian poppler-utils, installed by scripts/install-test-deps.sh) reads from the file.</summary>
    private static string PdfToText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cobuild-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + process.StandardError.ReadToEnd());
            return output;
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_on_its_public_page()
    {
        var issued = await (await IssueAsync("community.jishan", await JishanAsync(), "rental-residence", "李四")).Read<IssuedCertificate>();
        var token = await DbAsync(db => db.Certificates.Where(c => c.Id == issued.Id).Select(c => c.VerifyToken).SingleAsync());
        var client = await app.ClientFor("community.jishan");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/certificates/{issued.Id}/revoke", new RevokeCertificateRequest(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/certificates/{issued.Id}/revoke", new RevokeCertificateRequest("错开"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/certificates/{issued.Id}/revoke", new RevokeCertificateRequest("信息填写有误"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/certificates/{issued.Id}/revoke", new RevokeCertificateRequest("再次作废"))).StatusCode);

        var html = await (await app.ClientFor(null)).GetStringAsync($"/verify/certificate/{token}");
        Assert.Contains("已作废", html);
        Assert.DoesNotContain("真实有效", html);
        var api = (await (await app.ClientFor(null)).Get<CertificateVerification>($"/api/v1/verify/certificate/{token}"))!;
        Assert.False(api.Valid);
        Assert.Equal("李*", api.MaskedName);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(null)).GetAsync("/verify/certificate/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Equal(["issue", "revoke"], await DbAsync(db => db.AuditEntries.Where(e => e.Entity == CertificateIssue.Entity && e.EntityId == issued.Id).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Fifty_parallel_issues_get_fifty_consecutive_serials()
    {
        var jishan = await JishanAsync();
        var clients = new[] { await app.ClientFor("community.jishan"), await app.ClientFor("street.fushan"), await app.ClientFor("district.admin") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => clients[i % 3].PostAsJsonAsync("/api/v1/certificates",
            new IssueCertificateRequest(jishan, "residence", $"并发居民{i}", "并发测试"), Json.Options)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var serials = await Task.WhenAll(responses.Select(r => r.Read<IssuedCertificate>()));
        Assert.Equal(50, serials.Select(s => s.Serial).Distinct().Count());
        var numbers = serials.Select(s => int.Parse(s.Serial[^5..])).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 50), numbers);
        // No gaps in the whole year either: the sequences are 1..N.
        var year = int.Parse(serials[0].Serial.Split('-')[2]);
        var all = await DbAsync(db => db.Certificates.Where(c => c.CommunityId == jishan && c.Year == year).Select(c => c.Sequence).OrderBy(s => s).ToListAsync());
        Assert.Equal(Enumerable.Range(1, all.Count), all);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_issues_once()
    {
        var jishan = await JishanAsync();
        var client = await app.ClientFor("community.jishan");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request()
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/v1/certificates") { Content = JsonContent.Create(new IssueCertificateRequest(jishan, "residence", "王五", "重复提交"), options: Json.Options) };
            r.Headers.Add("Idempotency-Key", key);
            return r;
        }
        var before = await DbAsync(db => db.Certificates.CountAsync());

        var first = await (await client.SendAsync(Request())).Read<IssuedCertificate>();
        var second = await (await client.SendAsync(Request())).Read<IssuedCertificate>();

        Assert.Equal(first.Serial, second.Serial);
        Assert.Equal(before + 1, await DbAsync(db => db.Certificates.CountAsync()));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("community.jishan", HttpStatusCode.Created)]
    [InlineData("street.fushan", HttpStatusCode.Created)]
    [InlineData("district.admin", HttpStatusCode.Created)]
    [InlineData("street.dongpu", HttpStatusCode.Forbidden)]
    [InlineData("unit.drainage", HttpStatusCode.Forbidden)]
    [InlineData("member.demo", HttpStatusCode.Forbidden)]
    [InlineData("resident.demo", HttpStatusCode.Forbidden)]
    public async Task Who_may_issue_for_jishan(string? user, HttpStatusCode expected) =>
        Assert.Equal(expected, (await IssueAsync(user, await JishanAsync(), "residence")).StatusCode);

    [Fact]
    public async Task Community_staff_cannot_issue_for_another_community_nor_read_its_certificates()
    {
        var dongpu = await Demo.DongpuCommunity(await app.ClientFor("district.admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync("community.jishan", dongpu.Id, "residence")).StatusCode);

        var issued = await (await IssueAsync("community.jishan", await JishanAsync(), "residence", "赵六")).Read<IssuedCertificate>();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).GetAsync(issued.PdfUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync(issued.PdfUrl)).StatusCode);
        var dongpuList = (await (await app.ClientFor("street.dongpu")).Get<List<CertificateRow>>("/api/v1/certificates"))!;
        Assert.DoesNotContain(dongpuList, r => r.Id == issued.Id);
        var jishanList = (await (await app.ClientFor("community.jishan")).Get<List<CertificateRow>>("/api/v1/certificates"))!;
        Assert.Contains(jishanList, r => r.Id == issued.Id && r.ResidentName == "赵六");
    }

    [Fact]
    public async Task Only_the_district_admin_publishes_and_staff_read_the_whitelist()
    {
        var request = new PublishWhitelistRequest(new DateOnly(2030, 1, 1), null, null, [new("residence", "居住证明", CertificateStatus.Allowed, null, null)]);
        foreach (var user in new[] { "community.jishan", "street.fushan", "unit.drainage" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/certificate-whitelist/versions", request, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PostAsJsonAsync("/api/v1/certificate-whitelist/versions", request, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/certificate-whitelist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).GetAsync("/api/v1/certificate-whitelist")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("street.dongpu")).GetAsync("/api/v1/certificate-whitelist/versions")).StatusCode);
    }

    [Fact]
    public async Task The_back_office_page_shows_the_list_and_the_refusal_of_a_removed_certificate()
    {
        var client = await app.ClientFor("community.jishan");
        var page = await client.GetStringAsync("/admin/certificates");
        Assert.Contains("证明事项清单 第 1 版", page);
        Assert.Contains("婚姻登记机关", page);
        Assert.Contains("居(租)住证明", page);
        Assert.Contains("href=\"/admin/certificates\"", page);

        var form = new Dictionary<string, string>
        {
            ["_handler"] = CertificatesAdmin.FormName,
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_formToken"] = Hidden(page, "_formToken"),
            ["CommunityId"] = (await JishanAsync()).ToString(),
            ["Type"] = "death",
            ["ResidentName"] = "孙七",
            ["Purpose"] = "办理丧葬补助",
        };
        var refused = await client.PostAsync("/admin/certificates", new FormUrlEncodedContent(form));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("《死亡证明》已从本区证明事项清单第 1 版", html);
        Assert.Contains("医疗卫生机构", html);

        var fresh = await client.GetStringAsync("/admin/certificates");
        form["__RequestVerificationToken"] = Hidden(fresh, "__RequestVerificationToken");
        form["_formToken"] = Hidden(fresh, "_formToken");
        form["Type"] = "residence";
        var issued = await client.PostAsync("/admin/certificates", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var done = await client.GetStringAsync(issued.Headers.Location!.OriginalString);
        Assert.Contains("已出具证明", done);
        Assert.Contains("孙七", done);
    }

    private static string Hidden(string html, string name)
    {
        var input = System.Text.RegularExpressions.Regex.Matches(html, "<input[^>]*>").Select(m => m.Value).First(i => i.Contains($"name=\"{name}\""));
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value);
    }
}
