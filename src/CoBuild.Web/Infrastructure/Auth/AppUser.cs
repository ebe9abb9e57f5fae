using Microsoft.AspNetCore.Identity;

namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>An account bound to one role and one scope: an org node, or a unit, or (for members) a person.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Resident;
    public int DistrictId { get; set; }
    public int? ScopeOrgUnitId { get; set; }
    /// <summary>Path of the scope node, copied so a scope check needs no query.</summary>
    public string? ScopePath { get; set; }
    public int? UnitId { get; set; }
    public int? PartyMemberId { get; set; }
}

public static class Roles
{
    public const string DistrictAdmin = nameof(DistrictAdmin);
    public const string StreetAdmin = nameof(StreetAdmin);
    public const string CommunityCadre = nameof(CommunityCadre);
    public const string UnitRep = nameof(UnitRep);
    public const string PartyMember = nameof(PartyMember);
    public const string Resident = nameof(Resident);
    public const string Department = nameof(Department);

    public static readonly string[] All = [DistrictAdmin, StreetAdmin, CommunityCadre, UnitRep, PartyMember, Resident, Department];

    /// <summary>Roles that work in the back office over an org node.</summary>
    public static readonly string[] Staff = [DistrictAdmin, StreetAdmin, CommunityCadre];

    /// <summary>Roles whose accounts speak for a resident unit (a district department takes part as a unit).</summary>
    public static readonly string[] Unit = [UnitRep, Department];

    public static string Name(string role) => role switch
    {
        DistrictAdmin => "区委组织部",
        StreetAdmin => "街道党工委",
        CommunityCadre => "社区干部",
        UnitRep => "共建单位代表",
        PartyMember => "在职党员",
        Department => "区级部门",
        _ => "居民",
    };
}

/// <summary>Who may call a route, declared on the route or its group; each role policy admits the roles <see cref="RolesOf"/> lists.</summary>
public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string DistrictAdmin = nameof(DistrictAdmin);
    /// <summary>Street party committees (and the district above them): auctions, selection rounds.</summary>
    public const string StreetOrDistrict = nameof(StreetOrDistrict);
    /// <summary>Accounts that speak for a resident unit: partner-unit representatives and district departments (which join as units): claims, offers, paddles, rankings.</summary>
    public const string PartnerUnit = nameof(PartnerUnit);
    /// <summary>Party members: their own personal contract, its service logs, their community's service menu.</summary>
    public const string PartyMember = nameof(PartyMember);
    /// <summary>The two sides of organization contracts: street and community staff (the district above them) and the units.</summary>
    public const string StaffOrPartnerUnit = nameof(StaffOrPartnerUnit);
    /// <summary>The two sides of personal contracts (人人契约): the member and the community staff (with the street and district above).</summary>
    public const string StaffOrPartyMember = nameof(StaffOrPartyMember);
    /// <summary>Who brings a request to the community living room: its staff at the desk or on patrol, and residents from their phones.</summary>
    public const string StaffOrResident = nameof(StaffOrResident);
    /// <summary>Any signed-in account; what it may see is then decided by its scope.</summary>
    public const string SignedIn = nameof(SignedIn);

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Staff] = Roles.Staff,
        [DistrictAdmin] = [Roles.DistrictAdmin],
        [StreetOrDistrict] = [Roles.StreetAdmin, Roles.DistrictAdmin],
        [PartnerUnit] = Roles.Unit,
        [PartyMember] = [Roles.PartyMember],
        [StaffOrPartnerUnit] = [.. Roles.Staff, .. Roles.Unit],
        [StaffOrPartyMember] = [.. Roles.Staff, Roles.PartyMember],
        [StaffOrResident] = [.. Roles.Staff, Roles.Resident],
    };
}
