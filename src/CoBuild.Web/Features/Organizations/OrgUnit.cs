using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Organizations;

public enum OrgLevel { District = 0, Street = 1, Community = 2, Grid = 3 }

/// <summary>A node of the district > street > community > grid hierarchy.</summary>
public sealed class OrgUnit
{
    private OrgUnit() { }

    private OrgUnit(int districtId, int? parentId, OrgLevel level, string name, string code, string path)
    {
        DistrictId = districtId;
        ParentId = parentId;
        Level = level;
        Name = name;
        Code = code;
        Path = path;
    }

    public static OrgUnit NewDistrict(int districtId, string name, string code) =>
        new(districtId, null, OrgLevel.District, RequireName(name), code, "/" + code + "/");

    /// <summary>Creates a child one level below <paramref name="parent"/>; the code extends the parent's code.</summary>
    public static OrgUnit NewChild(OrgUnit parent, string name, int sequence)
    {
        if (parent.Level == OrgLevel.Grid) throw new RuleViolation("网格下不能再建下级组织。");
        if (sequence is < 1 or > 999) throw new RuleViolation("下级序号必须在 1 到 999 之间。");
        var code = parent.Code + sequence.ToString("000");
        return new OrgUnit(parent.DistrictId, parent.Id, parent.Level + 1, RequireName(name), code, parent.Path + code + "/");
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int? ParentId { get; private set; }
    public OrgLevel Level { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Hierarchical code: district 6 digits, +3 per level below.</summary>
    public string Code { get; private set; } = "";
    /// <summary>Codes from the root, "/330602/330602001/": scope checks are one prefix comparison.</summary>
    public string Path { get; private set; } = "";
    public string? Address { get; private set; }
    public string? OfficePhone { get; private set; }
    public int Households { get; private set; }
    /// <summary>Private to the node and its ancestors.</summary>
    public string? InternalNotes { get; private set; }

    public bool IsWithin(string scopePath) => Path.StartsWith(scopePath, StringComparison.Ordinal);

    public void Rename(string name) => Name = RequireName(name);

    public void UpdateDetails(string? address, string? officePhone, int households, string? internalNotes)
    {
        if (households < 0) throw new InvalidInput("households", "户数不能为负数。");
        Address = Trim(address);
        OfficePhone = Trim(officePhone);
        Households = households;
        InternalNotes = Trim(internalNotes);
    }

    private static string RequireName(string name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 64) throw new InvalidInput("name", "名称不能为空，且不超过 64 个字。");
        return name;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string LevelName(OrgLevel level) => level switch
    {
        OrgLevel.District => "区",
        OrgLevel.Street => "街道",
        OrgLevel.Community => "社区",
        _ => "网格",
    };
}
