using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record ContractRow(int Id, string Number, string Title, int OrgUnitId, string OrgUnit, int UnitId, string Unit, DateOnly StartsOn, DateOnly EndsOn,
    ContractStatus Status, string StatusName, int Version, int? PendingVersion, int OverdueCount, ContractSource Source, DateTimeOffset UpdatedAt,
    string PartyA = "", string PartyB = "");
public sealed record DeliveryRow(int Id, int CommitmentId, ContractSide Side, DateOnly On, string Description, decimal? Quantity, string? QuantityUnit, bool Completes,
    DeliveryStatus Status, string StatusName, string CreatedBy, DateTimeOffset CreatedAt, string? AnsweredBy, string? AnswerNote, List<FileRow> Files);
public sealed record FileRow(int Id, string Name, string ContentType, int Length);
public sealed record CommitmentRow(int Id, ContractSide Side, string SideName, string Title, DateOnly DueOn, CommitmentLink Link, int? LinkId, DateOnly? DoneOn,
    DateOnly? OverdueSince, bool Removed, List<DeliveryRow> Deliveries, string? LinkTitle = null);
public sealed record VersionRow(int Number, string Title, DateOnly StartsOn, DateOnly EndsOn, string ContentHash, string? Reason, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? EnactedAt, List<SignatureRow> Signatures);
public sealed record SignatureRow(int Version, ContractSide Side, string SideName, string UserName, string SignerName, string ContentHash, DateTimeOffset SignedAt);
public sealed record EvaluationRow(int Period, ContractSide RaterSide, int Score, string? Comment, string CreatedBy, DateTimeOffset CreatedAt);
public sealed record AuditRow(long Id, long Seq, DateTimeOffset At, string Actor, string Action, string? Before, string? After, string Hash);
public sealed record ContractDetail(ContractRow Contract, ContractSide? MySide, decimal? Pledge, string? PledgeUnit, int? SourceId, int? ProjectId, string? EndReason,
    List<CommitmentRow> Commitments, List<VersionRow> Versions, List<EvaluationRow> Evaluations, List<TimelineEntry> History, string? SourceName = null);
public sealed record PartnerRow(int UnitId, string Unit, int Contracts, int Active, int Completed, int Commitments, int Done, int OnTime, int Overdue,
    double? Score, int Ratings);

public sealed record ContractFilter(string? Status = null, bool? Overdue = null, int? Unit = null, int? Street = null, int? Community = null, string? Q = null, int? Page = null, int? PageSize = null,
    bool? ToSign = null, DateOnly? DueBy = null);

internal static class ContractQueries
{
    /// <summary>A unit sees its own contracts; staff the contracts in their scope; nobody else any.</summary>
    public static IQueryable<OrgContract> Mine(AppDbContext db, Caller caller) =>
        caller.UnitId is { } unit ? db.OrgContracts.Where(c => c.ResidentUnitId == unit)
        : caller.IsStaff ? db.OrgContracts.Where(c => c.DistrictId == caller.DistrictId).Under(c => c.Path, caller.PathPrefix)
        : throw new Forbidden("只有街道、社区和共建单位的账号可以查看共建协议。");

    /// <summary>
    /// Contracts waiting for the caller's own side to sign: a draft (either side may sign first) or a pending version
    /// that side has not signed. The caller's side is its unit, or for staff the node it works for (not nodes below).
    /// </summary>
    public static IQueryable<OrgContract> AwaitingSignature(AppDbContext db, Caller caller, IQueryable<OrgContract> query)
    {
        var side = caller.UnitId is not null ? ContractSide.Unit : ContractSide.Party;
        query = caller.UnitId is { } unit ? query.Where(c => c.ResidentUnitId == unit)
            : caller.IsStaff && caller.ScopeOrgUnitId is { } node ? query.Where(c => c.OrgUnitId == node)
            : query.Where(c => false);
        return query.Where(c => c.Status == ContractStatus.Draft
            || (c.PendingVersion != null && !db.ContractSignatures.Any(s => s.ContractId == c.Id && s.Version == c.PendingVersion && s.Side == side)));
    }

    /// <summary>How far ahead a commitment counts as due on the to-do list.</summary>
    public const int DueWithinDays = 30;

