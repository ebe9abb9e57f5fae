namespace CoBuild.Web.Features.Inbox;

/// <summary>
/// A message to one side: an org node (its staff read it), a unit (its representatives read it) or a party member
/// (signing campaigns, service confirmations). Read state is per side, not per person, because the desk is
/// shared (two front-desk workers read one inbox).
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(int districtId, int? orgUnitId, int? unitId, string title, string body, string link, DateTimeOffset now)
    {
        if ((orgUnitId is null) == (unitId is null)) throw new ArgumentException("A notification goes to exactly one side.");
        DistrictId = districtId;
        OrgUnitId = orgUnitId;
        UnitId = unitId;
        Title = title.Length > 120 ? title[..120] : title;
        Body = body.Length > 1000 ? body[..1000] : body;
        Link = orgUnitId is null ? link : StaffAddress(link);
        CreatedAt = now;
    }

    public static Notification ToMember(int districtId, int partyMemberId, string title, string body, string link, DateTimeOffset now) =>
        new() { DistrictId = districtId, PartyMemberId = partyMemberId, Title = title, Body = body, Link = link, CreatedAt = now };

    /// <summary>
    /// Staff read what they are sent in the back office: a contract, an order or a need opens at its /admin address
    /// (the back-office frame); units and members keep the phone address.
    /// </summary>
    public static string StaffAddress(string link) =>
        link.StartsWith("/contracts/", StringComparison.Ordinal) ? "/admin" + link
        : link.StartsWith("/m/orders/", StringComparison.Ordinal) || link.StartsWith("/m/needs/", StringComparison.Ordinal) ? "/admin" + link[2..]
        : link;

    public long Id { get; private set; }
    public int DistrictId { get; private set; }
    public int? OrgUnitId { get; private set; }
    public int? UnitId { get; private set; }
    public int? PartyMemberId { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
