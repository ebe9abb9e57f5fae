using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Api;

/// <summary>
/// Input that used to end in a 500 on one provider or the other: NUL and other control characters, text longer
/// than its column, bodies of the wrong type, [null], non-ASCII return addresses, cut-off multipart. Each is a 4xx
/// naming the field, the same on SQLite and PostgreSQL, and nothing is written.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BadInputTests(AppFixture app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<JsonElement> FieldError(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Problem();
        var errors = problem.GetProperty("errors");
        var names = errors.EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(names.Any(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase)), $"errors name {string.Join(", ", names)}, not {field}");
        return problem;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/api/v1/needs", "q")]
    [InlineData("/api/v1/resources", "q")]
    [InlineData("/api/v1/offers", "q")]
    [InlineData("/api/v1/projects", "q")]
    [InlineData("/api/v1/needs", "group")]
    [InlineData("/api/v1/needs", "status")]
    [InlineData("/api/v1/org-contracts", "q")]
    [InlineData("/api/v1/org-contracts", "status")]
    [InlineData("/api/v1/personal-contracts", "q")]
    public async Task A_nul_in_a_list_filter_is_a_400_naming_the_filter(string list, string filter)
    {
        var client = await app.ClientFor(list.Contains("contracts") ? "district.admin" : null);
        await FieldError(await client.GetAsync($"{list}?{filter}=%E5%85%BB%00"), filter);
    }

    [Fact]
    public async Task A_nul_in_the_token_user_name_is_a_400_naming_it()
    {
        var client = await app.ClientFor(null);
        await FieldError(await client.PostAsync("/api/v1/auth/token", Body("""{"userName":"a\u0000","password":"x"}""")), "userName");
    }

    [Fact]
    public async Task A_nul_in_a_json_text_field_is_a_400_naming_the_field_and_nothing_is_saved()
    {
        var cadre = await app.ClientFor("community.jishan");
        var title = "控制字符" + Guid.NewGuid().ToString("N")[..6];
        await FieldError(await cadre.PostAsync("/api/v1/needs", Body($$"""{"title":"{{title}}\u0000","groupCode":"D04","capacity":1}""")), "title");
        await FieldError(await cadre.PostAsync("/api/v1/needs", Body($$"""{"title":"{{title}}","description":"a\u0001b","groupCode":"D04","capacity":1}""")), "description");
        Assert.False(await Paper.DbAsync(app, db => db.Needs.AnyAsync(n => n.Title.StartsWith(title))));
    }

    [Fact]
    public async Task Text_longer_than_its_column_is_a_400_naming_the_field_on_both_providers()
    {
        var admin = await app.ClientFor("district.admin");
        var active = await Paper.ActiveAsync(app, "超长理由协议");
        var contractId = active.Contract.Id;
        await FieldError(await admin.PostAsJsonAsync($"/api/v1/org-contracts/{contractId}/terminate", new EndRequest(new string('止', 600))), "reason");
        Assert.Equal(ContractStatus.Active, await Paper.DbAsync(app, db => db.OrgContracts.Where(c => c.Id == contractId).Select(c => c.Status).SingleAsync()));
        await FieldError(await admin.PostAsJsonAsync($"/api/v1/org-contracts/{contractId}/deliveries/1/return", new AnswerRequest(new string('退', 600))), "note");

        var community = await app.ClientFor("community.jishan");
        var title = "超长说明" + Guid.NewGuid().ToString("N")[..6];
        var project = new CreateProject(null, title, new string('述', 5000), ProjectSource.GovernmentTask, null, null, Paper.Today, Paper.Today.AddDays(30));
        await FieldError(await community.PostAsJsonAsync("/api/v1/projects", project, Json.Options), "description");
        await FieldError(await community.PostAsJsonAsync("/api/v1/needs", new { title = new string('需', 81), groupCode = "D04", capacity = 1 }), "title");
        Assert.False(await Paper.DbAsync(app, db => db.Projects.AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task A_delivery_or_service_log_that_is_neither_json_nor_multipart_is_a_415()
    {
        var unit = await app.ClientFor("unit.drainage");
        var member = await app.ClientFor("member.demo");
        foreach (var url in new[] { "/api/v1/org-contracts/1/commitments/1/deliveries" })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await unit.PostAsync(url, new StringContent("巡检", Encoding.UTF8, "text/plain"))).StatusCode);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await unit.PostAsync(url, new StringContent("<d>巡检</d>", Encoding.UTF8, "application/xml"))).StatusCode);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await unit.PostAsync(url, null)).StatusCode);
        }
        var log = "/api/v1/personal-contracts/1/logs";
        var plain = await member.PostAsync(log, new StringContent("服务", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await member.PostAsync(log, new StringContent("<a/>", Encoding.UTF8, "text/xml"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await member.PostAsync(log, null)).StatusCode);
    }

    [Fact]
    public async Task An_uploaded_file_name_with_a_nul_is_a_400_naming_the_file_and_nothing_is_recorded()
    {
        var active = await Paper.ActiveAsync(app, "文件名控制字符协议");
        var unitLine = active.Commitments.Single(c => c.Side == ContractSide.Unit);
        var unit = await app.ClientFor("unit.drainage");
        var head = $"--b1\r\nContent-Disposition: form-data; name=\"on\"\r\n\r\n{Paper.Today:yyyy-MM-dd}\r\n"
            + "--b1\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n巡检\r\n"
            + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.png\"\r\nContent-Type: image/png\r\n\r\n";
        var form = new ByteArrayContent([.. Encoding.UTF8.GetBytes(head), .. Png, .. "\r\n--b1--\r\n"u8.ToArray()]);
        form.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b1");
        var response = await unit.PostAsync($"/api/v1/org-contracts/{active.Contract.Id}/commitments/{unitLine.Id}/deliveries", form);
        await FieldError(response, "file");
        Assert.Equal(0, await Paper.DbAsync(app, db => db.Deliveries.CountAsync(d => d.ContractId == active.Contract.Id)));
    }

    [Fact]
    public async Task Attendance_of_null_is_a_400()
    {
        var client = await app.ClientFor("street.fushan");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var created = await client.PostAsJsonAsync("/api/v1/committee-meetings",
            new CreateMeeting(fushan.Id, "空出席记录", new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8)), null, "议程"), Json.Options);
        var meeting = await created.Read<MeetingItem>();
        await FieldError(await client.PutAsync($"/api/v1/committee-meetings/{meeting.Id}/attendance", Body("[null]")), "[0]");
        await FieldError(await client.PutAsync($"/api/v1/committee-meetings/{meeting.Id}/minutes", Body("""{"minutes":null}""")), "minutes");
    }

    [Fact]
    public async Task A_non_ascii_return_address_is_redirected_percent_encoded()
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync("/culture?c=en&redirect=" + Uri.EscapeDataString("/admin/menus?q=养老"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/menus?q=%E5%85%BB%E8%80%81", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_multipart_import_without_its_closing_boundary_is_a_400()
    {
        var client = await app.ClientFor("community.jishan");
        var body = "--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004abc";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0");
        var response = await client.PostAsync("/api/v1/imports/needs", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var delivery = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("x.xlsx", "x.png")));
        delivery.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0");
        var unit = await app.ClientFor("unit.drainage");
        await FieldError(await unit.PostAsync("/api/v1/org-contracts/1/commitments/1/deliveries", delivery), "file");
    }

    [Fact]
    public async Task A_page_with_a_nul_in_its_query_is_a_400_page_not_a_500()
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync("/communities?q=%00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
