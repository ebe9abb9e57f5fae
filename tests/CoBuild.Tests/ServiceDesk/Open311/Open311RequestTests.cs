using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk;
using static CoBuild.Tests.ServiceDesk.Open311.Open311Scene;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>Filing through Open311 and reading requests back: attributes, key, validation, the spec's filters and privacy.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class Open311RequestTests(TestDistrictFixture app)
{
    [Fact]
    public async Task A_request_filed_with_attributes_is_a_ticket_of_the_open311_channel_and_reads_back_open()
    {
        var scene = await CreateAsync(app);
        // A category with a multivaluelist, published by the community as a new catalogue version.
        var desk = await app.ClientFor(scene.Street.Cadre);
        var noise = new CategoryInput("noise", "噪音扰民", "综治", "网格员", Fields:
            [new("times", "发生时段", FieldType.Multivaluelist, true, 1, null, [new("day", "白天"), new("night", "夜间"), new("weekend", "周末")]),
             new("floor", "楼层", FieldType.Number, false, 2)]);
        var published = await desk.PostAsJsonAsync("/api/v1/service-catalogue", new CatalogueInput(scene.Street.Community!.Id, [.. CatalogueEdits.Standard, noise]), Json.Options);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var definition = await JsonAsync(await scene.GetAsync("services/noise", "json"));
        Assert.Equal("multivaluelist", definition.GetProperty("attributes")[0].GetProperty("datatype").GetString());

        var id = await scene.FileAsync(("service_code", "noise"), ("description", "楼上装修夜里施工"), ("lat", "30.0012"), ("long", "120.5801"),
            ("attribute[times][]", "night"), ("attribute[times][]", "weekend"), ("attribute[floor]", "6"),
            ("first_name", "小明"), ("last_name", "王"), ("phone", "+86 138-0000-5678"), ("email", "wang@example.com"), ("device_id", "d1"));
        var ticket = await scene.TicketAsync(id);
        Assert.Equal(TicketChannel.Open311, ticket.Channel);
        Assert.NotNull(ticket.ClientId);
        Assert.Equal("noise", ticket.CategoryCode);
        Assert.Equal(["night", "weekend"], ticket.Answers["times"]);
        Assert.Equal(["6"], ticket.Answers["floor"]);
        Assert.Equal(("王小明", "13800005678"), (ticket.ResidentName, ticket.Phone));
        Assert.Equal((30.0012, 120.5801), (ticket.Lat!.Value, ticket.Long!.Value));
        Assert.Equal("open311:12345 热线", ticket.CreatedBy);
        Assert.DoesNotContain("wang@example.com", ticket.Description); // email is not kept

        var read = Assert.Single((await JsonAsync(await scene.GetAsync($"requests/{id}", "json"))).EnumerateArray());
        Assert.Equal(("open", "noise", "楼上装修夜里施工"), (read.GetProperty("status").GetString(), read.GetProperty("service_code").GetString(), read.GetProperty("description").GetString()));
        Assert.Equal(scene.Street.Community.Name, read.GetProperty("agency_responsible").GetString());

        // The desk closes it: the feed says closed, with the result as status_notes and the closing time as updated_datetime.
        var closed = await Desk.SteppedAsync(desk, ticket.Id, "close", new StepInput(Result: "已协调施工方夜间停工"));
        var after = Assert.Single((await JsonAsync(await scene.GetAsync($"requests/{id}", "json"))).EnumerateArray());
        Assert.Equal(("closed", "已协调施工方夜间停工"), (after.GetProperty("status").GetString(), after.GetProperty("status_notes").GetString()));
        Assert.Equal(closed.Ticket.ClosedAt!.Value.ToUnixTimeSeconds(), DateTimeOffset.Parse(after.GetProperty("updated_datetime").GetString()!).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Filing_without_a_valid_key_is_403_and_files_nothing()
    {
        var scene = await CreateAsync(app);
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        var withdrawn = await (await admin.PostAsJsonAsync("/api/v1/open311-clients", new { name = "停用的应用" }, Json.Options)).Read<CoBuild.Web.Features.ServiceDesk.Open311.IssuedOpen311Client>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/open311-clients/{withdrawn.Id}")).StatusCode);
        foreach (var key in new[] { "", "not-a-key", scene.Key[..^1] + (scene.Key[^1] == '0' ? '1' : '0'), withdrawn.ApiKey })
        {
            using var response = await scene.PostAsync("json", [.. Drain(), ("api_key", key)]);
            var error = Assert.Single((await JsonAsync(response, 403)).EnumerateArray());
            Assert.Equal(403, error.GetProperty("code").GetInt32());
        }
        var list = await JsonAsync(await scene.GetAsync("requests", "json"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_400_and_an_unknown_service_404_in_the_errors_format()
    {
        var scene = await CreateAsync(app);
        var cases = new (string What, int Status, (string, string)[] Fields)[]
        {
            ("no service_code", 400, [("description", "x"), ("address_string", "3幢")]),
            ("unknown service_code", 404, [("service_code", "potholes"), ("description", "x"), ("address_string", "3幢")]),
            ("no location", 400, [("service_code", "facility-repair"), ("description", "x"), ("attribute[facility]", "drain")]),
            ("lat without long", 400, [("service_code", "facility-repair"), ("lat", "30.1"), ("attribute[facility]", "drain")]),
            ("lat not a number", 400, [("service_code", "facility-repair"), ("lat", "north"), ("long", "120"), ("attribute[facility]", "drain")]),
            ("required attribute missing", 400, [("service_code", "facility-repair"), ("description", "x"), ("address_string", "3幢")]),
            ("list key not offered", 400, [.. Drain()[..3], ("attribute[facility]", "swimming-pool")]),
            ("attribute the service lacks", 400, [.. Drain(), ("attribute[colour]", "red")]),
            ("two values for a single value", 400, [.. Drain(), ("attribute[facility][]", "light")]),
            ("description over 4000", 400, Drain(new string('长', 4001))),
            ("unknown jurisdiction", 404, [.. Drain(), ("jurisdiction_id", "nowhere")]),
            ("no jurisdiction", 400, [.. Drain(), ("jurisdiction_id", "")]),
        };
        foreach (var (what, status, fields) in cases)
        {
            using var response = await scene.PostAsync("xml", fields);
            Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var error = Assert.Single(Items(await XmlAsync(response, status), "errors", "error"));
            Assert.Equal($"{status}", error.Element("code")!.Value);
        }
        // A certificate the district's whitelist removed is refused with the reason and where to go, as the desk refuses it.
        using (var refused = await scene.PostAsync("json", ("service_code", "certificate"), ("address_string", "社区服务中心"),
            ("attribute[certificate-type]", "无犯罪记录证明"), ("attribute[purpose]", "求职")))
        {
            var error = Assert.Single((await JsonAsync(refused, 400)).EnumerateArray());
            Assert.Contains("取消", error.GetProperty("description").GetString());
        }
        Assert.Equal(0, (await JsonAsync(await scene.GetAsync("requests", "json"))).GetArrayLength());
    }

    [Fact]
    public async Task Filters_follow_the_specification_and_service_request_id_overrides_them()
    {
        var scene = await CreateAsync(app);
        string old;
        using (app.Clock.Advance(TimeSpan.FromDays(-100))) old = await scene.FileAsync();
        var drain = await scene.FileAsync();
        var policy = await scene.FileAsync(("service_code", "policy"), ("description", "咨询养老补贴"), ("address_string", "社区"));
        var done = await scene.FileAsync(("service_code", "sanitation"), ("description", "垃圾桶满了"), ("address_string", "5幢"));
        var desk = await app.ClientFor(scene.Street.Cadre);
        await Desk.SteppedAsync(desk, (await scene.TicketAsync(done)).Id, "close", new StepInput(Result: "已清运"));

        async Task<string[]> Ids(string? query)
        {
            var json = await JsonAsync(await scene.GetAsync("requests", "json", query));
            return [.. json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).Order()];
        }
        string[] Sorted(params string[] ids) => [.. ids.Order()];

        Assert.Equal(Sorted(drain, policy, done), await Ids(null)); // the most recent 90 days
        Assert.Equal(await Ids(null), await Ids("status=")); // empty ≡ absent
        Assert.Equal(await Ids(null), await Ids("status=open,closed"));
        Assert.Equal(Sorted(drain, policy), await Ids("status=open"));
        Assert.Equal(Sorted(done), await Ids("status=closed"));
        Assert.Equal(Sorted(drain, done), await Ids("service_code=facility-repair,sanitation"));
        Assert.Equal(Sorted(drain), await Ids("service_code=facility-repair&status=open"));
        // service_request_id overrides every other argument, the date window included.
        Assert.Equal(Sorted(old, policy), await Ids($"service_request_id={old},{policy}&status=closed&service_code=sanitation"));
        var now = app.Clock.GetUtcNow();
        string W3(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ssK"));
        Assert.Equal(Sorted(old), await Ids($"start_date={W3(now.AddDays(-101))}&end_date={W3(now.AddDays(-95))}"));
        Assert.Equal(Sorted(old), await Ids($"end_date={W3(now.AddDays(-95))}"));
        // A start without an end reaches 90 days on from the start.
        Assert.Equal(Sorted(old), await Ids($"start_date={W3(now.AddDays(-101))}"));
        Assert.Equal(Sorted(drain, policy, done), await Ids($"start_date={W3(now.AddDays(-1))}"));
        Assert.Equal(Sorted(old, drain), await Ids($"service_request_id={drain}&service_request_id={old}"));
        Assert.Empty(await Ids($"start_date={W3(now.AddDays(1))}"));
    }

    [Fact]
    public async Task The_feed_is_one_community_and_never_shows_a_residents_name_phone_or_desk_story()
    {
        var scene = await CreateAsync(app);
        var other = await CreateAsync(app);
        var desk = await app.ClientFor(scene.Street.Cadre);
        var filed = await Desk.FiledAsync(desk, Desk.Drain(scene.Street.Community!.Id, "张阿姨家楼下下水道堵塞，她说低保材料也泡了"));
        var viaApp = await scene.FileAsync([.. Drain(), ("first_name", "建国"), ("last_name", "李"), ("phone", "13900007777")]);
        var theirs = await other.FileAsync();
        var bodies = new List<string>();
        foreach (var format in new[] { "xml", "json" })
            foreach (var path in new[] { "requests", $"requests/{filed.Number}", $"requests/{viaApp}" })
                bodies.Add(await (await scene.GetAsync(path, format)).Content.ReadAsStringAsync());
        foreach (var body in bodies)
            foreach (var secret in new[] { "张阿姨", "13800001234", "1234", "李建国", "建国", "13900007777", "低保" })
                Assert.DoesNotContain(secret, body);
        var list = await JsonAsync(await scene.GetAsync("requests", "json"));
        Assert.Equal(new[] { viaApp, filed.Number }.Order(), list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).Order());
        var atDesk = list.EnumerateArray().Single(r => r.GetProperty("service_request_id").GetString() == filed.Number);
        Assert.Equal(JsonValueKind.Null, atDesk.GetProperty("description").ValueKind); // told at the desk: category and progress only
        Assert.Equal("facility-repair", atDesk.GetProperty("service_code").GetString());
        Assert.Equal(404, (int)(await scene.GetAsync($"requests/{theirs}", "json")).StatusCode); // another community's request
    }
}
