using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Features.ServiceDesk.Open311;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>
/// A community with the standard catalogue (jurisdiction_id = its code) and an API key issued by the district admin;
/// the field names of the GeoReport v2 specification, one table for both formats (docs/notes/issue-15-research.md §2.2).
/// </summary>
internal sealed record Open311Scene(TestDistrictFixture App, TestStreet Street, string Jurisdiction, string Key, HttpClient Anonymous)
{
    public static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    public static readonly string[] ServiceRequired = ["service_code", "service_name", "metadata", "type"];
    public static readonly string[] DefinitionFields = ["service_code", "attributes"];
    public static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description"];
    public static readonly string[] ValueFields = ["key", "name"];
    public static readonly string[] RequestFields = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url"];
    public static readonly string[] PostFields = ["service_request_id", "service_notice", "account_id"];
    public static readonly string[] ErrorFields = ["code", "description"];
    public static readonly string[] Datatypes = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];
    public static readonly Regex W3Date = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$");

    public static async Task<Open311Scene> CreateAsync(TestDistrictFixture app)
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        await app.District.ServiceDeskAsync(street);
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/open311-clients", new Open311ClientInput("12345 热线"), Json.Options);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Read<IssuedOpen311Client>();
        return new Open311Scene(app, street, street.Community!.Code, issued.ApiKey, await app.ClientFor(null));
    }

    public string Url(string path, string format, string? query = null) =>
        $"/open311/v2/{path}.{format}?jurisdiction_id={Uri.EscapeDataString(Jurisdiction)}{(query is null ? "" : "&" + query)}";

    public Task<HttpResponseMessage> GetAsync(string path, string format, string? query = null) => Anonymous.GetAsync(Url(path, format, query));

    /// <summary>POST requests.{format} form-urlencoded, with this scene's key and jurisdiction unless the fields name their own.</summary>
    public Task<HttpResponseMessage> PostAsync(string format, params (string Name, string Value)[] fields)
    {
        var all = new List<KeyValuePair<string, string>>();
        if (fields.All(f => f.Name != "api_key")) all.Add(new("api_key", Key));
        if (fields.All(f => f.Name != "jurisdiction_id")) all.Add(new("jurisdiction_id", Jurisdiction));
        all.AddRange(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return Anonymous.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(all));
    }

    public static (string, string)[] Drain(string description = "小区3幢门口下水道堵塞") =>
        [("service_code", "facility-repair"), ("description", description), ("address_string", "3幢门口"), ("attribute[facility]", "drain")];

    /// <summary>Files a request through Open311 and returns its service_request_id.</summary>
    public async Task<string> FileAsync(params (string, string)[] fields)
    {
        using var response = await PostAsync("json", fields.Length == 0 ? Drain() : fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    public async Task<Ticket> TicketAsync(string number)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
    }

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text);
        var doc = XDocument.Parse(text);
        Assert.Equal("utf-8", doc.Declaration!.Encoding, ignoreCase: true);
        Assert.Equal(XNamespace.None, doc.Root!.Name.Namespace);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.Namespace != XNamespace.None || e.Attributes().Any());
        return doc;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The children of <paramref name="root"/>, all named <paramref name="item"/>.</summary>
    public static IReadOnlyList<XElement> Items(XDocument doc, string root, string item)
    {
        Assert.Equal(root, doc.Root!.Name.LocalName);
        Assert.All(doc.Root.Elements(), e => Assert.Equal(item, e.Name.LocalName));
        return [.. doc.Root.Elements()];
    }

    /// <summary>An item's element names: within the specification's list, and holding its required ones.</summary>
    public static void HasFields(XElement item, string[] expected, string[]? required = null) =>
        HasFields(item.Elements().Select(e => e.Name.LocalName).ToList(), expected, required, item.ToString());

    public static void HasFields(JsonElement item, string[] expected, string[]? required = null)
    {
        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        HasFields(item.EnumerateObject().Select(p => p.Name).ToList(), expected, required, item.ToString());
    }

    private static void HasFields(List<string> names, string[] expected, string[]? required, string shown)
    {
        Assert.True(names.Distinct().Count() == names.Count, $"a field twice: {shown}");
        var foreign = names.Except(expected).ToList();
        Assert.True(foreign.Count == 0, $"fields outside the specification ({string.Join(", ", foreign)}): {shown}");
        var missing = (required ?? expected).Except(names).ToList();
        Assert.True(missing.Count == 0, $"missing {string.Join(", ", missing)}: {shown}");
    }

    /// <summary>
    /// The Spark reading of an XML element, to compare with the JSON: an empty element is null, a container of one
    /// repeated element an array, other elements objects; JSON scalars compared as their text.
    /// </summary>
    public static string Spark(XElement e, bool array) =>
        array ? "[" + string.Join(",", e.Elements().Select(c => Spark(c, false))) + "]"
        : !e.HasElements ? (e.Value.Length == 0 ? "null" : Quote(e.Value))
        : "{" + string.Join(",", e.Elements().Select(c => Quote(c.Name.LocalName) + ":" + Spark(c, IsList(c)))) + "}";

    private static bool IsList(XElement c) =>
        c.Name.LocalName is "attributes" or "values" or "endpoints" or "formats";

    public static string Spark(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Spark)) + "]",
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => Quote(p.Name) + ":" + Spark(p.Value))) + "}",
        JsonValueKind.Null => "null",
        JsonValueKind.String => Quote(e.GetString()!),
        _ => Quote(e.GetRawText()),
    };

    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
