using System.Globalization;
using System.Text.RegularExpressions;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace CoBuild.Web.Features.ServiceDesk.Open311;

/// <summary>A failure with the status the GeoReport v2 specification gives it (400, 403, 404).</summary>
public sealed class Open311Error(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2): a community's service catalogue and its
/// requests for third-party apps, in XML and JSON. <c>jurisdiction_id</c> is the community's code; only filing a request
/// needs an API key, issued per app by the district (Open311ClientsApi). Errors are the specification's
/// <c>&lt;errors&gt;</c>, not ProblemDetails, and the group is left out of the OpenAPI document: its contract is the specification.
/// </summary>
internal static partial class Open311Api
{
    public const string Base = "/open311/v2";
    public const int MaxRequests = 1000, MaxDays = 90;
    private const string Specification = "http://wiki.open311.org/GeoReport_v2";
    private const string Changeset = "2026-12-03T00:00:00+08:00";

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        app.MapOpen311Clients();
        var v2 = app.MapGroup(Base).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(Errors);
        v2.MapGet("/discovery.{format}", (string format, HttpContext http) => Discovery(Format(format), http));
        v2.MapGet("/services.{format}", Services);
        v2.MapGet("/services/{code}.{format}", Definition);
        v2.MapGet("/requests.{format}", Requests);
        v2.MapPost("/requests.{format}", Create);
        v2.MapGet("/requests/{id}.{format}", Request);
        v2.MapGet("/tokens/{token}.{format}", Token);
        // Anything else under the base (another extension, a missing one) is the specification's 404, not our page.
        app.Map(Base + "/{**rest}", () => Open311Output.Errors(Open311Output.Xml, 404, "没有这个资源。Resource not found.")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A bare status under the base (a control character refused before routing, too many writes) in the specification's errors body.</summary>
    public static IApplicationBuilder UseOpen311StatusCodes(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Base), o => o.UseStatusCodePages(ctx =>
        {
            var http = ctx.HttpContext;
            var status = http.Response.StatusCode;
            var format = http.Request.Path.Value!.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Open311Output.Json : Open311Output.Xml;
            return Open311Output.Errors(format, status, status == 400 ? "请求含有控制字符或无法读取。Bad request." : ReasonPhrases.GetReasonPhrase(status)).ExecuteAsync(http);
        }));

    private static async ValueTask<object?> Errors(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var format = (ctx.HttpContext.Request.RouteValues["format"] as string)?.ToLowerInvariant();
        if (!Open311Output.IsFormat(format)) return Open311Output.Errors(Open311Output.Xml, 404, "格式须为 .xml 或 .json。Format must be xml or json.");
        try
        {
            return await next(ctx);
        }
        catch (Exception e) when (Status(e) is { } status)
        {
            return Open311Output.Errors(format, status, e.Message);
        }
    }

    /// <summary>The specification's statuses: 404 for what does not exist, 403 for the key, 400 for any other failure.</summary>
    private static int? Status(Exception e) => e switch
    {
        Open311Error o => o.Status,
        UnknownId => 404,
        Forbidden => 403,
        InvalidInput or RuleViolation or Unprocessable or BadHttpRequestException or InvalidDataException => 400,
        _ => null,
    };

    private static string Format(string format) => format.ToLowerInvariant();

    private static Open311Output Discovery(string format, HttpContext http) => new(format, 200, "discovery", new Fields([
        new("changeset", Changeset),
        new("contact", "所在街道或区委组织部（区社会工作部）。Contact the street office or the district organization department."),
        new("key_service", "API key 由区级管理员在“Open311 接入应用”中签发（POST /api/v1/open311-clients）。Keys are issued per app by the district administrator."),
        new("endpoints", new Many("endpoint", [new Fields([
            new("specification", Specification),
            new("url", $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Base}"),
            new("changeset", Changeset),
            new("type", "production"),
            new("formats", new Many("format", ["text/xml", "application/json"])),
        ])])),
    ]));

