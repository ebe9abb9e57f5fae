using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.PersonalData;

namespace CoBuild.Web.Features.Members;

public enum Gender { Male, Female }

/// <summary>A party member. The ID-card number is stored only encrypted, with a keyed hash for lookup.</summary>
public sealed class PartyMember
{
    private PartyMember() { }

    public PartyMember(int districtId, string name, ProtectedIdCard idCard, string? phone, string? occupation, int? workUnitId, int? partyOrganizationId)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 32) throw new InvalidInput("name", "姓名不能为空，且不超过 32 个字。");
        if (phone is not null && !PhoneNumber.IsValid(phone)) throw new InvalidInput("phone", "手机号应为 11 位数字，以 1 开头。");
        DistrictId = districtId;
        Name = name;
        IdCardCipher = idCard.Cipher;
        IdCardHash = idCard.Hash;
        IdCardMasked = idCard.Masked;
        Gender = idCard.Gender;
        BirthDate = idCard.BirthDate;
        Phone = phone;
        Occupation = occupation;
        WorkUnitId = workUnitId;
        PartyOrganizationId = partyOrganizationId;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public byte[] IdCardCipher { get; private set; } = [];
    /// <summary>HMAC of the normalized number: lookup and duplicate detection without decrypting.</summary>
    public string IdCardHash { get; private set; } = "";
    public string IdCardMasked { get; private set; } = "";
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public string? Phone { get; private set; }
    public string? Occupation { get; private set; }
    public int? WorkUnitId { get; private set; }
    public Organizations.ResidentUnit? WorkUnit { get; private set; }
    public int? PartyOrganizationId { get; private set; }
    public MemberRegistration? Registration { get; private set; }

    public MemberRegistration ReportTo(Organizations.OrgUnit community, int? gridId, string? skills, string? preferences, DateOnly reportedOn)
    {
        if (community.Level != Organizations.OrgLevel.Community) throw new InvalidInput("community", "双报到必须报到到社区。");
        Registration = new MemberRegistration(community, gridId, skills, preferences, reportedOn);
        return Registration;
    }
}

/// <summary>双报到: the member reports to the community where they live, with skills and service preferences.</summary>
public sealed class MemberRegistration
{
    private MemberRegistration() { }

    internal MemberRegistration(Organizations.OrgUnit community, int? gridId, string? skills, string? preferences, DateOnly reportedOn)
    {
        DistrictId = community.DistrictId;
        CommunityId = community.Id;
        CommunityPath = community.Path;
        GridId = gridId;
        Skills = skills;
        ServicePreferences = preferences;
        ReportedOn = reportedOn;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int PartyMemberId { get; private set; }
    public PartyMember? PartyMember { get; private set; }
    public int CommunityId { get; private set; }
    public Organizations.OrgUnit? Community { get; private set; }
    /// <summary>Copy of the community's path so scope filters need no join.</summary>
    public string CommunityPath { get; private set; } = "";
    public int? GridId { get; private set; }
    public Organizations.OrgUnit? Grid { get; private set; }
    public string? Skills { get; private set; }
    public string? ServicePreferences { get; private set; }
    public DateOnly ReportedOn { get; private set; }
}
