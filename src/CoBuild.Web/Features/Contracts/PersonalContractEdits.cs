using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record PersonalSignRequest(int? Year, decimal PledgedHours, List<int>? ServiceIds);
public sealed record ServiceLogInput(DateOnly? On, decimal Hours, string What);
public sealed record GradeRequest(string Grade, [property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Comment);

/// <summary>人人契约: signing, service logs and their confirmation, the yearly grade.</summary>
internal static class PersonalContractEdits
{
    public const string Entity = "PersonalContract";

    /// <summary>The services a member may choose: the active entries of their community's service menu (not its needs).</summary>
    public static IQueryable<ServiceMenu.ServiceItem> Menu(AppDbContext db, OrgUnit community) =>
        db.ServiceItems.Where(s => s.Active && s.CommunityId == community.Id);

    /// <summary>The campaign a member of a community signs under: the community's own for the year, else its street's.</summary>
    public static IQueryable<SigningCampaign> CampaignFor(AppDbContext db, int year, int communityId, int? streetId) =>
        db.SigningCampaigns.AsNoTracking().Where(c => c.Year == year && (c.OrgUnitId == communityId || c.OrgUnitId == streetId))
            .OrderBy(c => c.OrgUnitId == communityId ? 0 : 1);

    public static async Task<PersonalContract> SignAsync(AppDbContext db, Caller caller, PersonalSignRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.PartyMemberId is not { } memberId) throw new Forbidden("人人契约由党员本人签署。");
        var reg = await db.MemberRegistrations.AsNoTracking().Include(r => r.Community).FirstOrDefaultAsync(r => r.PartyMemberId == memberId, ct)
            ?? throw new RuleViolation("您还没有到居住地社区报到（双报到），报到后才能签署人人契约。");
        var thisYear = Display.Day(now).Year;
        var year = request.Year ?? thisYear;
        if (year != thisYear && year != thisYear + 1) throw new InvalidInput("year", $"只能签署 {thisYear} 或 {thisYear + 1} 年度的契约。");
        var ids = (request.ServiceIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 10) throw new InvalidInput("serviceIds", "请从社区服务菜单中选择 1 到 10 项服务。");
        var services = await Menu(db, reg.Community!).Where(n => ids.Contains(n.Id)).OrderBy(n => n.Id).Select(n => new { n.Id, n.Title }).ToListAsync(ct);
        if (services.Count != ids.Count) throw new InvalidInput("serviceIds", $"所选服务须来自{reg.Community!.Name}的服务菜单：{string.Join("、", ids.Except(services.Select(n => n.Id)))} 不在其中。");
        if (await db.PersonalContracts.AnyAsync(p => p.PartyMemberId == memberId && p.Year == year && p.Status != PersonalContractStatus.Terminated, ct))
            throw new RuleViolation($"您已签署 {year} 年度的人人契约。");
        var campaign = await CampaignFor(db, year, reg.CommunityId, reg.Community!.ParentId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var text = ContractText.Personal(memberId, reg.CommunityId, year, request.PledgedHours, services.Select(n => (n.Id, n.Title)));
        var contract = new PersonalContract(reg.DistrictId, memberId, reg.CommunityId, reg.CommunityPath, year, request.PledgedHours, campaign, ContractVersion.Hash(text), now, caller.UserName);
        contract.Items.AddRange(services.Select(n => new PersonalContractItem(n.Id, n.Title)));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PersonalContracts.Add(contract);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, contract.DistrictId, caller.UserName, now, new AuditEvent(Entity, contract.Id, "sign", null,
            new { member = memberId, year, hours = contract.PledgedHours, services = services.Select(n => n.Title), hash = contract.ContentHash }), ct);
        db.Notifications.Add(new Notification(contract.DistrictId, reg.CommunityId, null, "新签人人契约", $"党员签署了 {year} 年度人人契约，承诺服务 {contract.PledgedHours:0.#} 小时。",
            $"/admin/personal-contracts?community={reg.CommunityId}", now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return contract;
    }

    public static async Task<PersonalContract> VisibleAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var c = await db.PersonalContracts.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new UnknownId("契约不存在。");
        if (caller.PartyMemberId == c.PartyMemberId || caller.Covers(c.DistrictId, c.Path)) return c;
        throw new UnknownId("契约不存在。");
    }

    public static async Task<ServiceLog> VisibleLogAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var log = await db.ServiceLogs.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new UnknownId("服务记录不存在。");
        if (caller.PartyMemberId == log.PartyMemberId || caller.Covers(log.DistrictId, log.Path)) return log;
        throw new UnknownId("服务记录不存在。");
    }

    public static async Task<ServiceLog> LogAsync(AppDbContext db, Caller caller, int contractId, ServiceLogInput input, IFormFile? photo, TimeProvider clock, CancellationToken ct)
    {
        var c = await VisibleAsync(db, caller, contractId, ct);
        if (caller.PartyMemberId != c.PartyMemberId) throw new Forbidden("服务记录由党员本人登记。");
        if (input.On is null) throw new InvalidInput("on", "请填写服务日期。");
        var now = clock.GetUtcNow();
        var log = new ServiceLog(c, input.On.Value, input.Hours, input.What, Display.Today(clock), now);
        var file = photo is null ? null : await StoredFile.ReadAsync(photo, c.DistrictId, "service", 0, now, caller.UserName, ct);
        if (file is not null && !file.IsImage) throw new InvalidInput("photo", "照片只收 JPG、PNG 或 WebP 图片。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ServiceLogs.Add(log);
        await db.SaveChangesAsync(ct);
        if (file is not null)
        {
            db.Files.Add(file.For((int)log.Id));
            await db.SaveChangesAsync(ct);
            log.PhotoId = file.Id;
        }
        db.Notifications.Add(new Notification(c.DistrictId, c.CommunityId, null, "服务记录待确认", $"{log.On:M月d日} {log.Hours:0.#} 小时：{log.What}",
            $"/admin/personal-contracts?community={c.CommunityId}", now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return log;
    }

    public static async Task<ServiceLog> AnswerAsync(AppDbContext db, Caller caller, long logId, bool confirm, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var log = await db.ServiceLogs.FirstOrDefaultAsync(l => l.Id == logId, ct) ?? throw new UnknownId("服务记录不存在。");
        if (!caller.Covers(log.DistrictId, log.Path)) throw new UnknownId("服务记录不存在。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.ServiceLogs.Where(l => l.Id == logId && l.Status == ServiceLogStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(l => l.AnsweredAt, now), ct) == 0)
            throw new RuleViolation("该服务记录已确认或退回。");
        log.Answer(confirm, note, now, caller.UserName);
        if (confirm)
            await db.PersonalContracts.Where(p => p.Id == log.ContractId).ExecuteUpdateAsync(s => s.SetProperty(p => p.HoursDone, p => p.HoursDone + log.Hours), ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, log.DistrictId, caller.UserName, now, new AuditEvent(Entity, log.ContractId, confirm ? "service-confirm" : "service-return",
            new { log = log.Id, status = "Pending" }, new { log = log.Id, log.On, log.Hours, status = log.Status.ToString(), note = log.AnswerNote }), ct);
        db.Notifications.Add(Notification.ToMember(log.DistrictId, log.PartyMemberId, confirm ? "服务时长已确认" : "服务记录被退回",
            confirm ? $"{log.On:M月d日} {log.Hours:0.#} 小时已计入契约。" : log.AnswerNote ?? "", "/m/pledge", now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return log;
    }

    public static async Task GradeAsync(AppDbContext db, Caller caller, int id, GradeRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var c = await VisibleAsync(db, caller, id, ct);
        if (!caller.Covers(c.DistrictId, c.Path)) throw new Forbidden("年度评定由社区作出。");
        if (Display.Day(now).Year < c.Year || (Display.Day(now).Year == c.Year && Display.Day(now).Month < 12))
            throw new RuleViolation($"{c.Year} 年度评定自 {c.Year} 年 12 月起进行。");
        var before = new { c.Status, c.Grade };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        c.Evaluate(request.Grade?.Trim() ?? "", request.Comment, now, caller.UserName);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, c.DistrictId, caller.UserName, now, new AuditEvent(Entity, c.Id, "grade", before,
            new { status = c.Status.ToString(), c.Grade, c.HoursDone, c.PledgedHours }), ct);
        await tx.CommitAsync(ct);
    }

    public static async Task TerminateAsync(AppDbContext db, Caller caller, int id, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var c = await VisibleAsync(db, caller, id, ct);
        if (string.IsNullOrWhiteSpace(reason)) throw new InvalidInput("reason", "解除契约须写明理由。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        c.Terminate();
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, c.DistrictId, caller.UserName, now, new AuditEvent(Entity, c.Id, "terminate", new { status = "Active" }, new { status = "Terminated", reason }), ct);
        await tx.CommitAsync(ct);
    }
}
