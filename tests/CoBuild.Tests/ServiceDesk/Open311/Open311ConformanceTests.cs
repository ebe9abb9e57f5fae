using System.Net;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using static CoBuild.Tests.ServiceDesk.Open311.Open311Scene;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>
/// Every GeoReport v2 endpoint in XML and JSON against the specification's names (research note §1, §2.2): content
/// type, root and item elements, the field sets, JSON booleans and bare arrays (Spark), w3 dates, and the errors body.
/// </summary>
[Collection(TestDistrictCollection.Name)]
public sealed class Open311ConformanceTests(TestDistrictFixture app)
{
    [Fact]
    public async Task Service_list_has_the_specifications_root_items_and_fields_in_both_formats()
    {
        var scene = await CreateAsync(app);
        var xml = await XmlAsync(await scene.GetAsync("services", "xml"));
        var services = Items(xml, "services", "service");
        Assert.Equal(9, services.Count);
        Assert.All(services, s => HasFields(s, ServiceFields, ServiceRequired));
        Assert.All(services, s => Assert.Contains(s.Element("metadata")!.Value, new[] { "true", "false" }));
        Assert.All(services, s => Assert.Equal("realtime", s.Element("type")!.Value));
        var repair = services.Single(s => s.Element("service_code")!.Value == "facility-repair");
        Assert.Equal(("设施报修", "true", "便民服务"), (repair.Element("service_name")!.Value, repair.Element("metadata")!.Value, repair.Element("group")!.Value));
        Assert.Equal("false", services.Single(s => s.Element("service_code")!.Value == "policy").Element("metadata")!.Value);

        var json = await JsonAsync(await scene.GetAsync("services", "json"));
        Assert.Equal(JsonValueKind.Array, json.ValueKind); // bare array, no {"services": …}
        Assert.Equal(9, json.GetArrayLength());
        foreach (var s in json.EnumerateArray())
        {
            HasFields(s, ServiceFields, ServiceRequired);
            Assert.Contains(s.GetProperty("metadata").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.Equal(JsonValueKind.String, s.GetProperty("service_code").ValueKind);
        }
        Assert.Equal(Spark(xml.Root!, array: true), Spark(json));
    }

    [Fact]
    public async Task Service_definition_lists_the_attributes_with_their_datatypes_and_values()
    {
        var scene = await CreateAsync(app);
        var xml = await XmlAsync(await scene.GetAsync("services/facility-repair", "xml"));
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        HasFields(xml.Root, DefinitionFields);
        Assert.Equal("facility-repair", xml.Root.Element("service_code")!.Value);
        var attributes = xml.Root.Element("attributes")!.Elements().ToList();
        Assert.All(attributes, a => Assert.Equal("attribute", a.Name.LocalName));
        Assert.All(attributes, a => HasFields(a, [.. AttributeFields, "values"], ["variable", "code", "datatype", "required"]));
        Assert.All(attributes, a => Assert.Contains(a.Element("datatype")!.Value, Datatypes));
        var facility = attributes.Single(a => a.Element("code")!.Value == "facility");
        Assert.Equal(("true", "singlevaluelist", "true", "2", "设施"), (facility.Element("variable")!.Value, facility.Element("datatype")!.Value,
            facility.Element("required")!.Value, facility.Element("order")!.Value, facility.Element("description")!.Value));
        var values = facility.Element("values")!.Elements().ToList();
        Assert.All(values, v => Assert.Equal("value", v.Name.LocalName));
        Assert.All(values, v => HasFields(v, ValueFields));
        Assert.Contains(values, v => v.Element("key")!.Value == "drain" && v.Element("name")!.Value == "下水道");
        var building = attributes.Single(a => a.Element("code")!.Value == "building");
        Assert.Equal(("string", "false"), (building.Element("datatype")!.Value, building.Element("required")!.Value));
        Assert.Null(building.Element("values")); // values only for the two list datatypes

        var json = await JsonAsync(await scene.GetAsync("services/facility-repair", "json"));
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        HasFields(json, DefinitionFields);
        var jsonFacility = json.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "facility");
        Assert.Equal(JsonValueKind.True, jsonFacility.GetProperty("variable").ValueKind);
        Assert.Equal(JsonValueKind.True, jsonFacility.GetProperty("required").ValueKind);
        Assert.Equal(JsonValueKind.Number, jsonFacility.GetProperty("order").ValueKind);
        Assert.Equal(JsonValueKind.Array, jsonFacility.GetProperty("values").ValueKind);
        Assert.Equal(Spark(xml.Root, array: false), Spark(json));

        // A category without extra fields still has its definition, with no attributes.
        var policy = await JsonAsync(await scene.GetAsync("services/policy", "json"));
        Assert.Equal(0, policy.GetProperty("attributes").GetArrayLength());
    }

