using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Imports;

/// <summary>Streets, communities, grids and units by name, loaded once per import, resolved within the caller's scope.</summary>
internal sealed class ImportPlaces
{
    private readonly Dictionary<string, OrgUnit> _streets;
    private readonly Dictionary<(int, string), OrgUnit> _children;
    private readonly Dictionary<int, OrgUnit> _byId;
    private readonly Caller _caller;

    private ImportPlaces(List<OrgUnit> nodes, Dictionary<string, ResidentUnit> units, Caller caller)
    {
        _caller = caller;
        _streets = nodes.Where(n => n.Level == OrgLevel.Street).ToDictionary(n => n.Name);
        _children = nodes.Where(n => n.ParentId is not null).ToDictionary(n => (n.ParentId!.Value, n.Name));
        _byId = nodes.ToDictionary(n => n.Id);
        Units = units;
    }

    public Dictionary<string, ResidentUnit> Units { get; }

    public static async Task<ImportPlaces> LoadAsync(AppDbContext db, Caller caller, CancellationToken ct) => new(
        await db.OrgUnits.AsNoTracking().Where(o => o.DistrictId == caller.DistrictId && o.Level != OrgLevel.District).ToListAsync(ct),
        await db.ResidentUnits.AsNoTracking().Where(u => u.DistrictId == caller.DistrictId).ToDictionaryAsync(u => u.Name, ct),
        caller);

    public OrgUnit? Street(SheetRow row, string column, bool required = true)
    {
        var name = required ? row.Required(column) : row.Text(column);
        if (string.IsNullOrEmpty(name)) return null;
        if (!_streets.TryGetValue(name, out var street)) { row.Error(column, $"街道“{name}”不存在"); return null; }
        return street;
    }

    /// <summary>A community of the street; refused when outside the caller's scope.</summary>
    public OrgUnit? Community(SheetRow row, OrgUnit? street, string column, bool required = true)
    {
        var name = required ? row.Required(column) : row.Text(column);
        if (string.IsNullOrEmpty(name) || street is null) return null;
        if (!_children.TryGetValue((street.Id, name), out var community)) { row.Error(column, $"{street.Name}没有“{name}”"); return null; }
        if (!_caller.Covers(community)) { row.Error(column, $"“{name}”不在您的管理范围内"); return null; }
        return community;
    }

    public OrgUnit? Grid(SheetRow row, OrgUnit? community, string column)
    {
        var name = row.Text(column);
        if (name is null || community is null) return null;
        if (!_children.TryGetValue((community.Id, name), out var grid)) { row.Error(column, $"{community.Name}没有“{name}”"); return null; }
        return grid;
    }

    /// <summary>A unit by name; with <paramref name="inScope"/> it must also sit in the caller's scope (a member may work anywhere).</summary>
    public ResidentUnit? Unit(SheetRow row, string column, bool required, bool inScope = false)
    {
        var name = required ? row.Required(column) : row.Text(column);
        if (string.IsNullOrEmpty(name)) return null;
        if (!Units.TryGetValue(name, out var unit)) { row.Error(column, $"单位“{name}”不存在，请先导入单位"); return null; }
        if (inScope && !Covers(unit)) { row.Error(column, $"“{name}”不在您的管理范围内"); return null; }
        return unit;
    }

    /// <summary>A unit belongs to its community, else its street; district departments only to the district admin.</summary>
    private bool Covers(ResidentUnit unit) =>
        (unit.CommunityId ?? unit.StreetId) is { } nodeId && _byId.TryGetValue(nodeId, out var node) ? _caller.Covers(node) : _caller.Role == Roles.DistrictAdmin;

    public bool InScope(OrgUnit node) => _caller.Covers(node);
}
