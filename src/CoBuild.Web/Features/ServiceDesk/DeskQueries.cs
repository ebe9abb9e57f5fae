using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record Choice(int Id, string Name);

public sealed record StaffChoice(string UserName, string DisplayName);

/// <summary>The steps a request's page offers the caller (<see cref="TicketAction.HelpTaken"/> for a unit's take), with the community's staff, the district departments, the partner units, the unit's commitments.</summary>
public sealed record StepChoices(IReadOnlySet<TicketAction> Offered, IReadOnlyList<StaffChoice> Staff, IReadOnlyList<Choice> Departments, IReadOnlyList<Choice> Partners, IReadOnlyList<Choice> Commitments);

/// <summary>The reads behind the desk and request pages; the rules they apply are the handlers' (<see cref="TicketEdits.MaySee"/>).</summary>
internal static class DeskQueries
{
    /// <summary>The desk's list: the community's open requests and those received today (Asia/Shanghai), newest first.</summary>
    public static async Task<List<TicketRow>> DeskListAsync(AppDbContext db, Caller caller, int communityId, DateTimeOffset now, CancellationToken ct)
    {
        var today = Components.Display.Day(now);
        // PostgreSQL takes UTC offsets only.
        var since = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var q = TicketQueries.Visible(db, caller).Where(t => t.CommunityId == communityId && (t.Status != TicketStatus.Closed || t.ReceivedAt >= since))
            .OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Id).Take(50);
        var rows = await TicketQueries.Rows(db, q, now).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Select(r => TicketQueries.Masked(caller, r, fullPhone: false))];
    }

    /// <summary>The receipt of a request the caller may see (its number, deadlines and the resident's rating link).</summary>
    public static async Task<IntakeReceipt?> ReceiptAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is not null && caller.IsStaff && TicketEdits.MaySee(caller, t) ? ServiceDeskApi.Receipt(t) : null;
    }

    /// <summary>The resident's receipt page: the request by its rating code (no account needed), or the resident's own; public steps only.</summary>
    public static async Task<TicketDetail?> ByCodeAsync(AppDbContext db, Caller? caller, int id, string? code, DateTimeOffset now, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var byCode = code is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(code), System.Text.Encoding.ASCII.GetBytes(t.RatingCode));
        var own = caller is { Role: Roles.Resident } && t.CreatedBy == caller.UserName;
        if (!byCode && !own) return null;
        // Read as the resident who filed it: public steps, their own name and phone.
        var resident = new Caller(t.CreatedBy, Roles.Resident, t.DistrictId, t.CommunityId, t.Path, null, null);
        var d = await TicketQueries.DetailAsync(db, resident, id, now, ct);
        var row = d.Ticket with { ResidentName = Mask(d.Ticket.ResidentName), Phone = Infrastructure.PersonalData.PhoneNumber.Mask(d.Ticket.Phone), Assignee = null };
        return d with { Ticket = row, Steps = [.. d.Steps.Where(s => s.Public).Select(s => s with { Actor = "" })] };
    }

    private static string? Mask(string? name) => name is null ? null : name[..1] + new string('*', name.Length - 1);

    /// <summary>
    /// Which step forms the request page shows the caller and what they offer. Only a guide for the page: the handler
    /// (<see cref="TicketEdits.StepAsync"/>) decides, and its refusal shows on the form.
    /// </summary>
    public static async Task<StepChoices> ChoicesAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var offered = new HashSet<TicketAction>();
        if (t.Status != TicketStatus.Closed)
        {
            var street = TicketEdits.StreetPath(t.Path);
            var atStreet = caller.IsStaff && caller.Role != Roles.CommunityCadre && caller.Covers(t.DistrictId, street);
            var department = caller.UnitId is { } u && u == t.DepartmentUnitId;
            if (caller.IsStaff || department) offered.Add(TicketAction.Note);
            if (t.Level == TicketLevel.Community && caller.Covers(t.DistrictId, t.Path))
                offered.UnionWith([TicketAction.Assign, TicketAction.Escalate, TicketAction.Close]);
            if (t.Level == TicketLevel.Street && atStreet) offered.UnionWith([TicketAction.Route, TicketAction.AskHelp, TicketAction.Close]);
            if (t.Level == TicketLevel.District && (department || caller.Role == Roles.DistrictAdmin)) offered.UnionWith([TicketAction.Close]);
            if (department) offered.Add(TicketAction.Return);
            if (caller.UnitId is { } h && h == t.HelperUnitId && t.DeliveryId is null) offered.Add(TicketAction.HelpTaken);
            if (caller.UnitId is { } n && n == t.HelperUnitId) offered.Add(TicketAction.Note);
        }
        var staff = offered.Contains(TicketAction.Assign)
            ? await db.Users.AsNoTracking().Where(u => u.ScopeOrgUnitId == t.CommunityId && u.Role == Roles.CommunityCadre)
                .OrderBy(u => u.UserName).Select(u => new StaffChoice(u.UserName!, u.DisplayName)).ToListAsync(ct)
            : [];
        List<Choice> departments = [], partners = [], commitments = [];
        if (offered.Contains(TicketAction.Route))
            departments = await db.ResidentUnits.AsNoTracking().Where(u => u.Kind == UnitKind.DistrictDepartment).OrderBy(u => u.Name)
                .Select(u => new Choice(u.Id, u.Name)).ToListAsync(ct);
        if (offered.Contains(TicketAction.AskHelp))
        {
            var street = TicketEdits.StreetPath(t.Path);
            partners = await db.OrgContracts.AsNoTracking().Where(k => k.Status == ContractStatus.Active && (k.Path == t.Path || k.Path == street))
                .Join(db.ResidentUnits, k => k.ResidentUnitId, u => u.Id, (k, u) => new Choice(u.Id, u.Name)).Distinct().ToListAsync(ct);
            partners = [.. partners.OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
        if (offered.Contains(TicketAction.HelpTaken) && t.HelperContractId is { } contract)
            commitments = await db.Commitments.AsNoTracking().Where(c => c.ContractId == contract && c.Side == ContractSide.Unit && !c.Removed)
                .OrderBy(c => c.Id).Select(c => new Choice(c.Id, c.Title)).ToListAsync(ct);
        return new StepChoices(offered, staff, departments, partners, commitments);
    }
}
