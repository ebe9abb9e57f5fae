using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Imports;

internal static class UnitImport
{
    public static readonly ImportColumn[] Columns =
    [
        new("单位名称", true, "驻区单位全称，全区唯一"),
        new("单位类型", true, "企业、医院、学校、公用事业、机关事业单位、社会组织"),
        new("所在街道", true, "如：府山街道"),
        new("所在社区", false, "如：蕺山社区"),
        new("地址", false, "", 200),
        new("联系人", false, "", 32),
        new("联系电话", false, "", 32, Text: true),
    ];

    public static List<ResidentUnit> Validate(List<SheetRow> rows, ImportPlaces places, int districtId)
    {
        var result = new List<ResidentUnit>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var name = row.UniqueName("单位名称", seen, places.Units.ContainsKey, "系统中已有同名单位");

            var kindText = row.Required("单位类型");
            var kind = ResidentUnit.ParseKind(kindText);
            if (kindText.Length > 0 && (kind is null || kind == UnitKind.DistrictDepartment)) row.Error("单位类型", $"“{kindText}”不是可导入的单位类型");

            var street = places.Street(row, "所在街道");
            var community = places.Community(row, street, "所在社区", required: false);
            if (street is not null && community is null && row.Text("所在社区") is null && !places.InScope(street))
                row.Error("所在街道", $"“{street.Name}”不在您的管理范围内");

            if (kind is { } k && street is not null && name.Length is > 0 and <= 80)
            {
                try { result.Add(new ResidentUnit(districtId, name, k, street.Id, community?.Id, row.Text("地址"), row.Text("联系人"), row.Text("联系电话"))); }
                catch (InvalidInput e) { row.Error("单位名称", e.Message); }
            }
        }
        return result;
    }
}
