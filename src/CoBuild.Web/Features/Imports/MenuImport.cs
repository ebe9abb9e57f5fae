using CoBuild.Web.Features.Menus;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Imports;

/// <summary>The need list and the street resource list from Excel, with the same row report as the registers.</summary>
internal static class MenuImport
{
    public static readonly ImportColumn[] NeedColumns =
    [
        new("需求名称", true, "如：老年食堂助餐服务"),
        new("所在街道", true, "如：府山街道"),
        new("发布社区", false, "如：蕺山社区；空白表示街道发布"),
        new("分类编码", false, "小组编码，如 D04（为老助残服务），见资源清单分类", 16),
        new("需求说明", false, "", 2000),
        new("可共建单位数", false, "1 到 50，空白为 1", 4),
    ];

    public static readonly ImportColumn[] ResourceColumns =
    [
        new("资源名称", true, "如：府山红立方·议事协商室"),
        new("所在街道", true, "资源所属街道，如：府山街道"),
        new("类别", true, "活动阵地、公益资金、设施设备、人才服务"),
        new("分类编码", true, "小组编码，如 A02、B01", 16),
        new("说明", false, "", 2000),
        new("总额", false, "公益资金填元，人才服务填小时；其他留空", 9),
    ];

    private static async Task<Dictionary<string, MenuCategory>> GroupsAsync(AppDbContext db, int districtId, CancellationToken ct) =>
        await db.MenuCategories.AsNoTracking().Where(c => c.DistrictId == districtId && c.ParentId != null).ToDictionaryAsync(c => c.Code, ct);

    public static async Task<List<Need>> ValidateNeeds(List<SheetRow> rows, ImportPlaces places, AppDbContext db, int districtId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var groups = await GroupsAsync(db, districtId, ct);
        var result = new List<Need>();
        foreach (var row in rows)
        {
            var title = row.Required("需求名称");
            var street = places.Street(row, "所在街道");
            var community = places.Community(row, street, "发布社区", required: false);
            var owner = community ?? street;
            if (community is null && street is not null && row.Text("发布社区") is null && !places.InScope(street))
                row.Error("所在街道", $"“{street.Name}”不在您的管理范围内");
            var group = Group(row, groups, "分类编码", required: false);
            var capacity = Number(row, "可共建单位数") ?? 1;
            if (owner is null || title.Length == 0) continue;
            try { result.Add(new Need(owner, group, title, row.Text("需求说明"), capacity, now, actor)); }
            catch (InvalidInput e) { row.Error(e.Field == "capacity" ? "可共建单位数" : "需求名称", e.Message); }
        }
        return result;
    }

    public static async Task<List<Resource>> ValidateResources(List<SheetRow> rows, ImportPlaces places, AppDbContext db, int districtId, DateTimeOffset now, CancellationToken ct)
    {
        var groups = await GroupsAsync(db, districtId, ct);
        var result = new List<Resource>();
        foreach (var row in rows)
        {
            var title = row.Required("资源名称");
            var street = places.Street(row, "所在街道");
            if (street is not null && !places.InScope(street)) row.Error("所在街道", $"“{street.Name}”不在您的管理范围内，只有街道和区可导入街道资源");
            var kindText = row.Required("类别");
            var kind = Enum.GetValues<ResourceKind>().Cast<ResourceKind?>().FirstOrDefault(k => Resource.KindName(k!.Value) == kindText);
            if (kindText.Length > 0 && kind is null) row.Error("类别", $"“{kindText}”不是资源类别，可填：活动阵地、公益资金、设施设备、人才服务");
            var group = Group(row, groups, "分类编码", required: true);
            var amount = Number(row, "总额");
            if (street is null || kind is null || group is null || title.Length == 0 || !places.InScope(street)) continue;
            try { result.Add(Resource.OfNode(street, group, kind.Value, title, row.Text("说明"), amount, null, now)); }
            catch (InvalidInput e) { row.Error(e.Field == "amount" ? "总额" : "资源名称", e.Message); }
        }
        return result;
    }

    private static MenuCategory? Group(SheetRow row, Dictionary<string, MenuCategory> groups, string column, bool required)
    {
        var code = required ? row.Required(column) : row.Text(column);
        if (string.IsNullOrEmpty(code)) return null;
        if (!groups.TryGetValue(code.ToUpperInvariant(), out var group)) { row.Error(column, $"分类编码“{code}”不存在"); return null; }
        return group;
    }

    private static int? Number(SheetRow row, string column)
    {
        var text = row.Text(column);
        if (text is null) return null;
        if (int.TryParse(text, out var n)) return n;
        if (double.TryParse(text, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d; // Excel stores numbers as doubles
        row.Error(column, $"“{text}”不是整数");
        return null;
    }
}
