using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record CommitmentInput(int? Id, string Title, DateOnly DueOn, ContractSide? Side, CommitmentLink? Link, int? LinkId);
public sealed record ContractInput(int? CounterpartyUnitId, int? OrgUnitId, string Title, DateOnly? StartsOn, DateOnly? EndsOn, List<CommitmentInput>? Commitments, int? ProjectId);
public sealed record AmendmentInput(string? Title, DateOnly? EndsOn, List<CommitmentInput>? Commitments, string Reason);

/// <summary>
/// Writing contracts. Every change that depends on the contract's state starts its transaction by touching the
/// contract row (<see cref="LockAsync"/>), so two signatures, an amendment and a termination queue there; the
/// audit chain is appended in the same transaction.
/// </summary>
internal static class ContractEdits
{
    public const string Entity = "OrgContract";

    public static ContractSide? SideOf(Caller c, OrgContract k) =>
        c.UnitId is { } u && u == k.ResidentUnitId ? ContractSide.Unit
        : c.IsStaff && c.ScopeOrgUnitId == k.OrgUnitId ? ContractSide.Party
        : null;

    public static bool CanSee(Caller c, OrgContract k) => SideOf(c, k) is not null || c.Covers(k.DistrictId, k.Path);

    public static async Task<OrgContract> VisibleAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var k = await db.OrgContracts.Include(c => c.Commitments).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new UnknownId("协议不存在。");
        if (!CanSee(caller, k)) throw new UnknownId("协议不存在。");
        return k;
    }

    private static async Task<(OrgContract Contract, ContractSide Side)> PartyAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var k = await VisibleAsync(db, caller, id, ct);
        return (k, SideOf(caller, k) ?? throw new Forbidden("只有协议双方的授权账号可以办理。"));
    }

    /// <summary>Touches the row first: PostgreSQL row lock, SQLite writer lock; then reloads what others committed.</summary>
    private static async Task LockAsync(AppDbContext db, OrgContract k, DateTimeOffset now, CancellationToken ct)
    {
        await db.OrgContracts.Where(c => c.Id == k.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), ct);
        await db.Entry(k).ReloadAsync(ct);
        // Loading adds rows but keeps those another transaction deleted meanwhile: start the list afresh.
        foreach (var c in k.Commitments) db.Entry(c).State = EntityState.Detached;
        k.Commitments.Clear();
        await db.Entry(k).Collection(c => c.Commitments).Query().LoadAsync(ct);
    }

    public static async Task<OrgContract> CreateAsync(AppDbContext db, Caller caller, ContractInput input, DateTimeOffset now, CancellationToken ct)
    {
        OrgUnit party;
        ResidentUnit unit;
        if (caller.UnitId is { } own)
        {
            unit = await db.ResidentUnits.AsNoTracking().SingleAsync(u => u.Id == own, ct);
            party = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OrgUnitId, ct) ?? throw new InvalidInput("orgUnitId", "请选择协议甲方（街道或社区）。");
        }
        else
        {
            party = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (input.OrgUnitId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("orgUnitId", "甲方不存在。");
            caller.Require(party);
            unit = await db.ResidentUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == input.CounterpartyUnitId, ct)
                ?? throw new InvalidInput("counterpartyUnitId", "请选择协议乙方（共建单位）。");
        }
        if (party.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "协议甲方须为街道或社区党组织。");
        var street = party.Level == OrgLevel.Street ? party.Id : party.ParentId;
        if (unit.StreetId is not null && unit.StreetId != street) throw new InvalidInput("counterpartyUnitId", $"“{unit.Name}”不在“{party.Name}”所在街道的共建范围内。");

        var (start, end) = Term(input.StartsOn, input.EndsOn);
        var k = new OrgContract(party, unit.Id, input.Title, start, end, ContractSource.Manual, null, input.ProjectId, now, caller.UserName);
        k.Commitments.AddRange(Commitments(input.Commitments, start, end, null));
        await ContractLinks.CheckProjectAsync(db, party.DistrictId, party.Path, party.Name, input.ProjectId, ct);
        await ContractLinks.CheckCommitmentsAsync(db, party.DistrictId, party.Path, party.Name, NewLinks(input.Commitments), ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrgContracts.Add(k);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(Entity, k.Id, "create", null, ContractText.Summary(k)), ct);
        Notify(db, k, SideOf(caller, k), $"新的共建协议草稿：{k.Title}", "请查看协议条款，确认后签署。", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return k;
    }

    public static async Task EditAsync(AppDbContext db, Caller caller, int id, ContractInput input, DateTimeOffset now, CancellationToken ct)
    {
        var (k, _) = await PartyAsync(db, caller, id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, k, now, ct);
        var before = ContractText.Summary(k);
        var (start, end) = Term(input.StartsOn, input.EndsOn);
        k.Edit(input.Title, start, end, Display.Day(now));
        var fresh = Commitments(input.Commitments, start, end, null);
        await ContractLinks.CheckCommitmentsAsync(db, k.DistrictId, k.Path, await PartyNameAsync(db, k, ct), NewLinks(input.Commitments), ct);
        db.Commitments.RemoveRange(k.Commitments);
        k.Commitments.Clear();
        k.Commitments.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(Entity, k.Id, "edit", before, ContractText.Summary(k)), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The tag of the contract as it stands now, for the seeding that signs what it has just written.</summary>
    public static async Task<string> TagAsync(AppDbContext db, int id, CancellationToken ct) =>
        ContractTag.Of(await db.OrgContracts.AsNoTracking().Include(c => c.Commitments).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new UnknownId("协议不存在。"));

    /// <summary>
    /// Signs the version being signed. A draft is frozen as version 1 by its first signature. When the other side
    /// has signed the same version it comes into force (an amendment's commitments replace the old ones).
    /// </summary>
    public static async Task<ContractSignature> SignAsync(AppDbContext db, Caller caller, int id, string? ifMatch, string? expectedHash, string signerName, DateTimeOffset now, CancellationToken ct)
    {
        var (k, side) = await PartyAsync(db, caller, id, ct);
        // Sign what you saw: the version shown must be the one signed, whatever the page or client.
        var seen = ContractTag.Parse(ifMatch) ?? throw new VersionRequired("请先查看协议，并在 If-Match 中注明所看到的版本（协议详情的 ETag）再签署。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Compared under the lock, with the row and commitments as committed: an edit that landed meanwhile is seen.
        await LockAsync(db, k, now, ct);
        if (k.Status == ContractStatus.Draft)
        {
            if (seen != ContractTag.Draft(k)) throw new StaleVersion("协议草稿刚刚被修改，请核对最新条款后再签署。");
            // A draft saved before the term had bounds is not frozen as it stands: it is edited first.
            OrgContract.CheckTerm(k.StartsOn, k.EndsOn, Display.Day(now));
            var v1 = new ContractVersion(k.Id, 1, k.Title, k.StartsOn, k.EndsOn, ContractText.Canonical(await ContentAsync(db, k, 1, k.Title, k.StartsOn, k.EndsOn,
                k.Commitments.Select(c => new TextCommitment(c.Id, c.Side, c.Title, c.DueOn, c.Link, c.LinkId)).ToList(), ct)), null, now, caller.UserName);
            db.ContractVersions.Add(v1);
            k.Freeze(1, now);
            await db.SaveChangesAsync(ct);
        }
        if (k.PendingVersion is not { } number)
            throw new RuleViolation(k.Status == ContractStatus.Active ? "协议已生效，没有待签署的版本。" : $"协议当前为“{OrgContract.StatusName(k.Status)}”，不能签署。");
        var version = await db.ContractVersions.SingleAsync(v => v.ContractId == k.Id && v.Number == number, ct);
        if (expectedHash is { Length: > 0 } && !string.Equals(expectedHash, version.ContentHash, StringComparison.OrdinalIgnoreCase))
            throw new RuleViolation("协议内容已变化，请刷新后核对再签署。");
        var signed = await db.ContractSignatures.Where(s => s.ContractId == k.Id && s.Version == number).Select(s => s.Side).ToListAsync(ct);
        if (signed.Contains(side)) throw new RuleViolation($"{OrgContract.SideName(side)}已签署第 {number} 版。");
        // A party who read the draft the other side has since frozen unchanged as version 1 saw exactly that version.
        if (seen != ContractTag.Number(number) && !(number == 1 && seen == ContractTag.Draft(ContractText.Read(version.Content))))
            throw new StaleVersion($"协议已更新为第 {number} 版，请查看新版本后再签署。");
        var signature = new ContractSignature(k.Id, number, side, caller.UserName, signerName, version.ContentHash, now);
        db.ContractSignatures.Add(signature);
        var enacted = signed.Count == 1;
        if (enacted)
        {
            if (number > 1) Apply(k, ContractText.Read(version.Content));
            k.Enact(version, now);
            version.EnactedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now,
            new AuditEvent(Entity, k.Id, enacted ? "sign-and-enact" : "sign", null, new { version = number, side = side.ToString(), hash = version.ContentHash, status = k.Status.ToString() }), ct);
        Notify(db, k, side, enacted ? $"协议第 {number} 版已生效：{k.Title}" : $"对方已签署，请签署：{k.Title}",
            enacted ? "双方均已签署。" : $"{OrgContract.SideName(side)}已签署第 {number} 版，等待您签署。", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return signature;
    }

    public static async Task<ContractVersion> AmendAsync(AppDbContext db, Caller caller, int id, AmendmentInput input, DateTimeOffset now, CancellationToken ct)
    {
        var (k, _) = await PartyAsync(db, caller, id, ct);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500) throw new InvalidInput("reason", "请写明修订理由，不超过 500 个字。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, k, now, ct);
        var number = await db.ContractVersions.Where(v => v.ContractId == k.Id).MaxAsync(v => (int?)v.Number, ct) + 1 ?? 1;
        k.StartAmendment(number, now);
        var title = string.IsNullOrWhiteSpace(input.Title) ? k.Title : input.Title.Trim();
        if (title.Length > 120) throw new InvalidInput("title", "协议名称不超过 120 个字。");
        var end = input.EndsOn ?? k.EndsOn;
        var (_, checkedEnd) = Term(k.StartsOn, end);
        OrgContract.CheckTerm(k.StartsOn, checkedEnd, Display.Day(now));
        await ContractLinks.CheckCommitmentsAsync(db, k.DistrictId, k.Path, await PartyNameAsync(db, k, ct), NewLinks(input.Commitments), ct);
        var live = k.Commitments.Where(c => !c.Removed).ToDictionary(c => c.Id);
        var text = input.Commitments is null
            ? live.Values.Select(c => new TextCommitment(c.Id, c.Side, c.Title, c.DueOn, c.Link, c.LinkId)).ToList()
            : Commitments(input.Commitments, k.StartsOn, checkedEnd, live).Zip(input.Commitments, (c, i) => new TextCommitment(i.Id, c.Side, c.Title, c.DueOn,
                i.Id is { } old ? live[old].Link : c.Link, i.Id is { } o2 ? live[o2].LinkId : c.LinkId)).ToList();
        var version = new ContractVersion(k.Id, number, title, k.StartsOn, checkedEnd,
            ContractText.Canonical(await ContentAsync(db, k, number, title, k.StartsOn, checkedEnd, text, ct)), reason, now, caller.UserName);
        db.ContractVersions.Add(version);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now,
            new AuditEvent(Entity, k.Id, "amend", new { version = k.Version }, new { version = number, reason, hash = version.ContentHash }), ct);
        Notify(db, k, SideOf(caller, k), $"协议修订待签署：{k.Title}", $"第 {number} 版：{reason}", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return version;
    }

    /// <summary>Terminate (either side or the staff above, with a reason) or complete (a side, when every commitment is done).</summary>
    public static async Task EndAsync(AppDbContext db, Caller caller, int id, ContractStatus to, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var k = await VisibleAsync(db, caller, id, ct);
        var side = SideOf(caller, k);
        // Not a side yet visible: the staff above, who may terminate (with a reason) but not complete.
        if (side is null && to != ContractStatus.Terminated) throw new Forbidden("只有协议双方可以办理。");
        reason = reason?.Trim();
        if (to == ContractStatus.Terminated && string.IsNullOrEmpty(reason)) throw new InvalidInput("reason", "终止协议须写明理由。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, k, now, ct);
        if (to == ContractStatus.Completed && k.Commitments.Any(c => !c.Removed && c.DoneOn is null))
            throw new RuleViolation($"还有 {k.Commitments.Count(c => !c.Removed && c.DoneOn is null)} 项承诺未确认完成，不能结项。");
        var before = k.Status.ToString();
        k.End(to, reason, now);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(Entity, k.Id, to == ContractStatus.Completed ? "complete" : "terminate",
            new { status = before }, new { status = k.Status.ToString(), reason }), ct);
        Notify(db, k, side, $"协议{OrgContract.StatusName(k.Status)}：{k.Title}", reason ?? "", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static async Task<ContractEvaluation> EvaluateAsync(AppDbContext db, Caller caller, int id, int? period, int score, string? comment, TimeProvider clock, CancellationToken ct)
    {
        var (k, side) = await PartyAsync(db, caller, id, ct);
        var now = clock.GetUtcNow();
        var today = Display.Today(clock);
        var year = period ?? (OrgContract.IsOpen(k.Status) ? today.Year - 1 : Math.Min(k.EndsOn.Year, today.Year));
        var ended = k.Status is ContractStatus.Completed or ContractStatus.Expired or ContractStatus.Terminated;
        if (k.Status is ContractStatus.Draft or ContractStatus.AwaitingSignatures or ContractStatus.Voided) throw new RuleViolation("协议生效后才能评价。");
        if (year < k.StartsOn.Year || year > k.EndsOn.Year) throw new InvalidInput("period", $"评价年度须在协议期限内（{k.StartsOn.Year}–{k.EndsOn.Year}）。");
        if (!ended && year >= today.Year) throw new RuleViolation($"履约中的协议按年度评价：{year} 年度结束后才能评价，协议期满时再作总评。");
        var e = new ContractEvaluation(k.Id, year, side, score, comment, now, caller.UserName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ContractEvaluations.Add(e);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(Entity, k.Id, "evaluate", null, new { year, side = side.ToString(), score, comment = e.Comment }), ct);
        await tx.CommitAsync(ct);
        return e;
    }

    private static (DateOnly Start, DateOnly End) Term(DateOnly? start, DateOnly? end)
    {
        if (start is null) throw new InvalidInput("startsOn", "请填写协议开始日期。");
        if (end is null) throw new InvalidInput("endsOn", "请填写协议结束日期。");
        if (end < start) throw new InvalidInput("endsOn", "协议结束日期不能早于开始日期。");
        return (start.Value, end.Value);
    }

    /// <summary>The links of commitments the request writes anew (a kept commitment keeps the link it was signed with).</summary>
    private static IEnumerable<(int, CommitmentLink, int?)> NewLinks(List<CommitmentInput>? input) =>
        (input ?? []).Select((c, i) => (c, i + 1)).Where(x => x.c is { Id: null, Link: not null }).Select(x => (x.Item2, x.c.Link!.Value, x.c.LinkId));

    private static Task<string> PartyNameAsync(AppDbContext db, OrgContract k, CancellationToken ct) =>
        db.OrgUnits.Where(o => o.Id == k.OrgUnitId).Select(o => o.Name).SingleAsync(ct);

    private static List<Commitment> Commitments(List<CommitmentInput>? input, DateOnly start, DateOnly end, Dictionary<int, Commitment>? live)
    {
        if (input is null || input.Count == 0) throw new InvalidInput("commitments", "请至少列出一项承诺。");
        if (input.Count > 50) throw new InvalidInput("commitments", "一份协议最多 50 项承诺。");
        var list = new List<Commitment>();
        foreach (var (c, i) in input.Select((c, i) => (c, i + 1)))
        {
            if (c is null) throw new InvalidInput("commitments", $"第 {i} 项承诺为空。");
            if (c.DueOn < start || c.DueOn > end) throw new InvalidInput("commitments", $"第 {i} 项承诺的完成时限须在协议期限内（{Display.Date(start)} 至 {Display.Date(end)}）。");
            if (c.Id is { } old && (live is null || !live.ContainsKey(old))) throw new InvalidInput("commitments", $"第 {i} 项承诺的编号 {old} 不属于本协议。");
            var prior = c.Id is { } o ? live![o] : null;
            list.Add(new Commitment(c.Side ?? prior?.Side ?? ContractSide.Unit, c.Title, c.DueOn, prior?.Link ?? c.Link ?? CommitmentLink.None, prior?.LinkId ?? c.LinkId));
        }
        return list;
    }

    private static void Apply(OrgContract k, ContractContent text)
    {
        var kept = text.Commitments.Where(c => c.Id is not null).ToDictionary(c => c.Id!.Value);
        foreach (var c in k.Commitments.Where(c => !c.Removed))
            if (kept.TryGetValue(c.Id, out var t)) c.Amend(t.Title, t.DueOn);
            else c.Remove();
        k.Commitments.AddRange(text.Commitments.Where(c => c.Id is null).Select(c => new Commitment(c.Side, c.Title, c.DueOn, c.Link, c.LinkId)));
    }

    private static async Task<ContractContent> ContentAsync(AppDbContext db, OrgContract k, int version, string title, DateOnly start, DateOnly end,
        List<TextCommitment> commitments, CancellationToken ct)
    {
        // The signing party organizations, each with the place or unit it belongs to: what the paper names.
        var party = await PartyNames.OfPlaceAsync(db, k.OrgUnitId, ct);
        var unit = await PartyNames.OfUnitAsync(db, k.ResidentUnitId, ct);
        return new ContractContent(k.Number, version, title, new TextParty(k.OrgUnitId, party), new TextParty(k.ResidentUnitId, unit), start, end, commitments);
    }

    /// <summary>Tells the side that did not act (or both, when staff above acted).</summary>
    internal static void Notify(AppDbContext db, OrgContract k, ContractSide? actor, string title, string body, DateTimeOffset now)
    {
        var link = $"/contracts/{k.Id}";
        if (actor != ContractSide.Party) db.Notifications.Add(new Notification(k.DistrictId, k.OrgUnitId, null, title, body, link, now));
        if (actor != ContractSide.Unit) db.Notifications.Add(new Notification(k.DistrictId, null, k.ResidentUnitId, title, body, link, now));
    }
}
