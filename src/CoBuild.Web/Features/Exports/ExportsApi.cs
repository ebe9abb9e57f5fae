using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using CoBuild.Web.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Exports;

using Row = Dictionary<string, object?>;

/// <summary>Every register as .xlsx, limited to the caller's scope; personal data masked as on screen.</summary>
internal static class ExportsApi
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/exports/{list}", Export).WithTags("Exports").RequireAuthorization(Policies.Staff).ProducesFile(ApiFiles.Xlsx);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        string list, int? orgUnitId, int? streetId, string? kind, string? owner, string? q, string? group, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        orgUnitId ??= streetId; // the unit list filters by street; a street is an org node like any other
        var path = await ScopeQueries.PathAsync(db, caller, orgUnitId, ct);
        var wholeDistrict = caller.Role == Roles.DistrictAdmin && orgUnitId is null;
        var term = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        (string Name, List<Row> Rows)? sheet = list switch
        {
            "org-units" => ("组织架构", await OrgUnits(db, path, term, ct)),
            "units" => ("驻区单位", await Units(db, path, wholeDistrict, term, Parse<UnitKind>(kind), ct)),
            "party-organizations" => ("党组织", await PartyOrganizations(db, path, wholeDistrict, term, Parse<PartyOrgKind>(kind), owner, ct)),
            "members" => ("党员双报到", await MembersSheet(db, path, term, caller, ct)),
            "committee-seats" => ("兼职委员", await Seats(db, path, term, ct)),
            "venues" => ("红立方与服务中心", await Venues(db, path, term, Parse<VenueKind>(kind), ct)),
            "needs" => ("需求清单", await MenuSheets.Needs(db, path, new Menus.MenuFilter(Group: group, Q: term), ct)),
            "resources" => ("资源清单", await MenuSheets.Resources(db, caller, new Menus.MenuFilter(Group: group, Q: term), offers: false, ct)),
            "offers" => ("单位服务菜单", await MenuSheets.Resources(db, caller, new Menus.MenuFilter(Group: group, Q: term), offers: true, ct)),
            "projects" => ("项目清单", await MenuSheets.Projects(db, path, new Menus.MenuFilter(Group: group, Q: term), ct)),
            _ => null,
        };
        if (sheet is null)
            return TypedResults.Problem($"没有“{list}”这种导出，可用：org-units、units、party-organizations、members、committee-seats、venues、needs、resources、offers、projects。", statusCode: 404, title: "未找到");
        return Workbook(sheet.Value.Name, new Dictionary<string, object> { [sheet.Value.Name] = sheet.Value.Rows }, clock);
    }

    /// <summary>An .xlsx download named after the register and the day (Beijing time).</summary>
    public static FileContentHttpResult Workbook(string name, Dictionary<string, object> sheets, TimeProvider clock)
    {
        var stamp = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), China).ToString("yyyyMMdd");
        return TypedResults.File(Xlsx.Write(sheets), Xlsx.ContentType, $"{name}_{stamp}.xlsx");
    }

    /// <summary>Same leniency as the list pages: an unknown kind means no kind filter.</summary>
    private static T? Parse<T>(string? text) where T : struct, Enum => Enum.TryParse<T>(text, out var v) ? v : null;

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<List<Row>> OrgUnits(AppDbContext db, string path, string? term, CancellationToken ct) =>
        (await ScopeQueries.OrgUnits(db, path).Where(o => term == null || o.Name.Contains(term)).OrderBy(o => o.Code).ToListAsync(ct))
        .Select(o => new Row { ["层级"] = OrgUnit.LevelName(o.Level), ["名称"] = o.Name, ["编码"] = o.Code, ["地址"] = o.Address, ["办公电话"] = o.OfficePhone, ["户数"] = o.Households }).ToList();

    private static async Task<List<Row>> Units(AppDbContext db, string path, bool wholeDistrict, string? term, UnitKind? kind, CancellationToken ct) =>
        (await ScopeQueries.Units(db, path, wholeDistrict)
            .Where(u => term == null || u.Name.Contains(term))
            .Where(u => kind == null || u.Kind == kind)
            .OrderBy(u => u.StreetId).ThenBy(u => u.Id)
            .Select(u => new { u.Name, u.Kind, Street = u.Street!.Name, Community = u.Community!.Name, u.Address, u.ContactName, u.ContactPhone })
            .ToListAsync(ct))
        .Select(u => new Row { ["单位名称"] = u.Name, ["单位类型"] = ResidentUnit.KindName(u.Kind), ["所在街道"] = u.Street, ["所在社区"] = u.Community, ["地址"] = u.Address, ["联系人"] = u.ContactName, ["联系电话"] = PhoneNumber.Mask(u.ContactPhone) }).ToList();

    private static async Task<List<Row>> PartyOrganizations(AppDbContext db, string path, bool wholeDistrict, string? term, PartyOrgKind? kind, string? owner, CancellationToken ct) =>
        (await ScopeQueries.PartyOrganizations(db, path, wholeDistrict)
            .Where(p => term == null || p.Name.Contains(term))
            .Where(p => kind == null || p.Kind == kind)
            .Where(p => owner != "org" || p.OrgUnitId != null)
            .Where(p => owner != "unit" || p.ResidentUnitId != null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Name, p.Kind, Node = p.OrgUnit!.Name, Unit = p.ResidentUnit!.Name, p.SecretaryName })
            .ToListAsync(ct))
        .Select(p => new Row { ["党组织名称"] = p.Name, ["类型"] = PartyOrganization.KindName(p.Kind), ["所属社区或网格"] = p.Node, ["所属单位"] = p.Unit, ["书记"] = p.SecretaryName }).ToList();

    private static async Task<List<Row>> MembersSheet(AppDbContext db, string path, string? term, Caller caller, CancellationToken ct) =>
        (await MemberQueries.Project(MemberQueries.Under(db, path, term).OrderBy(r => r.Community!.Code).ThenBy(r => r.PartyMemberId), caller).ToListAsync(ct))
        .Select(m => new Row
        {
            ["姓名"] = m.Name, ["性别"] = m.Gender, ["出生年份"] = m.BirthYear, ["身份证号"] = m.IdCard, ["手机号"] = m.Phone, ["职业"] = m.Occupation,
            ["工作单位"] = m.WorkUnit, ["居住社区"] = m.Community, ["网格"] = m.Grid, ["技能特长"] = m.Skills, ["服务意向"] = m.ServicePreferences,
            ["报到日期"] = m.ReportedOn.ToString("yyyy-MM-dd"),
        }).ToList();

    private static async Task<List<Row>> Seats(AppDbContext db, string path, string? term, CancellationToken ct) =>
        (await ScopeQueries.Seats(db, path)
            .Where(s => term == null || s.HolderName.Contains(term) || s.ResidentUnit!.Name.Contains(term))
            .OrderBy(s => s.OrgUnit!.Code).ThenBy(s => s.Post).ThenBy(s => s.Id)
            .Select(s => new { Committee = s.OrgUnit!.Name, s.OrgUnit.Level, Unit = s.ResidentUnit!.Name, s.HolderName, s.Post, s.TermStart, s.TermEnd })
            .ToListAsync(ct))
        .Select(s => new Row
        {
            ["所在组织"] = s.Committee + (s.Level == OrgLevel.Street ? "大工委" : "大党委"), ["委员"] = s.HolderName, ["职务"] = CommitteeSeat.PostName(s.Post),
            ["所在单位"] = s.Unit, ["任期开始"] = s.TermStart.ToString("yyyy-MM-dd"), ["任期结束"] = s.TermEnd.ToString("yyyy-MM-dd"),
        }).ToList();

    private static async Task<List<Row>> Venues(AppDbContext db, string path, string? term, VenueKind? kind, CancellationToken ct) =>
        (await ScopeQueries.Venues(db, path).Where(v => term == null || v.Name.Contains(term)).Where(v => kind == null || v.Kind == kind).Include(v => v.Rooms).Include(v => v.OrgUnit).OrderBy(v => v.OrgUnit!.Code).ToListAsync(ct))
        .SelectMany(v => v.Rooms.Select(r => new Row
        {
            ["场所"] = v.Name, ["类型"] = v.Kind == VenueKind.RedCube ? "红立方" : "社区服务中心", ["所属"] = v.OrgUnit!.Name, ["地址"] = v.Address,
            ["开放时间"] = v.OpenHours, ["房间"] = r.Name, ["容纳人数"] = r.Capacity, ["设施"] = r.Facilities,
        })).ToList();
}