    private static async Task<Open311Output> Services(string format, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var community = await JurisdictionAsync(db, http.Request.Query["jurisdiction_id"], ct);
        var catalogue = await TicketEdits.CurrentCatalogueAsync(db, community.Id, ct);
        var services = catalogue?.Categories.Where(c => c.Active).OrderBy(c => c.Order).Select(c => (object?)new Fields([
            new("service_code", c.Code),
            new("service_name", c.Name),
            new("description", c.Description),
            new("metadata", c.Fields.Count > 0),
            new("type", "realtime"),
            new("keywords", c.Keywords),
            new("group", c.Group),
        ])).ToList() ?? [];
        return new(Format(format), 200, "services", new Many("service", services));
    }

    private static async Task<Open311Output> Definition(string code, string format, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var community = await JurisdictionAsync(db, http.Request.Query["jurisdiction_id"], ct);
        var category = await CategoryAsync(db, community, code, ct);
        var attributes = category.Fields.OrderBy(f => f.Order).Select(f =>
        {
            var fields = new List<Field>
            {
                new("variable", true), new("code", f.Code), new("datatype", f.Type.ToString().ToLowerInvariant()), new("required", f.Required),
                new("datatype_description", f.Help), new("order", f.Order), new("description", f.Label),
            };
            if (f.Type is FieldType.Singlevaluelist or FieldType.Multivaluelist)
                fields.Add(new("values", new Many("value", [.. (f.Options ?? []).Select(o => (object?)new Fields([new("key", o.Key), new("name", o.Name)]))])));
            return (object?)new Fields(fields);
        }).ToList();
        return new(Format(format), 200, "service_definition", new Fields([new("service_code", category.Code), new("attributes", new Many("attribute", attributes))]));
    }

