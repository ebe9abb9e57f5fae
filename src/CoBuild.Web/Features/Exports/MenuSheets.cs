using CoBuild.Web.Features.Menus;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Exports;

using Row = Dictionary<string, object?>;

/// <summary>The three lists as sheets: needs and projects under the scope path, resources and offers of the caller's street.</summary>
internal static class MenuSheets
{
    public static async Task<List<Row>> Needs(AppDbContext db, string path, MenuFilter f, CancellationToken ct) =>
        (await MenuQueries.Project((await MenuQueries.NeedsAsync(db, f, ct)).Under(n => n.Path, path)
            .OrderBy(n => n.Path).ThenBy(n => n.Id)).ToListAsync(ct))
        .Select(n => new Row
        {
            ["需求名称"] = n.Title, ["发布方"] = n.OrgUnit, ["分类编码"] = n.GroupCode, ["分类"] = n.Group, ["需求说明"] = n.Description,
            ["可共建单位数"] = n.Capacity, ["已认领"] = n.Claimed, ["状态"] = n.StatusName, ["发布日期"] = n.CreatedAt.ToString("yyyy-MM-dd"),
        }).ToList();

    public static async Task<List<Row>> Resources(AppDbContext db, Caller caller, MenuFilter f, bool offers, CancellationToken ct)
    {
        var street = await MenuScope.StreetIdAsync(db, caller);
        var query = (await MenuQueries.ResourcesAsync(db, f, offers, null, ct)).OfStreet(street);
        return (await MenuQueries.Project(query.OrderBy(r => r.Category!.Code).ThenBy(r => r.Id)).ToListAsync(ct))
            .Select(r => new Row
            {
                [offers ? "服务名称" : "资源名称"] = r.Title, ["提供方"] = r.Owner, ["类别"] = r.KindName, ["分类编码"] = r.GroupCode, ["分类"] = r.Group,
                ["说明"] = r.Description, ["容纳人数"] = r.SeatCapacity, ["总额"] = r.Amount, ["剩余"] = r.Remaining, ["单位"] = r.AmountUnit, ["在架"] = r.Active ? "是" : "否",
            }).ToList();
    }

    public static async Task<List<Row>> Projects(AppDbContext db, string path, MenuFilter f, CancellationToken ct) =>
        (await MenuQueries.Project((await MenuQueries.ProjectsAsync(db, f, ct)).Under(p => p.Path, path)
            .OrderBy(p => p.StartsOn).ThenBy(p => p.Id)).ToListAsync(ct))
        .Select(p => new Row { ["项目名称"] = p.Title, ["牵头"] = p.OrgUnit, ["状态"] = p.StatusName, ["进度"] = $"{p.Progress}%", ["开始日期"] = p.StartsOn.ToString("yyyy-MM-dd") }).ToList();
}
