using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record PersonalRow(int Id, int PartyMemberId, string Member, string? Occupation, int CommunityId, string Community, int Year, decimal PledgedHours, decimal HoursDone,
    PersonalContractStatus Status, string? Grade, DateTimeOffset SignedAt);
public sealed record ServiceLogRow(long Id, int ContractId, string Member, string Community, DateOnly On, decimal Hours, string What, ServiceLogStatus Status, int? PhotoId,
    string? AnswerNote, DateTimeOffset CreatedAt);
/// <summary><see cref="ContentHash"/> is for staff, who check records; the member reads the contract, not its fingerprint (null).</summary>
public sealed record PersonalDetail(PersonalRow Contract, string? ContentHash, List<string> Services, List<ServiceLogRow> Logs, string? GradeComment, string Party = "");
/// <summary>The campaign the members of a community sign under this year: the community's own, else its street's.</summary>
public sealed record CampaignLookup(int Id, int OrgUnitId, string OrgUnit, int Year, string Title, decimal SuggestedHours);
public sealed record CampaignRow(int Id, int OrgUnitId, string OrgUnit, int Year, string Title, decimal SuggestedHours, DateTimeOffset CreatedAt, DateTimeOffset? LastRemindedAt, int Reminders);
public sealed record CommunityProgress(int CommunityId, string Community, int Invited, int Signed);
/// <summary>
/// A campaign's figures over what the caller sees of it: the whole campaign for its node and above, the caller's own
/// communities for a community reading its street's campaign. <see cref="CanRemind"/>: reminders go out from the node that started it (or above).
/// </summary>
public sealed record CampaignProgress(CampaignRow Campaign, int Invited, int Signed, decimal PledgedHours, decimal HoursDone, List<CommunityProgress> Communities, bool CanRemind);
public sealed record UnsignedMember(int PartyMemberId, string Name, string Community, string? Phone);
public sealed record CampaignRequest(int? OrgUnitId, int Year, string Title, decimal? SuggestedHours);

