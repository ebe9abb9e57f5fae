using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record IntakeRequest(int CommunityId, string CategoryCode, string Description, string? ResidentName = null, string? Phone = null,
    bool Urgent = false, Dictionary<string, string[]>? Fields = null, string? Address = null, double? Lat = null, double? Long = null, bool Patrol = false);

public sealed record StepInput(string? Assignee = null, string? Text = null, string? Result = null, string? Reason = null, Platform? Platform = null,
    int? DepartmentUnitId = null, int? UnitId = null, Satisfaction? Rating = null, string? Code = null);

/// <summary>
/// Intake and every step of a request, for the API, the pages and Open311 alike. Who may take a step depends on the
/// level the request is at: the community's staff below the street, the street's staff (its command room) at the
/// street, the department it was routed to at the district. Each step is audited in its own transaction.
/// </summary>
internal static class TicketEdits
{
    public const string Entity = "ticket";
    /// <summary>The extra field that names the certificate asked for; the district's whitelist decides at intake.</summary>
    public const string CertificateField = "certificate-type";

    public static async Task<Ticket> IntakeAsync(AppDbContext db, Caller caller, IntakeRequest input, TicketChannel? channel, int? clientId, DateTimeOffset now, CancellationToken ct)
    {
        var community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.CommunityId && o.Level == OrgLevel.Community, ct)
            ?? throw new InvalidInput("communityId", "请选择一个社区。");
        var residentName = input.ResidentName;
        if (channel is null)
        {
            if (caller.Role == Roles.Resident)
            {
                if (caller.ScopeOrgUnitId != community.Id) throw new Forbidden("居民只能向自己所在的社区反映诉求。");
                channel = TicketChannel.Phone;
            }
            else
            {
                caller.Require(community);
                channel = input.Patrol ? TicketChannel.GridPatrol : TicketChannel.Desk;
            }
        }
        if (channel == TicketChannel.GridPatrol && input.Address is null && input.Lat is null)
            throw new InvalidInput("address", "巡查上报请填写地点或定位。");
        var catalogue = await CurrentCatalogueAsync(db, community.Id, ct) ?? throw new RuleViolation($"{community.Name}尚未发布服务目录。");
        var category = catalogue.Offers(input.CategoryCode);
        var answers = category.Answers(input.Fields);
        if (answers.TryGetValue(CertificateField, out var asked)) await CheckCertificateAsync(db, community.DistrictId, asked[0], ct);
        var days = await DaysAsync(db, community.DistrictId, now, ct);
        var year = WorkingDays.LocalDate(now).Year;
        await TicketNumbers.EnsureCounterAsync(db, community, year, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = await TicketNumbers.TakeAsync(db, community, year, ct);
        var ticket = new Ticket(community, number, catalogue, category, input.Description, input.Urgent, answers, residentName, input.Phone,
            input.Address, input.Lat, input.Long, channel.Value, clientId, days, now, caller.UserName);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, ticket.DistrictId, caller.UserName, now, new AuditEvent(Entity, ticket.Id, "receive", null,
            new { ticket.Number, ticket.CategoryCode, ticket.Channel, ticket.Urgent, ticket.AcceptBy, ticket.DueBy }), ct);
        await tx.CommitAsync(ct);
        return ticket;
    }

    public static async Task<Ticket> StepAsync(AppDbContext db, Caller? caller, int id, TicketAction action, StepInput input, DateTimeOffset now, CancellationToken ct)
    {
        var ticket = await db.Tickets.Include(t => t.Events).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new UnknownId("事项不存在。");
        var actor = caller?.UserName ?? "居民（凭回执评价）";
        if (action == TicketAction.Rate) RequireRater(caller, ticket, input.Code);
        else if (caller is null) throw new Forbidden("请先登录。");
        else if (action is TicketAction.Note && MaySee(caller, ticket)) { }
        else RequireHandler(caller, ticket, action);

        var before = new { ticket.Status, ticket.Level, ticket.Assignee, ticket.Platform, ticket.DepartmentUnitId, ticket.HelperUnitId };
        var notify = new List<Notification>();
        switch (action)
        {
            case TicketAction.Assign: ticket.Assign(input.Assignee ?? "", input.Text, now, actor); break;
            case TicketAction.Note: ticket.Note(input.Text ?? "", now, actor); break;
            case TicketAction.Close: ticket.Close(input.Result, now, actor); break;
            case TicketAction.Escalate:
                ticket.Escalate(input.Reason, await DaysAsync(db, ticket.DistrictId, now, ct), now, actor);
                notify.Add(new Notification(ticket.DistrictId, await StreetOfAsync(db, ticket, ct), null, $"社区上报事项 {ticket.Number}", $"{ticket.CategoryName}：{input.Reason}", Link(ticket), now));
                break;
            case TicketAction.Route:
                string? deptName = null;
                if (input.DepartmentUnitId is { } deptId)
                    deptName = await db.ResidentUnits.Where(u => u.Id == deptId && u.Kind == UnitKind.DistrictDepartment).Select(u => u.Name).FirstOrDefaultAsync(ct)
                        ?? throw new InvalidInput("departmentUnitId", "请选择一个区级部门。");
                ticket.Route(input.Platform, input.DepartmentUnitId, deptName, await DaysAsync(db, ticket.DistrictId, now, ct), now, actor);
                if (input.DepartmentUnitId is { } d)
                    notify.Add(new Notification(ticket.DistrictId, null, d, $"街道分派事项 {ticket.Number}", $"{ticket.CategoryName}：{Short(ticket.Description)}", Link(ticket), now));
                break;
            case TicketAction.Return:
                ticket.Return(input.Reason, now, actor);
                notify.Add(new Notification(ticket.DistrictId, await StreetOfAsync(db, ticket, ct), null, $"区级部门退回事项 {ticket.Number}", input.Reason ?? "", Link(ticket), now));
                break;
            case TicketAction.AskHelp:
                var (unitId, contractId, unitName) = await PartnerAsync(db, ticket, input.UnitId, ct);
                ticket.AskHelp(unitId, contractId, unitName, now, actor);
                notify.Add(new Notification(ticket.DistrictId, null, unitId, $"请求协助：{ticket.CategoryName}（{ticket.Number}）", Short(ticket.Description), Link(ticket), now));
                break;
            case TicketAction.Rate:
                ticket.Rate(input.Rating ?? throw new InvalidInput("rating", "请选择满意、基本满意或不满意。"), input.Text, now, actor);
                break;
            default: throw new InvalidInput("action", "不支持的操作。");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Notifications.AddRange(notify);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, ticket.DistrictId, actor, now, new AuditEvent(Entity, ticket.Id, action.ToString().ToLowerInvariant(), before,
            new { ticket.Status, ticket.Level, ticket.Assignee, ticket.Platform, ticket.DepartmentUnitId, ticket.HelperUnitId, ticket.Result, ticket.Rating, text = ticket.Events[^1].Text }), ct);
        await tx.CommitAsync(ct);
        return ticket;
    }

    /// <summary>
    /// The unit asked for help takes the request as a delivery on one of its commitments under that contract (the
    /// delivery ledger of the contracts); the request records which delivery it became.
    /// </summary>
    public static async Task<Ticket> TakeHelpAsync(AppDbContext db, Caller caller, int id, int commitmentId, string? description, TimeProvider clock, CancellationToken ct)
    {
        var ticket = await db.Tickets.Include(t => t.Events).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new UnknownId("事项不存在。");
        if (caller.UnitId is not { } unitId || ticket.HelperUnitId != unitId) throw new UnknownId("事项不存在。");
        if (ticket.DeliveryId is not null) throw new RuleViolation("本单位已承接这件事项。");
        if (ticket.Status == TicketStatus.Closed) throw new RuleViolation("事项已办结，不能承接。");
        var text = string.IsNullOrWhiteSpace(description) ? $"协助办理社区事项 {ticket.Number}：{Short(ticket.Description)}" : description.Trim();
        var delivery = await DeliveryEdits.RecordAsync(db, caller, ticket.HelperContractId!.Value, commitmentId,
            new DeliveryInput(Components.Display.Today(clock), text, null, null, false), [], clock, ct);
        var now = clock.GetUtcNow();
        ticket.HelpTaken(unitId, delivery.Id, now, caller.UserName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Notifications.Add(new Notification(ticket.DistrictId, ticket.CommunityId, null, $"共建单位已承接事项 {ticket.Number}", text, Link(ticket), now));
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, ticket.DistrictId, caller.UserName, now, new AuditEvent(Entity, ticket.Id, "helptaken", null, new { unitId, delivery = delivery.Id }), ct);
        await tx.CommitAsync(ct);
        return ticket;
    }

    /// <summary>A certificate the district removed is refused at the desk with the reason and where to go instead (422).</summary>
    private static async Task CheckCertificateAsync(AppDbContext db, int districtId, string asked, CancellationToken ct)
    {
        var edition = await Certificates.CertificateWhitelist.CurrentAsync(db, districtId, ct)
            ?? throw new RuleViolation("本区尚未发布证明事项清单，暂不能受理证明。");
        var type = edition.Find(asked) ?? throw new InvalidInput($"fields.{CertificateField}",
            $"“{asked}”不在本区{edition.Label}中。可出具的证明：{string.Join("、", edition.Types.Where(t => t.Status == Certificates.CertificateStatus.Allowed).Select(t => t.Name))}。");
        if (type.Status == Certificates.CertificateStatus.Removed)
            throw new Unprocessable("该证明已取消，不予出具", Certificates.CertificateIssue.Refusal(edition, type));
    }

    public static Task<ServiceCatalogue?> CurrentCatalogueAsync(AppDbContext db, int communityId, CancellationToken ct) =>
        db.ServiceCatalogues.AsNoTracking().Include(c => c.Categories).FirstOrDefaultAsync(c => c.CommunityId == communityId && c.IsCurrent, ct);

    public static async Task<WorkingDays> DaysAsync(AppDbContext db, int districtId, DateTimeOffset now, CancellationToken ct)
    {
        var from = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
        var to = from.AddDays(120);
        return new WorkingDays(await db.WorkCalendarDays.AsNoTracking().Where(d => d.DistrictId == districtId && d.Date >= from && d.Date <= to).ToListAsync(ct));
    }

    /// <summary>Staff may see a request in their scope; a department the ones routed to it; a unit the ones it was asked to help with; a resident their own.</summary>
    public static bool MaySee(Caller caller, Ticket t) =>
        caller.Covers(t.DistrictId, t.Path)
        || (caller.UnitId is { } u && (t.DepartmentUnitId == u || t.HelperUnitId == u))
        || (caller.Role == Roles.Resident && t.CreatedBy == caller.UserName);

    private static void RequireHandler(Caller caller, Ticket t, TicketAction action)
    {
        if (!MaySee(caller, t)) throw new UnknownId("事项不存在。");
        // A closed request refuses every step with 409, whoever asks (the entity says so).
        if (t.Status == TicketStatus.Closed) return;
        var street = StreetPath(t.Path);
        var ok = (t.Level, action) switch
        {
            (_, TicketAction.Return) => caller.UnitId is { } u && u == t.DepartmentUnitId,
            (TicketLevel.District, TicketAction.Close or TicketAction.Assign) => caller.UnitId is { } u && u == t.DepartmentUnitId || caller.Role == Roles.DistrictAdmin,
            (TicketLevel.District, _) => caller.Role == Roles.DistrictAdmin,
            (TicketLevel.Street, _) => caller.Covers(t.DistrictId, street),
            (TicketLevel.Community, TicketAction.Route) => false,
            _ => caller.Covers(t.DistrictId, t.Path),
        };
        if (!ok) throw new Forbidden(t.Level switch
        {
            TicketLevel.Community => "该事项由社区办理。",
            TicketLevel.Street => "该事项已上报街道，由街道指挥室办理。",
            _ => "该事项由承办的区级部门办理或退回。",
        });
    }

    private static void RequireRater(Caller? caller, Ticket t, string? code)
    {
        if (code is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(code), System.Text.Encoding.ASCII.GetBytes(t.RatingCode))) return;
        if (caller is { Role: Roles.Resident } && t.CreatedBy == caller.UserName) return;
        if (caller is null && code is null) throw new Forbidden("请先登录，或使用回执上的评价链接。");
        throw new Forbidden("只有反映诉求的居民可以评价。");
    }

    private static async Task<(int UnitId, int ContractId, string Name)> PartnerAsync(AppDbContext db, Ticket t, int? unitId, CancellationToken ct)
    {
        if (unitId is null) throw new InvalidInput("unitId", "请选择一家共建单位。");
        var street = StreetPath(t.Path);
        var contract = await db.OrgContracts.AsNoTracking()
            .Where(k => k.ResidentUnitId == unitId && k.Status == ContractStatus.Active && (k.Path == t.Path || k.Path == street))
            .OrderByDescending(k => k.Path.Length).Select(k => new { k.Id }).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolation("该单位与本社区或街道没有生效中的共建协议，不能请其协助。");
        var name = await db.ResidentUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(ct);
        return (unitId.Value, contract.Id, name);
    }

    private static async Task<int> StreetOfAsync(AppDbContext db, Ticket t, CancellationToken ct) =>
        await db.OrgUnits.Where(o => o.Id == t.CommunityId).Select(o => o.ParentId!.Value).SingleAsync(ct);

    /// <summary>"/district/street/community/" → "/district/street/".</summary>
    public static string StreetPath(string communityPath) => communityPath[..(communityPath.TrimEnd('/').LastIndexOf('/') + 1)];

    public static string Link(Ticket t) => $"/desk/requests/{t.Id}";

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