    private static async Task<Open311Output> Requests(string format, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var query = http.Request.Query;
        var community = await JurisdictionAsync(db, query["jurisdiction_id"], ct);
        var q = db.Tickets.AsNoTracking().Where(t => t.CommunityId == community.Id);
        var ids = List(query["service_request_id"]);
        // The specification: service_request_id overrides all other arguments.
        if (ids.Count > 0) q = q.Where(t => ids.Contains(t.Number));
        else
        {
            var codes = List(query["service_code"]);
            if (codes.Count > 0) q = q.Where(t => codes.Contains(t.CategoryCode));
            var statuses = List(query["status"]).Select(s => s.ToLowerInvariant()).ToList();
            if (statuses.FirstOrDefault(s => s is not ("open" or "closed")) is { } bad) throw new Open311Error(400, $"status 只能是 open 或 closed，收到“{bad}”。");
            if (statuses.Contains("open") && !statuses.Contains("closed")) q = q.Where(t => t.Status != TicketStatus.Closed);
            if (statuses.Contains("closed") && !statuses.Contains("open")) q = q.Where(t => t.Status == TicketStatus.Closed);
            var (from, to) = Window(Date(query["start_date"], "start_date"), Date(query["end_date"], "end_date"), clock.GetUtcNow());
            q = q.Where(t => t.ReceivedAt >= from && t.ReceivedAt <= to);
        }
        var tickets = await q.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Id).Take(MaxRequests).ToListAsync(ct);
        return new(Format(format), 200, "service_requests", new Many("request", await ItemsAsync(db, community, tickets, ct)));
    }

    private static async Task<Open311Output> Request(string id, string format, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var community = await JurisdictionAsync(db, http.Request.Query["jurisdiction_id"], ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.CommunityId == community.Id && t.Number == id, ct)
            ?? throw new Open311Error(404, $"没有编号为“{id}”的事项。service_request_id not found.");
        return new(Format(format), 200, "service_requests", new Many("request", await ItemsAsync(db, community, [ticket], ct)));
    }

    /// <summary>Every service is realtime: a filed request gets its id at once, so no token is ever issued.</summary>
    private static async Task<Open311Output> Token(string token, string format, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        await JurisdictionAsync(db, http.Request.Query["jurisdiction_id"], ct);
        throw new Open311Error(404, "没有这个 token：本平台的服务均为 realtime，提交即返回 service_request_id。Token not found.");
    }

    private static async Task<Open311Output> Create(string format, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) throw new Open311Error(400, "请求体须为 application/x-www-form-urlencoded。");
        var form = await http.Request.ReadFormAsync(ct);
        string? Value(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var community = await JurisdictionAsync(db, form.ContainsKey("jurisdiction_id") ? form["jurisdiction_id"] : http.Request.Query["jurisdiction_id"], ct);

        var key = Value("api_key");
        var hash = key is null ? null : Open311Client.Hash(key);
        var client = hash is null ? null : await db.Open311Clients.FirstOrDefaultAsync(c => c.KeyHash == hash && c.DistrictId == community.DistrictId, ct);
        if (client is not { Active: true }) throw new Open311Error(403, "api_key 无效或缺失，不能提交。Invalid api_key received -- can't proceed with create_request.");

        var category = await CategoryAsync(db, community, Value("service_code") ?? throw new Open311Error(400, "缺少 service_code。service_code not provided."), ct);
        var (lat, lon) = (Number(Value("lat"), "lat"), Number(Value("long"), "long"));
        var address = Value("address_string");
        if ((lat is null || lon is null) && address is null)
            throw new Open311Error(400, "请提供地点：address_string，或成对的 lat 与 long。A location (lat and long, or address_string) is required.");
        var now = clock.GetUtcNow();
        var caller = new Caller($"open311:{client.Name}", Roles.Resident, community.DistrictId, community.Id, community.Path, null, null);
        client.Used(now); // saved with the request
        var ticket = await TicketEdits.IntakeAsync(db, caller, new IntakeRequest(community.Id, category.Code, Value("description") ?? $"{category.Name}（{client.Name}上报）",
            ResidentName(Value("first_name"), Value("last_name")), Phone(Value("phone")), false, Attributes(form), address, lat, lon),
            TicketChannel.Open311, client.Id, now, ct);
        var notice = $"受理时限 {Local(ticket.AcceptBy)} 前，办结时限 {Local(ticket.DueBy)} 前。";
        return new(Format(format), 200, "service_requests", new Many("request", [new Fields([
            new("service_request_id", ticket.Number), new("service_notice", notice), new("account_id", null)])]));
    }

    private static async Task<OrgUnit> JurisdictionAsync(AppDbContext db, StringValues value, CancellationToken ct)
    {
        var code = value.ToString().Trim();
        if (code.Length == 0) throw new Open311Error(400, "缺少 jurisdiction_id（社区代码）。jurisdiction_id not provided.");
        OrgUnit? community;
        // Community codes are public; a caller signed in to another district still reads the community it names.
        using (db.EveryDistrict())
            community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code && o.Level == OrgLevel.Community, ct);
        if (community is null) throw new Open311Error(404, $"没有代码为“{code}”的社区。jurisdiction_id not found.");
        db.UseDistrict(community.DistrictId);
        return community;
    }

    private static async Task<ServiceCategory> CategoryAsync(AppDbContext db, OrgUnit community, string code, CancellationToken ct)
    {
        var catalogue = await TicketEdits.CurrentCatalogueAsync(db, community.Id, ct);
        return catalogue?.Categories.FirstOrDefault(c => c.Active && string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new Open311Error(404, $"{community.Name}的服务目录没有“{code}”。service_code not found.");
    }

    /// <summary>
    /// The requests as the specification lists them. The feed is public, so it never shows the resident's name or phone,
    /// and what a resident told the desk or filed from the phone (a 低保 application, a dispute) shows only its category
    /// and progress: description, place and result are shown for reports about public space, filed through Open311 or on patrol.
    /// </summary>
    private static async Task<List<object?>> ItemsAsync(AppDbContext db, OrgUnit community, IReadOnlyList<Ticket> tickets, CancellationToken ct)
    {
        var departmentIds = tickets.Where(t => t.DepartmentUnitId is not null).Select(t => t.DepartmentUnitId!.Value).Distinct().ToList();
        var departments = departmentIds.Count == 0 ? [] : await db.ResidentUnits.Where(u => departmentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. tickets.Select(t =>
        {
            var shown = t.Channel is TicketChannel.Open311 or TicketChannel.GridPatrol;
            var agency = t.Level switch
            {
                TicketLevel.Community => community.Name,
                TicketLevel.Street => t.Platform is { } p ? $"{Ticket.PlatformName(p)}平台" : "街道综合信息指挥室",
                _ => t.DepartmentUnitId is { } d ? departments.GetValueOrDefault(d, "区级部门") : "区级部门",
            };
            return (object?)new Fields([
                new("service_request_id", t.Number),
                new("status", t.Status == TicketStatus.Closed ? "closed" : "open"),
                new("status_notes", shown && t.Status == TicketStatus.Closed ? t.Result : null),
                new("service_name", t.CategoryName),
                new("service_code", t.CategoryCode),
                new("description", shown ? t.Description : null),
                new("agency_responsible", agency),
                new("service_notice", null),
                new("requested_datetime", Open311Output.Date(t.ReceivedAt)),
                new("updated_datetime", Open311Output.Date(t.ClosedAt ?? t.UpdatedAt)),
                new("expected_datetime", Open311Output.Date(t.DueBy)),
                new("address", shown ? t.Address : null),
                new("address_id", null),
                new("zipcode", null),
                new("lat", shown ? t.Lat : null),
                new("long", shown ? t.Long : null),
                new("media_url", null),
            ]);
        })];
    }

    /// <summary>start_date and end_date bound requested_datetime; without them the most recent 90 days; never more than 90 days.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        var span = TimeSpan.FromDays(MaxDays);
        var (from, to) = (start, end) switch
        {
            (null, null) => (now - span, now),
            ({ } s, null) => (s, s + span),
            (null, { } e) => (e - span, e),
            ({ } s, { } e) => (s, e),
        };
        if (to < from) throw new Open311Error(400, "end_date 早于 start_date。end_date is before start_date.");
        if (to - from > span) throw new Open311Error(400, $"查询时段不能超过 {MaxDays} 天。The date range may not span more than {MaxDays} days.");
        return (from, to);
    }

    /// <summary>A w3 date-time; without an offset (or a bare date) it is Beijing time.</summary>
    private static DateTimeOffset? Date(StringValues value, string name)
    {
        var s = value.ToString().Trim();
        if (s.Length == 0) return null;
        if (s.Length == 10) s += "T00:00:00";
        if (!HasOffset().IsMatch(s)) s += "+08:00";
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at : throw new Open311Error(400, $"{name} 须为 ISO 8601 时间，如 2026-03-01T00:00:00+08:00。");
    }

    private static double? Number(string? value, string name) => value is null ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new Open311Error(400, $"{name} 须为数字。");

    private static List<string> List(StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct()];

    /// <summary><c>attribute[code]=v</c>, and <c>attribute[code][]=v</c> repeated for a multivaluelist.</summary>
    private static Dictionary<string, string[]> Attributes(IFormCollection form)
    {
        var answers = new Dictionary<string, List<string>>();
        foreach (var (key, values) in form)
        {
            if (AttributeKey().Match(key) is not { Success: true } m) continue;
            var code = m.Groups[1].Value;
            if (!answers.TryGetValue(code, out var list)) answers[code] = list = [];
            list.AddRange(values.OfType<string>());
        }
        return answers.ToDictionary(a => a.Key, a => a.Value.ToArray());
    }

    /// <summary>first_name and last_name become the resident's name on the request (family name first for Chinese).</summary>
    private static string? ResidentName(string? first, string? last)
    {
        if (first is null && last is null) return null;
        var latin = $"{first}{last}".Any(c => c < 0x2E80);
        return latin ? $"{first} {last}".Trim() : $"{last}{first}";
    }

    /// <summary>"+86 138-0000-1234" is the mobile number 13800001234; anything else goes to the rule of the request.</summary>
    private static string? Phone(string? phone)
    {
        if (phone is null) return null;
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length == 11 ? digits : phone;
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^attribute\[([^\[\]]+)\](\[\])?$")]
    private static partial Regex AttributeKey();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();
}