public sealed record PersonalFilter(int? Street = null, int? Community = null, int? Year = null, string? Status = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>Reading personal contracts, service logs and campaigns; campaign invitations and reminders.</summary>
internal static class PersonalQueries
{
    public static IQueryable<PersonalContract> Mine(AppDbContext db, Caller caller) =>
        caller.PartyMemberId is { } m ? db.PersonalContracts.Where(p => p.PartyMemberId == m)
        : caller.IsStaff ? db.PersonalContracts.Where(p => p.DistrictId == caller.DistrictId).Under(p => p.Path, caller.PathPrefix)
        : throw new Forbidden("只有党员本人和社区、街道可以查看人人契约。");

    public static async Task<MenuPage<PersonalRow>> ListAsync(AppDbContext db, Caller caller, PersonalFilter f, CancellationToken ct) =>
        await MenuQueries.PageAsync(Rows(await FilteredAsync(db, caller, f, ct)), new MenuFilter(Page: f.Page, PageSize: f.PageSize), ct);

    /// <summary>The caller's personal contracts under the list's filters, latest signature first.</summary>
    public static async Task<IQueryable<PersonalContract>> FilteredAsync(AppDbContext db, Caller caller, PersonalFilter f, CancellationToken ct)
    {
        var query = Mine(db, caller).AsNoTracking();
        if (await MenuQueries.PlacePathAsync(db, new MenuFilter(f.Street, f.Community), ct) is { } path) query = query.Under(p => p.Path, path);
        if (f.Year is { } y) query = query.Where(p => p.Year == y);
        if (!string.IsNullOrWhiteSpace(f.Status))
        {
            if (!Enum.TryParse<PersonalContractStatus>(f.Status, true, out var s) || !Enum.IsDefined(s) || int.TryParse(f.Status, out _))
                throw new InvalidInput("status", "status 只能是 Active、Completed 或 Terminated。");
            query = query.Where(p => p.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(f.Q)) { var q = f.Q.Trim(); query = query.Where(p => p.PartyMember!.Name.Contains(q)); }
        return query.OrderByDescending(p => p.SignedAt).ThenByDescending(p => p.Id);
    }

    public static IQueryable<PersonalRow> Rows(IQueryable<PersonalContract> q) => q.Select(p => new PersonalRow(p.Id, p.PartyMemberId, p.PartyMember!.Name, p.PartyMember.Occupation,
        p.CommunityId, p.Community!.Name, p.Year, p.PledgedHours, p.HoursDone, p.Status, p.Grade, p.SignedAt));

    public static async Task<PersonalDetail> DetailAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var c = await PersonalContractEdits.VisibleAsync(db, caller, id, ct);
        var row = await Rows(db.PersonalContracts.AsNoTracking().Where(p => p.Id == id)).SingleAsync(ct);
        var services = await db.PersonalContractItems.AsNoTracking().Where(i => i.ContractId == id).OrderBy(i => i.Id).Select(i => i.Title).ToListAsync(ct);
        var logs = await Logs(db, db.ServiceLogs.AsNoTracking().Where(l => l.ContractId == id).OrderByDescending(l => l.On).ThenByDescending(l => l.Id)).ToListAsync(ct);
        // A 人人契约 is between the member and the community's party organization.
        var party = await PartyNames.OfPlaceAsync(db, c.CommunityId, ct);
        return new PersonalDetail(row, caller.IsStaff ? c.ContentHash : null, services, logs, c.GradeComment, party);
    }

    public static IQueryable<ServiceLogRow> Logs(AppDbContext db, IQueryable<ServiceLog> q) => q.Join(db.PersonalContracts, l => l.ContractId, p => p.Id, (l, p) =>
        new ServiceLogRow(l.Id, l.ContractId, p.PartyMember!.Name, p.Community!.Name, l.On, l.Hours, l.What, l.Status, l.PhotoId, l.AnswerNote, l.CreatedAt));

    public static async Task<MenuPage<ServiceLogRow>> LogListAsync(AppDbContext db, Caller caller, int? community, ServiceLogStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var q = db.ServiceLogs.AsNoTracking().Where(l => l.DistrictId == caller.DistrictId).Under(l => l.Path, caller.PathPrefix);
        if (await MenuQueries.PlacePathAsync(db, new MenuFilter(Community: community), ct) is { } path) q = q.Under(l => l.Path, path);
        if (status is { } s) q = q.Where(l => l.Status == s);
        return await MenuQueries.PageAsync(Logs(db, q.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)), new MenuFilter(Page: page, PageSize: pageSize), ct);
    }

    // ---- campaigns

    /// <summary>
    /// The campaign a community's members sign under (null: none for the year). A member looks up their own community's,
    /// staff any community in their scope; a community outside it is unknown to them.
    /// </summary>
    public static async Task<CampaignLookup?> CampaignOfAsync(AppDbContext db, Caller caller, int? communityId, int year, CancellationToken ct)
    {
        OrgUnit community;
        if (caller.PartyMemberId is { } memberId)
        {
            community = await db.MemberRegistrations.AsNoTracking().Where(r => r.PartyMemberId == memberId).Select(r => r.Community!).FirstOrDefaultAsync(ct)
                ?? throw new RuleViolation("您还没有到居住地社区报到（双报到）。");
            if (communityId is { } asked && asked != community.Id) throw new Forbidden("党员只能查看报到社区的签约活动。");
        }
        else
        {
            var id = communityId ?? caller.ScopeOrgUnitId ?? throw new InvalidInput("community", "请选择社区。");
            community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) is { } node && caller.Covers(node) ? node
                : throw new UnknownId("社区不存在，或不在您的管理范围内。");
            if (community.Level != OrgLevel.Community) throw new InvalidInput("community", $"“{community.Name}”不是社区：签约活动按党员报到的社区查找。");
        }
        return await PersonalContractEdits.CampaignFor(db, year, community.Id, community.ParentId)
            .Select(c => new CampaignLookup(c.Id, c.OrgUnitId, c.OrgUnit!.Name, c.Year, c.Title, c.SuggestedHours)).FirstOrDefaultAsync(ct);
    }

    public static async Task<SigningCampaign> CreateCampaignAsync(AppDbContext db, Caller caller, CampaignRequest r, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (r.OrgUnitId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("orgUnitId", "发起单位不存在。");
        caller.Require(owner);
        var campaign = new SigningCampaign(owner, r.Year, r.Title, r.SuggestedHours ?? 50, now, caller.UserName);
        if (await db.SigningCampaigns.AnyAsync(c => c.OrgUnitId == owner.Id && c.Year == r.Year, ct)) throw new RuleViolation($"{owner.Name} 已发起 {r.Year} 年度的签约活动。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SigningCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        await InviteAllAsync(db, campaign, owner.Name, now, ct);
        await tx.CommitAsync(ct);
        return campaign;
    }

    public static async Task<int> RemindAsync(AppDbContext db, Caller caller, int id, DateTimeOffset now, CancellationToken ct)
    {
        var campaign = await VisibleCampaignAsync(db, caller, id, ct);
        if (!CanRemind(caller, campaign)) throw new Forbidden("提醒由发起签约活动的街道或社区发出。");
        if (campaign.LastRemindedAt is { } last && now - last < TimeSpan.FromHours(1)) throw new RuleViolation($"一小时内只能提醒一次（上次 {Components.Display.Local(last)}）。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await InviteAsync(db, campaign, $"提醒：请签署 {campaign.Year} 年度人人契约", $"“{campaign.Title}”还在进行，请在手机上选择服务项目并签署。", now, ct);
        campaign.LastRemindedAt = now;
        campaign.Reminders++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return n;
    }

    /// <summary>The invitation of a campaign just started (the demo seeds it too).</summary>
    internal static Task<int> InviteAllAsync(AppDbContext db, SigningCampaign c, string ownerName, DateTimeOffset now, CancellationToken ct) =>
        InviteAsync(db, c, $"邀请签署 {c.Year} 年度人人契约", $"{ownerName}发起“{c.Title}”，建议全年服务 {c.SuggestedHours:0.#} 小时。", now, ct);

    /// <summary>One message to every registered member below the campaign's node who has not signed for its year.</summary>
    private static async Task<int> InviteAsync(AppDbContext db, SigningCampaign c, string title, string body, DateTimeOffset now, CancellationToken ct)
    {
        var members = await Unsigned(db, c, c.Path).Select(r => r.PartyMemberId).ToListAsync(ct);
        db.Notifications.AddRange(members.Select(m => Notification.ToMember(c.DistrictId, m, title, body, "/m/pledge", now)));
        await db.SaveChangesAsync(ct);
        return members.Count;
    }

    /// <summary>Registered members under <paramref name="path"/> (the campaign's node or a community below it) not signed for its year.</summary>
    private static IQueryable<Members.MemberRegistration> Unsigned(AppDbContext db, SigningCampaign c, string path) =>
        db.MemberRegistrations.Where(r => r.DistrictId == c.DistrictId).Under(r => r.CommunityPath, path)
            .Where(r => !db.PersonalContracts.Any(p => p.PartyMemberId == r.PartyMemberId && p.Year == c.Year && p.Status != PersonalContractStatus.Terminated));

    public static async Task<SigningCampaign> VisibleCampaignAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var c = await db.SigningCampaigns.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new UnknownId("签约活动不存在。");
        // Staff at or above the campaign's node, and the communities of a street's campaign (read only: reminders need the node).
        if (!caller.Covers(c.DistrictId, c.Path) && !caller.WorksUnder(c.DistrictId, c.Path))
            throw new UnknownId("签约活动不存在。");
        return c;
    }

    public static bool CanRemind(Caller caller, SigningCampaign c) => caller.Covers(c.DistrictId, c.Path);

    /// <summary>
    /// The part of a visible campaign the caller may read: all of it from its node or above, only the caller's own
    /// subtree for a community reading its street's campaign (the other communities' members are not its business).
    /// </summary>
    private static string ViewPath(Caller caller, SigningCampaign c) => caller.Covers(c.DistrictId, c.Path) ? c.Path : caller.PathPrefix;

    public static IQueryable<CampaignRow> CampaignRows(IQueryable<SigningCampaign> q) => q.Select(c => new CampaignRow(c.Id, c.OrgUnitId, c.OrgUnit!.Name, c.Year, c.Title,
        c.SuggestedHours, c.CreatedAt, c.LastRemindedAt, c.Reminders));

    public static async Task<List<CampaignRow>> CampaignsAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var prefix = caller.PathPrefix;
        // Own node and below, and the campaigns of the nodes above (a street's, seen from one of its communities).
        var above = Enumerable.Range(1, prefix.Length - 1).Where(i => prefix[i] == '/').Select(i => prefix[..(i + 1)]).ToList();
        return await CampaignRows(db.SigningCampaigns.AsNoTracking().Where(c => c.DistrictId == caller.DistrictId && (c.Path.StartsWith(prefix) || above.Contains(c.Path)))
            .OrderByDescending(c => c.Year).ThenBy(c => c.Id)).ToListAsync(ct);
    }

    public static async Task<CampaignProgress> ProgressAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var c = await VisibleCampaignAsync(db, caller, id, ct);
        var path = ViewPath(caller, c);
        var row = await CampaignRows(db.SigningCampaigns.AsNoTracking().Where(x => x.Id == id)).SingleAsync(ct);
        var invited = await db.MemberRegistrations.AsNoTracking().Where(r => r.DistrictId == c.DistrictId).Under(r => r.CommunityPath, path)
            .GroupBy(r => r.CommunityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var signed = await db.PersonalContracts.AsNoTracking().Where(p => p.DistrictId == c.DistrictId && p.Year == c.Year && p.Status != PersonalContractStatus.Terminated)
            .Under(p => p.Path, path).GroupBy(p => p.CommunityId)
            .Select(g => new { g.Key, Count = g.Count(), Pledged = g.Sum(p => p.PledgedHours), Done = g.Sum(p => p.HoursDone) }).ToListAsync(ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Community && o.DistrictId == c.DistrictId).Under(o => o.Path, path)
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var byCommunity = signed.ToDictionary(s => s.Key);
        var communities = names.Select(n => new CommunityProgress(n.Id, n.Name, invited.GetValueOrDefault(n.Id), byCommunity.TryGetValue(n.Id, out var s) ? s.Count : 0)).ToList();
        return new CampaignProgress(row, invited.Values.Sum(), signed.Sum(s => s.Count), signed.Sum(s => s.Pledged), signed.Sum(s => s.Done), communities, CanRemind(caller, c));
    }

    public static async Task<MenuPage<UnsignedMember>> UnsignedAsync(AppDbContext db, Caller caller, int id, int? page, int? pageSize, CancellationToken ct)
    {
        var c = await VisibleCampaignAsync(db, caller, id, ct);
        var rows = Unsigned(db, c, ViewPath(caller, c)).AsNoTracking().OrderBy(r => r.CommunityPath).ThenBy(r => r.PartyMemberId)
            .Select(r => new UnsignedMember(r.PartyMemberId, r.PartyMember!.Name, r.Community!.Name, r.PartyMember.Phone));
        var result = await MenuQueries.PageAsync(rows, new MenuFilter(Page: page, PageSize: pageSize), ct);
        return result with { Items = result.Items.Select(m => m with { Phone = Infrastructure.PersonalData.PhoneNumber.Mask(m.Phone) }).ToList() };
    }
}
