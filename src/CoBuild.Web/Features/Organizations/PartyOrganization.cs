using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Organizations;

public enum PartyOrgKind { Committee, GeneralBranch, Branch }

/// <summary>A party organization, either of an org node (community-level) or of a resident unit.</summary>
public sealed class PartyOrganization
{
    private PartyOrganization() { }

    public PartyOrganization(int districtId, string name, PartyOrgKind kind, int? orgUnitId, int? residentUnitId, int? parentId, string? secretaryName)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 80) throw new InvalidInput("name", "党组织名称不能为空，且不超过 80 个字。");
        if ((orgUnitId is null) == (residentUnitId is null))
            throw new InvalidInput("owner", "党组织必须属于一个社区（网格）或一个驻区单位，且只能属于其一。");
        DistrictId = districtId;
        Name = name;
        Kind = kind;
        OrgUnitId = orgUnitId;
        ResidentUnitId = residentUnitId;
        ParentId = parentId;
        SecretaryName = secretaryName;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public PartyOrgKind Kind { get; private set; }
    public int? OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public int? ResidentUnitId { get; private set; }
    public ResidentUnit? ResidentUnit { get; private set; }
    public int? ParentId { get; private set; }
    public string? SecretaryName { get; private set; }

    public static string KindName(PartyOrgKind kind) => kind switch
    {
        PartyOrgKind.Committee => "党委",
        PartyOrgKind.GeneralBranch => "党总支",
        _ => "党支部",
    };

    public static PartyOrgKind? ParseKind(string? text) =>
        Enum.GetValues<PartyOrgKind>().Cast<PartyOrgKind?>().FirstOrDefault(k => KindName(k!.Value) == text?.Trim() || k.ToString() == text?.Trim());
}
