using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Organizations;

public enum UnitKind { Enterprise, Hospital, School, Utility, Government, DistrictDepartment, SocialOrganization }

/// <summary>A resident unit (驻区单位) inside a street; district departments have no street.</summary>
public sealed class ResidentUnit
{
    private ResidentUnit() { }

    public ResidentUnit(int districtId, string name, UnitKind kind, int? streetId, int? communityId, string? address, string? contactName, string? contactPhone)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 80) throw new InvalidInput("name", "单位名称不能为空，且不超过 80 个字。");
        if (kind != UnitKind.DistrictDepartment && streetId is null)
            throw new InvalidInput("street", "驻区单位必须属于一个街道。");
        DistrictId = districtId;
        Name = name;
        Kind = kind;
        StreetId = streetId;
        CommunityId = communityId;
        Address = address;
        ContactName = contactName;
        ContactPhone = contactPhone;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public UnitKind Kind { get; private set; }
    public int? StreetId { get; private set; }
    public OrgUnit? Street { get; private set; }
    public int? CommunityId { get; private set; }
    public OrgUnit? Community { get; private set; }
    public string? Address { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Enterprise => "企业",
        UnitKind.Hospital => "医院",
        UnitKind.School => "学校",
        UnitKind.Utility => "公用事业",
        UnitKind.Government => "机关事业单位",
        UnitKind.DistrictDepartment => "区级部门",
        _ => "社会组织",
    };

    public static UnitKind? ParseKind(string? text) =>
        Enum.GetValues<UnitKind>().Cast<UnitKind?>().FirstOrDefault(k => KindName(k!.Value) == text?.Trim() || k.ToString() == text?.Trim());
}