    [Fact]
    public async Task Requests_list_and_single_request_have_the_request_fields_open_status_and_w3_dates()
    {
        var scene = await CreateAsync(app);
        var before = app.Clock.GetUtcNow();
        var id = await scene.FileAsync([.. Drain(), ("lat", "30.0012"), ("long", "120.5801")]);
        var after = app.Clock.GetUtcNow();
        foreach (var path in new[] { "requests", $"requests/{id}" })
        {
            var xml = await XmlAsync(await scene.GetAsync(path, "xml"));
            var item = Assert.Single(Items(xml, "service_requests", "request"));
            HasFields(item, RequestFields, ["service_request_id", "status", "service_code", "requested_datetime"]);
            Assert.Equal((id, "open", "facility-repair", "设施报修"), (item.Element("service_request_id")!.Value, item.Element("status")!.Value,
                item.Element("service_code")!.Value, item.Element("service_name")!.Value));
            foreach (var date in item.Elements().Where(e => e.Name.LocalName.EndsWith("_datetime", StringComparison.Ordinal)))
            {
                Assert.Matches(W3Date, date.Value);
                Assert.EndsWith("+08:00", date.Value);
            }
            var requested = DateTimeOffset.Parse(item.Element("requested_datetime")!.Value);
            Assert.InRange(requested, before.AddSeconds(-1), after);
            Assert.Equal("30.0012", item.Element("lat")!.Value);

            var json = await JsonAsync(await scene.GetAsync(path, "json"));
            Assert.Equal(JsonValueKind.Array, json.ValueKind); // one request is an array of one
            var request = Assert.Single(json.EnumerateArray());
            HasFields(request, RequestFields);
            Assert.Equal(JsonValueKind.Number, request.GetProperty("lat").ValueKind);
            Assert.Equal(JsonValueKind.Null, request.GetProperty("media_url").ValueKind);
            Assert.Equal(Spark(xml.Root!, array: true), Spark(json));
        }
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_posted_request_answers_with_its_id_and_notice_never_a_token(string format)
    {
        var scene = await CreateAsync(app);
        using var response = await scene.PostAsync(format, Drain());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the specification's servers answer 200; 201 stays for /api/v1/requests
        string id;
        if (format == "xml")
        {
            var item = Assert.Single(Items(await XmlAsync(response), "service_requests", "request"));
            HasFields(item, PostFields, ["service_request_id"]);
            id = item.Element("service_request_id")!.Value;
            Assert.Contains("办结时限", item.Element("service_notice")!.Value);
        }
        else
        {
            var item = Assert.Single((await JsonAsync(response)).EnumerateArray());
            HasFields(item, PostFields, ["service_request_id"]);
            id = item.GetProperty("service_request_id").GetString()!;
            Assert.Equal(JsonValueKind.Null, item.GetProperty("account_id").ValueKind);
        }
        Assert.StartsWith($"{scene.Jurisdiction}-", id);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Errors_are_the_specifications_errors_with_its_statuses(string format)
    {
        var scene = await CreateAsync(app);
        var cases = new (string Url, int Status)[]
        {
            ($"/open311/v2/services.{format}", 400), // jurisdiction_id not provided
            ($"/open311/v2/services.{format}?jurisdiction_id=", 400),
            ($"/open311/v2/services.{format}?jurisdiction_id=nowhere", 404),
            ($"/open311/v2/requests.{format}?jurisdiction_id=nowhere", 404),
            (scene.Url("services/no-such-service", format), 404),
            (scene.Url("requests/XX-2026-000001", format), 404),
            (scene.Url("tokens/12345", format), 404),
            (scene.Url("requests", format, "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400), // more than 90 days
            (scene.Url("requests", format, "start_date=yesterday"), 400),
            (scene.Url("requests", format, "status=pending"), 400),
        };
        foreach (var (url, status) in cases)
            await IsErrorAsync(await scene.Anonymous.GetAsync(url), format, status, url);
        await IsErrorAsync(await scene.PostAsync(format, [.. Drain(), ("api_key", "")]), format, 403, "POST without api_key");
    }

    [Fact]
    public async Task Unknown_formats_and_paths_under_the_base_are_404_in_xml_not_a_page()
    {
        var scene = await CreateAsync(app);
        foreach (var url in new[] { scene.Url("services", "html"), "/open311/v2/services", "/open311/v2/nothing.json" })
        {
            using var response = await scene.Anonymous.GetAsync(url);
            var item = Assert.Single(Items(await XmlAsync(response, 404), "errors", "error"));
            Assert.Equal("404", item.Element("code")!.Value);
        }
    }

    [Fact]
    public async Task Control_characters_refused_before_routing_still_get_the_errors_body()
    {
        var scene = await CreateAsync(app);
        await IsErrorAsync(await scene.GetAsync("requests", "json", "service_code=a%01b"), "json", 400, "control character in the query");
        await IsErrorAsync(await scene.PostAsync("xml", [.. Drain("堵了\u0001")]), "xml", 400, "control character in the form");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Discovery_names_the_v2_endpoint_and_both_formats(string format)
    {
        var scene = await CreateAsync(app);
        using var response = await scene.Anonymous.GetAsync($"/open311/v2/discovery.{format}");
        string spark;
        if (format == "xml")
        {
            var xml = await XmlAsync(response);
            Assert.Equal("discovery", xml.Root!.Name.LocalName);
            HasFields(xml.Root, ["changeset", "contact", "key_service", "endpoints"]);
            var endpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
            Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
            Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
            Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value);
            spark = Spark(xml.Root, array: false);
        }
        else
        {
            var json = await JsonAsync(response);
            Assert.Equal(JsonValueKind.Array, json.GetProperty("endpoints").ValueKind);
            Assert.Equal("application/json", json.GetProperty("endpoints")[0].GetProperty("formats")[1].GetString());
            spark = Spark(json);
        }
        Assert.Contains("production", spark);
    }

    private static async Task IsErrorAsync(HttpResponseMessage response, string format, int status, string what)
    {
        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (format == "xml")
        {
            var error = Assert.Single(Items(await XmlAsync(response, status), "errors", "error"));
            HasFields(error, ErrorFields);
            Assert.Equal($"{status}", error.Element("code")!.Value);
            Assert.NotEmpty(error.Element("description")!.Value);
        }
        else
        {
            var json = await JsonAsync(response, status);
            var error = Assert.Single(json.EnumerateArray());
            HasFields(error, ErrorFields);
            Assert.Equal(status, error.GetProperty("code").GetInt32());
            Assert.Equal(JsonValueKind.String, error.GetProperty("description").ValueKind);
        }
    }
}