    /// <summary>Contracts in force where the caller's side has an open commitment due by <paramref name="until"/> (overdue ones included).</summary>
    public static IQueryable<OrgContract> CommitmentsDue(AppDbContext db, Caller caller, IQueryable<OrgContract> query, DateOnly until)
    {
        var side = caller.UnitId is not null ? ContractSide.Unit : ContractSide.Party;
        query = caller.UnitId is { } unit ? query.Where(c => c.ResidentUnitId == unit)
            : caller.IsStaff && caller.ScopeOrgUnitId is { } node ? query.Where(c => c.OrgUnitId == node)
            : query.Where(c => false);
        return query.Where(c => c.Status == ContractStatus.Active
            && db.Commitments.Any(k => k.ContractId == c.Id && k.Side == side && !k.Removed && k.DoneOn == null && k.DueOn <= until));
    }

    public static async Task<MenuPage<ContractRow>> ListAsync(AppDbContext db, Caller caller, ContractFilter f, CancellationToken ct)
    {
        var paging = new MenuFilter(Page: f.Page, PageSize: f.PageSize);
        var page = await MenuQueries.PageAsync(Rows(db, await FilteredAsync(db, caller, f, ct)), paging, ct);
        return page with { Items = page.Items.Select(Named).ToList() };
    }

    /// <summary>The caller's contracts under the list's filters, newest change first (the list pages it, the export takes all).</summary>
    public static async Task<IQueryable<OrgContract>> FilteredAsync(AppDbContext db, Caller caller, ContractFilter f, CancellationToken ct)
    {
        var query = Mine(db, caller).AsNoTracking().Where(c => c.Status != ContractStatus.Voided);
        if (await MenuQueries.PlacePathAsync(db, new MenuFilter(f.Street, f.Community), ct) is { } path) query = query.Under(c => c.Path, path);
        if (f.Unit is { } u) query = query.Where(c => c.ResidentUnitId == u);
        if (f.Overdue == true) query = query.Where(c => c.OverdueCount > 0);
        if (f.ToSign == true) query = AwaitingSignature(db, caller, query);
        if (f.DueBy is { } due) query = CommitmentsDue(db, caller, query, due);
        if (!string.IsNullOrWhiteSpace(f.Status))
        {
            if (!Enum.TryParse<ContractStatus>(f.Status, true, out var s) || !Enum.IsDefined(s) || int.TryParse(f.Status, out _))
                throw new InvalidInput("status", "status 只能是 Draft、AwaitingSignatures、Active、Completed、Terminated 或 Expired。");
            query = query.Where(c => c.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim()[..Math.Min(f.Q.Trim().Length, 40)];
            query = query.Where(c => c.Title.Contains(q) || c.Unit!.Name.Contains(q));
        }
        return query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id);
    }

    /// <summary>
    /// Rows with the signing party organizations read in the same statement (the rule of <see cref="PartyNames"/>:
    /// the place's or unit's own registered one, else a street's 党工委 or a community's 党委 by name, else the unit).
    /// </summary>
    public static IQueryable<ContractRow> Rows(AppDbContext db, IQueryable<OrgContract> query) => query.Select(c => new ContractRow(c.Id,
        "", c.Title, c.OrgUnitId, c.OrgUnit!.Name, c.ResidentUnitId, c.Unit!.Name, c.StartsOn, c.EndsOn, c.Status, "",
        c.Version, c.PendingVersion, c.OverdueCount, c.Source, c.UpdatedAt,
        db.PartyOrganizations.Where(p => p.OrgUnitId == c.OrgUnitId).OrderBy(p => p.ParentId == null ? 0 : 1).ThenBy(p => p.Id).Select(p => p.Name).FirstOrDefault()
            ?? (c.OrgUnit.Level == OrgLevel.Street ? "中共" + c.OrgUnit.Name + "工作委员会" : "中共" + c.OrgUnit.Name + "委员会"),
        db.PartyOrganizations.Where(p => p.ResidentUnitId == c.ResidentUnitId).OrderBy(p => p.ParentId == null ? 0 : 1).ThenBy(p => p.Id).Select(p => p.Name).FirstOrDefault()
            ?? c.Unit.Name));

