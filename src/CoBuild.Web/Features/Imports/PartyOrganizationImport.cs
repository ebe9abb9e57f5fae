using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Imports;

internal static class PartyOrganizationImport
{
    public static readonly ImportColumn[] Columns =
    [
        new("党组织名称", true, "全称，全区唯一"),
        new("类型", true, "党委、党总支、党支部"),
        new("所属单位", false, "驻区单位的党组织填单位名称；社区党组织不填"),
        new("所在街道", false, "社区、网格党组织填写"),
        new("所在社区", false, "社区、网格党组织填写"),
        new("所在网格", false, "网格党支部填写"),
        new("书记", false, "", 32),
    ];

    public static async Task<List<PartyOrganization>> Validate(List<SheetRow> rows, ImportPlaces places, AppDbContext db, int districtId, CancellationToken ct)
    {
        var existing = (await db.PartyOrganizations.Where(p => p.DistrictId == districtId).Select(p => p.Name).ToListAsync(ct)).ToHashSet();
        var result = new List<PartyOrganization>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var name = row.UniqueName("党组织名称", seen, existing.Contains, "系统中已有同名党组织");

            var kindText = row.Required("类型");
            var kind = PartyOrganization.ParseKind(kindText);
            if (kindText.Length > 0 && kind is null) row.Error("类型", $"“{kindText}”应为党委、党总支或党支部");

            var unit = places.Unit(row, "所属单位", required: false, inScope: true);
            OrgUnit? owner = null;
            if (unit is null && row.Text("所属单位") is null)
            {
                var street = places.Street(row, "所在街道");
                var community = places.Community(row, street, "所在社区");
                owner = places.Grid(row, community, "所在网格") ?? community;
            }
            else if (unit is not null && row.Text("所在社区") is not null)
            {
                row.Error("所在社区", "单位党组织不填所在社区");
            }

            if (kind is { } k && (unit is not null || owner is not null) && name.Length is > 0 and <= 80)
                result.Add(new PartyOrganization(districtId, name, k, owner?.Id, owner is null ? unit!.Id : null, null, row.Text("书记")));
        }
        return result;
    }
}
