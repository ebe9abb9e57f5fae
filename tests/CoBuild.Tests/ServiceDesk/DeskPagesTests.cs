using System.Net;
using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk.Pages;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>The living room's pages (server-rendered): who may open them, and the desk's form posting to the intake handler.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class DeskPagesTests(TestDistrictFixture app)
{
    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_and_a_unit_may_not_open_the_desk()
    {
        var street = await app.District.Street().WithCommunity().WithUnit().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var receipt = await Desk.FiledAsync(await app.ClientFor(street.Cadre), Desk.Drain(street.Community!.Id));
        var anonymous = await app.ClientFor(null);
        foreach (var path in new[] { "/desk", $"/desk/requests/{receipt.Id}", "/m/requests", "/m/requests/new" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        }
        var unit = await app.ClientFor(street.UnitRep);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/desk")).StatusCode);
        // A unit not asked for help does not see the request at all.
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/desk/requests/{receipt.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(street.Resident)).GetAsync("/desk")).StatusCode);
    }

    [Fact]
    public async Task Staff_of_another_community_cannot_open_a_request_and_its_own_staff_can()
    {
        var home = await app.District.Street().WithCommunity().BuildAsync();
        var other = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(home);
        var receipt = await Desk.FiledAsync(await app.ClientFor(home.Cadre), Desk.Drain(home.Community!.Id, "楼道下水道反水"));

        var stranger = await (await app.ClientFor(other.Cadre)).GetAsync($"/desk/requests/{receipt.Id}");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.DoesNotContain("楼道下水道反水", await stranger.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(other.Admin)).GetAsync($"/desk/requests/{receipt.Id}")).StatusCode);
        var otherDesk = await (await app.ClientFor(other.Cadre)).GetStringAsync("/desk");
        Assert.DoesNotContain(receipt.Number, otherDesk);

        var own = await (await app.ClientFor(home.Cadre)).GetStringAsync($"/desk/requests/{receipt.Id}");
        Assert.Contains("楼道下水道反水", own);
        Assert.Contains("13800001234", own);
        Assert.Contains("下水道", own); // the field's option by its name
        Assert.Contains("req-form-escalate", own);
        Assert.DoesNotContain("req-form-route", own);
        var street = await (await app.ClientFor(home.Admin)).GetStringAsync($"/desk/requests/{receipt.Id}");
        Assert.Contains("楼道下水道反水", street);
    }

    [Fact]
    public async Task The_desk_form_files_a_request_shows_the_handlers_refusal_and_the_receipt_with_its_QR_code()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var client = await app.ClientFor(street.Cadre);
        var page = await client.GetStringAsync("/desk?category=facility-repair");
        Assert.Contains("设施报修", page);
        Assert.Contains("name=\"f.facility\"", page);
        Assert.Contains("href=\"/desk\"", page); // the back-office menu

        var form = new Dictionary<string, string>
        {
            ["_handler"] = DeskPage.FormName,
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_formToken"] = Hidden(page, "_formToken"),
            ["CommunityId"] = street.Community!.Id.ToString(),
            ["CategoryCode"] = "facility-repair",
            ["Description"] = "3幢门口下水道堵塞",
            ["ResidentName"] = "张阿姨",
            ["Phone"] = "1380000",
        };
        var refused = await client.PostAsync("/desk", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请填写“设施”", html);
        Assert.Contains("3幢门口下水道堵塞", html);

        var fresh = await client.GetStringAsync("/desk?category=facility-repair");
        form["__RequestVerificationToken"] = Hidden(fresh, "__RequestVerificationToken");
        form["_formToken"] = Hidden(fresh, "_formToken");
        form["f.facility"] = "drain";
        var badPhone = await (await client.PostAsync("/desk", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("手机号应为 11 位数字", badPhone);

        form["Phone"] = "13800001234";
        var filed = await client.PostAsync("/desk", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var done = await client.GetStringAsync(filed.Headers.Location!.OriginalString);
        var number = Regex.Match(done, "class=\"desk-number mono\">([^<]+)<").Groups[1].Value;
        Assert.Matches(@"^\d{12}-\d{4}-\d{6}$", number);
        Assert.Contains("src=\"data:image/png;base64,", done);
        Assert.Matches(@"/m/requests/\d+\?code=[0-9a-f]{24}", done);
        Assert.Contains($">{number}</a>", done); // in today's list below
        var list = await (await app.ClientFor(street.Cadre)).GetAsync($"/api/v1/requests?community={street.Community.Id}");
        Assert.Contains(number, await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_resident_files_from_the_phone_and_rates_from_the_receipt_link_without_signing_in()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var resident = await app.ClientFor(street.Resident);
        var page = await resident.GetStringAsync("/m/requests/new?category=sanitation");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "file",
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_formToken"] = Hidden(page, "_formToken"),
            ["CategoryCode"] = "sanitation",
            ["Description"] = "小区东门垃圾桶三天没人清运",
        };
        var filed = await resident.PostAsync("/m/requests/new", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var receiptUrl = new Uri(new Uri("http://localhost"), filed.Headers.Location!.OriginalString).PathAndQuery;
        var match = Regex.Match(receiptUrl, @"^/m/requests/(\d+)\?code=([0-9a-f]{24})$");
        Assert.True(match.Success, receiptUrl);
        var id = int.Parse(match.Groups[1].Value);
        Assert.Contains("小区东门垃圾桶三天没人清运", await resident.GetStringAsync("/m/requests"));

        var anonymous = await app.ClientFor(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/m/requests/{id}?code=000000000000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/m/requests/{id}")).StatusCode);
        var open = await anonymous.GetStringAsync(receiptUrl);
        Assert.Contains("已受理", open);
        Assert.DoesNotContain("name=\"Rating\"", open);

        var cadre = await app.ClientFor(street.Cadre);
        await Desk.SteppedAsync(cadre, id, "assign", new(Assignee: street.Cadre, Text: "内部：请保洁公司今天处理"));
        await Desk.SteppedAsync(cadre, id, "close", new(Result: "已清运并加密清运频次"));
        var closed = await anonymous.GetStringAsync(receiptUrl);
        Assert.Contains("已清运并加密清运频次", closed);
        Assert.DoesNotContain("内部：请保洁公司今天处理", closed); // staff-only steps stay in the back office
        var rate = new Dictionary<string, string>
        {
            ["_handler"] = "rate",
            ["__RequestVerificationToken"] = Hidden(closed, "__RequestVerificationToken"),
            ["_formToken"] = Hidden(closed, "_formToken"),
            ["code"] = match.Groups[2].Value,
            ["Rating"] = "BasicallySatisfied",
        };
        var rated = await anonymous.PostAsync(receiptUrl, new FormUrlEncodedContent(rate));
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var after = await anonymous.GetStringAsync(rated.Headers.Location!.OriginalString);
        Assert.Contains("感谢您的评价", after);
        Assert.DoesNotContain("name=\"Rating\"", after);
        var detail = (await cadre.Get<CoBuild.Web.Features.ServiceDesk.TicketDetail>($"/api/v1/requests/{id}"))!;
        Assert.Equal(CoBuild.Web.Features.ServiceDesk.Satisfaction.BasicallySatisfied, detail.Ticket.Rating);
    }

    internal static string Hidden(string html, string name)
    {
        var input = Regex.Matches(html, "<input[^>]*>").Select(m => m.Value).First(i => i.Contains($"name=\"{name}\""));
        return WebUtility.HtmlDecode(Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value);
    }
}