    /// <summary>Number, status name, and each party with the organization it belongs to (the places and units stay in OrgUnit and Unit).</summary>
    public static ContractRow Named(ContractRow r) => r with
    {
        Number = OrgContract.NumberOf(r.Id), StatusName = OrgContract.StatusName(r.Status),
        PartyA = PartyNames.WithOrganization(r.PartyA, r.OrgUnit), PartyB = PartyNames.WithOrganization(r.PartyB, r.Unit),
    };

    public static async Task<ContractDetail> DetailAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var k = await ContractEdits.VisibleAsync(db, caller, id, ct);
        var row = Named(await Rows(db, db.OrgContracts.AsNoTracking().Where(c => c.Id == id)).SingleAsync(ct));
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.ContractId == id).OrderBy(d => d.On).ThenBy(d => d.Id).ToListAsync(ct);
        var signatureRows = await db.ContractSignatures.AsNoTracking().Where(s => s.ContractId == id).OrderBy(s => s.SignedAt).ToListAsync(ct);
        var versionRows = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var evaluationRows = await db.ContractEvaluations.AsNoTracking().Where(e => e.ContractId == id).OrderBy(e => e.Period).ThenBy(e => e.RaterSide).ToListAsync(ct);
        // People by name and organization, never by login name.
        var who = await ActorNames.ResolveAsync(db, deliveries.SelectMany(d => new[] { d.CreatedBy, d.AnsweredBy ?? "" }).Concat(signatureRows.Select(s => s.UserName))
            .Concat(versionRows.Select(v => v.CreatedBy)).Concat(evaluationRows.Select(e => e.CreatedBy)), ct);
        string Who(string login) => who.GetValueOrDefault(login) ?? login;
        var ids = deliveries.Select(d => d.Id).ToList();
        var files = (await db.Files.AsNoTracking().Where(f => f.Owner == "delivery" && ids.Contains(f.OwnerId))
            .Select(f => new { f.OwnerId, Row = new FileRow(f.Id, f.Name, f.ContentType, f.Length) }).ToListAsync(ct)).ToLookup(f => f.OwnerId, f => f.Row);
        var byCommitment = deliveries.Select(d => new DeliveryRow(d.Id, d.CommitmentId, d.Side, d.On, d.Description, d.Quantity, d.QuantityUnit, d.Completes,
            d.Status, Delivery.StatusName(d.Status), Who(d.CreatedBy), d.CreatedAt, d.AnsweredBy is { } by ? Who(by) : null, d.AnswerNote, files[d.Id].ToList())).ToLookup(d => d.CommitmentId);
        var links = await ContractLinks.TitlesAsync(db, k.Commitments.Select(c => (c.Link, c.LinkId)), ct);
        var commitments = k.Commitments.OrderBy(c => c.Removed).ThenBy(c => c.DueOn).ThenBy(c => c.Id).Select(c => new CommitmentRow(c.Id, c.Side, OrgContract.SideName(c.Side),
            c.Title, c.DueOn, c.Link, c.LinkId, c.DoneOn, c.DoneOn is null ? c.OverdueSince : null, c.Removed, byCommitment[c.Id].ToList(),
            c.LinkId is { } lid ? links.GetValueOrDefault((c.Link, lid)) : null)).ToList();
        var signatures = signatureRows.Select(s => new SignatureRow(s.Version, s.Side, OrgContract.SideName(s.Side), Who(s.UserName), s.SignerName, s.ContentHash, s.SignedAt)).ToLookup(s => s.Version);
        var versions = versionRows.Select(v => new VersionRow(v.Number, v.Title, v.StartsOn, v.EndsOn, v.ContentHash, v.Reason, v.CreatedAt, Who(v.CreatedBy), v.EnactedAt, signatures[v.Number].ToList())).ToList();
        var evaluations = evaluationRows.Select(e => new EvaluationRow(e.Period, e.RaterSide, e.Score, e.Comment, Who(e.CreatedBy), e.CreatedAt)).ToList();
        var names = new TimelineNames(k.Commitments.ToDictionary(c => c.Id, c => c.Title), row.PartyA, row.PartyB);
        var history = await TimelineAsync(db, ContractEdits.Entity, id, names, ct);
        return new ContractDetail(row, ContractEdits.SideOf(caller, k), k.Pledge, k.PledgeUnit, k.SourceId, k.ProjectId, k.EndReason, commitments, versions, evaluations, history,
            await ContractLinks.TitleAsync(db, k.Source switch { ContractSource.AuctionLot => CommitmentLink.AuctionLot, ContractSource.Order => CommitmentLink.Order,
                ContractSource.Need => CommitmentLink.Need, _ => CommitmentLink.None }, k.SourceId, ct));
    }

    /// <summary>The raw audit rows (login names, JSON, hashes): for the district admin, who checks the chain.</summary>
    public static Task<List<AuditRow>> RawHistory(AppDbContext db, string entity, int id, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityId == id).OrderBy(a => a.Seq)
            .Select(a => new AuditRow(a.Id, a.Seq, a.At, a.Actor, a.Action, a.Before, a.After, a.Hash)).ToListAsync(ct);

    /// <summary>The same rows as a timeline people read: who by name and organization, what in Chinese, the fields it changed.</summary>
    public static async Task<List<TimelineEntry>> TimelineAsync(AppDbContext db, string entity, int id, TimelineNames names, CancellationToken ct)
    {
        var rows = await RawHistory(db, entity, id, ct);
        var who = await ActorNames.ResolveAsync(db, rows.Select(r => r.Actor), ct);
        return rows.Select(r => AuditTimeline.Entry(r.At, who.GetValueOrDefault(r.Actor) ?? r.Actor, r.Action, r.Before, r.After, names)).ToList();
    }

    /// <summary>The street's partners ranked by how the street rated them, then by commitments done on time.</summary>
    public static async Task<List<PartnerRow>> PartnersAsync(AppDbContext db, Caller caller, int? street, CancellationToken ct)
    {
        var query = Mine(db, caller).AsNoTracking().Where(c => c.Status != ContractStatus.Voided && c.Status != ContractStatus.Draft);
        if (await MenuQueries.PlacePathAsync(db, new MenuFilter(street), ct) is { } path) query = query.Under(c => c.Path, path);
        var contracts = await query.GroupBy(c => new { c.ResidentUnitId, c.Unit!.Name }).Select(g => new
        {
            g.Key.ResidentUnitId, g.Key.Name, Count = g.Count(),
            Active = g.Count(c => c.Status == ContractStatus.Active), Completed = g.Count(c => c.Status == ContractStatus.Completed),
        }).ToListAsync(ct);
        var commitments = await query.Join(db.Commitments.Where(c => !c.Removed && c.Side == ContractSide.Unit), k => k.Id, c => c.ContractId, (k, c) => new { k.ResidentUnitId, c.DoneOn, c.DueOn, c.OverdueSince })
            .GroupBy(x => x.ResidentUnitId).Select(g => new
            {
                Unit = g.Key, Total = g.Count(), Done = g.Count(x => x.DoneOn != null), OnTime = g.Count(x => x.DoneOn != null && x.DoneOn <= x.DueOn),
                Overdue = g.Count(x => x.DoneOn == null && x.OverdueSince != null),
            }).ToDictionaryAsync(x => x.Unit, ct);
        var scores = await query.Join(db.ContractEvaluations.Where(e => e.RaterSide == ContractSide.Party), k => k.Id, e => e.ContractId, (k, e) => new { k.ResidentUnitId, e.Score })
            .GroupBy(x => x.ResidentUnitId).Select(g => new { Unit = g.Key, Sum = g.Sum(x => x.Score), Count = g.Count() }).ToDictionaryAsync(x => x.Unit, ct);
        return contracts.Select(c =>
        {
            var m = commitments.GetValueOrDefault(c.ResidentUnitId);
            var s = scores.GetValueOrDefault(c.ResidentUnitId);
            return new PartnerRow(c.ResidentUnitId, c.Name, c.Count, c.Active, c.Completed, m?.Total ?? 0, m?.Done ?? 0, m?.OnTime ?? 0, m?.Overdue ?? 0,
                s is null ? null : Math.Round((double)s.Sum / s.Count, 2), s?.Count ?? 0);
        }).OrderByDescending(p => p.Score ?? 0).ThenByDescending(p => p.Commitments == 0 ? 0 : (double)p.OnTime / p.Commitments).ThenBy(p => p.Overdue).ThenBy(p => p.Unit).ToList();
    }
}
