namespace CoBuild.Web.Infrastructure.PersonalData;

/// <summary>One unmasked view of personal data: who saw whose field, when, and why.</summary>
public sealed class PersonalDataAccess
{
    private PersonalDataAccess() { }

    public PersonalDataAccess(int districtId, string userName, int partyMemberId, string field, string purpose, DateTimeOffset at)
    {
        DistrictId = districtId;
        UserName = userName;
        PartyMemberId = partyMemberId;
        Field = field;
        Purpose = purpose;
        At = at;
    }

    public long Id { get; private set; }
    public int DistrictId { get; private set; }
    public string UserName { get; private set; } = "";
    public int PartyMemberId { get; private set; }
    public string Field { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
