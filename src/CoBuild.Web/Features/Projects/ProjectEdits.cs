using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Projects;

public sealed record CreateProject(int? OrgUnitId, string Title, string? Description, ProjectSource? Source, int? SourceId, int? CategoryId, DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record ParticipantInput(int? OrgUnitId, int? UnitId, ParticipantRole? Role, string? Duty);
public sealed record MilestoneInput(string Title, DateOnly? DueOn);
public sealed record BudgetInput(BudgetSource? Source, string Funder, decimal Amount);
public sealed record ProgressInput(int Progress, string? Note);
public sealed record AcceptInput([property: System.ComponentModel.DataAnnotations.StringLength(500)] string? Note);
public sealed record RatingInput(int Score, string? Comment);

/// <summary>
/// 项目化管理: the staff covering a project's lead manage it; the lead community (or street) accepts it; residents
/// rate an accepted project once each. Every change is an audit entry in the same transaction.
/// </summary>
internal static class ProjectEdits
{
    public const string Entity = "Project";

    public static async Task<Project> ManagedAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var p = await db.Projects.Include(x => x.Participants).Include(x => x.Milestones).Include(x => x.Budget).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new UnknownId("项目不存在。");
        caller.Require(p.DistrictId, p.Path, "只有牵头社区、街道和区级管理员可以管理该项目。");
        return p;
    }

    /// <summary>A project that may still change: acceptance closes its record (participants, milestones, budget, progress, documents).</summary>
    private static async Task<Project> OpenAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var p = await ManagedAsync(db, caller, id, ct);
        if (p.AcceptedAt is { } at) throw new RuleViolation($"项目已于 {Display.Local(at)} 验收，档案不再修改。");
        return p;
    }

    public static async Task<Project> CreateAsync(AppDbContext db, Caller caller, CreateProject input, DateTimeOffset now, CancellationToken ct)
    {
        var lead = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (input.OrgUnitId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("orgUnitId", "牵头单位不存在。");
        caller.Require(lead);
        if (input.Source is { } s && !Enum.IsDefined(s)) throw new InvalidInput("source", "来源只能是 Need、Order、AuctionLot、LivelihoodVote 或 GovernmentTask。");
        if (input.StartsOn is null) throw new InvalidInput("startsOn", "请填写开始日期。");
        if (input.CategoryId is { } category && !await db.MenuCategories.AnyAsync(c => c.Id == category && c.DistrictId == lead.DistrictId, ct))
            throw new InvalidInput("categoryId", $"类别 #{category} 不存在。");
        var p = new Project(lead, input.CategoryId, input.Title, input.Description, input.Source ?? ProjectSource.GovernmentTask, input.SourceId, input.StartsOn.Value, now);
        p.Plan(input.EndsOn);
        p.Participants.Add(new ProjectParticipant(lead.Id, null, ParticipantRole.Lead, "牵头组织实施"));
        return await SaveAsync(db, caller, p, "create", null, now, ct, add: true);
    }

    public static async Task<Project> AddParticipantAsync(AppDbContext db, Caller caller, int id, ParticipantInput input, DateTimeOffset now, CancellationToken ct)
    {
        // A project has one lead, fixed when it is created; the others join as partners, funders or supervisors.
        if (input.Role == ParticipantRole.Lead) throw new InvalidInput("role", "牵头方在立项时确定，一个项目只有一个牵头方。");
        var p = await OpenAsync(db, caller, id, ct);
        if (input.OrgUnitId is { } o && !await db.OrgUnits.AnyAsync(x => x.Id == o && x.DistrictId == p.DistrictId, ct)) throw new InvalidInput("orgUnitId", "组织不存在。");
        if (input.UnitId is { } u && !await db.ResidentUnits.AnyAsync(x => x.Id == u && x.DistrictId == p.DistrictId, ct)) throw new InvalidInput("unitId", "单位不存在。");
        var part = new ProjectParticipant(input.OrgUnitId, input.UnitId, input.Role ?? ParticipantRole.Partner, input.Duty);
        if (p.Participants.Any(x => x.OrgUnitId == part.OrgUnitId && x.ResidentUnitId == part.ResidentUnitId)) throw new RuleViolation("该单位已是项目参与方。");
        p.Participants.Add(part);
        return await SaveAsync(db, caller, p, "participant", new { input.OrgUnitId, input.UnitId, role = part.Role.ToString(), part.Duty }, now, ct);
    }

    public static async Task<Project> AddMilestoneAsync(AppDbContext db, Caller caller, int id, MilestoneInput input, DateTimeOffset now, CancellationToken ct)
    {
        var p = await OpenAsync(db, caller, id, ct);
        if (input.DueOn is null) throw new InvalidInput("dueOn", "请填写节点日期。");
        if (input.DueOn < p.StartsOn) throw new InvalidInput("dueOn", "节点日期不能早于项目开始日期。");
        if (p.Milestones.Count >= 30) throw new InvalidInput("title", "一个项目最多 30 个节点。");
        p.Milestones.Add(new Milestone(input.Title, input.DueOn.Value));
        return await SaveAsync(db, caller, p, "milestone", new { input.Title, input.DueOn }, now, ct);
    }

    public static async Task<Project> CompleteMilestoneAsync(AppDbContext db, Caller caller, int id, int milestoneId, TimeProvider clock, CancellationToken ct)
    {
        var p = await OpenAsync(db, caller, id, ct);
        var m = p.Milestones.FirstOrDefault(x => x.Id == milestoneId) ?? throw new UnknownId("节点不存在。");
        m.Complete(Display.Today(clock));
        return await SaveAsync(db, caller, p, "milestone-done", new { milestone = m.Id, m.Title, m.DoneOn }, clock.GetUtcNow(), ct);
    }

    public static async Task<Project> AddBudgetAsync(AppDbContext db, Caller caller, int id, BudgetInput input, DateTimeOffset now, CancellationToken ct)
    {
        var p = await OpenAsync(db, caller, id, ct);
        if (input.Source is null) throw new InvalidInput("source", "请选择资金来源。");
        var line = new BudgetLine(input.Source.Value, input.Funder, input.Amount);
        p.Budget.Add(line);
        return await SaveAsync(db, caller, p, "budget", new { source = line.Source.ToString(), line.Funder, line.Amount }, now, ct);
    }

    public static async Task<Project> ProgressAsync(AppDbContext db, Caller caller, int id, ProgressInput input, DateTimeOffset now, CancellationToken ct)
    {
        var p = await OpenAsync(db, caller, id, ct);
        var before = new { p.Progress, status = p.Status.ToString() };
        p.ReportProgress(input.Progress);
        return await SaveAsync(db, caller, p, "progress", new { p.Progress, status = p.Status.ToString(), note = input.Note?.Trim() }, now, ct, before);
    }

    public static async Task<Project> AcceptAsync(AppDbContext db, Caller caller, int id, AcceptInput input, DateTimeOffset now, CancellationToken ct)
    {
        var p = await ManagedAsync(db, caller, id, ct);
        if (caller.ScopeOrgUnitId != p.OrgUnitId) throw new Forbidden("项目由牵头的社区（或街道）验收。");
        p.Accept(input.Note, now, caller.UserName);
        return await SaveAsync(db, caller, p, "accept", new { note = p.AcceptanceNote }, now, ct);
    }

    /// <summary>The most documents one upload carries, as a delivery record's evidence.</summary>
    public const int MaxFilesPerUpload = 6;

    /// <summary>Stores every file of one upload, or none: each is read and checked before anything is written.</summary>
    public static async Task<List<StoredFile>> AttachAsync(AppDbContext db, Caller caller, int id, IReadOnlyList<IFormFile> files, DateTimeOffset now, CancellationToken ct)
    {
        var p = await OpenAsync(db, caller, id, ct);
        if (files.Count == 0) throw new InvalidInput("file", "请选择要上传的文件（字段名 file）。");
        if (files.Count > MaxFilesPerUpload) throw new InvalidInput("file", $"一次最多上传 {MaxFilesPerUpload} 个文件（收到 {files.Count} 个）。");
        var stored = new List<StoredFile>();
        foreach (var file in files) stored.Add(await StoredFile.ReadAsync(file, p.DistrictId, "project", p.Id, now, caller.UserName, ct));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Files.AddRange(stored);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored)
            await AuditTrail.AppendAsync(db, p.DistrictId, caller.UserName, now, new AuditEvent(Entity, p.Id, "document", null, new { file = f.Id, f.Name, f.Sha256 }), ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    public static async Task RateAsync(AppDbContext db, Caller caller, int id, RatingInput input, DateTimeOffset now, CancellationToken ct)
    {
        var p = await db.Projects.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new UnknownId("项目不存在。");
        if (caller.DistrictId != p.DistrictId) throw new Forbidden("只能评价本区的项目。");
        if (p.AcceptedAt is null) throw new RuleViolation("项目验收后才能评价。");
        var rating = new ProjectRating(p.Id, caller.UserName, input.Score, input.Comment, now);
        if (await db.ProjectRatings.AnyAsync(r => r.ProjectId == id && r.UserName == caller.UserName, ct)) throw new RuleViolation("您已评价过这个项目。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ProjectRatings.Add(rating);
        await db.SaveChangesAsync(ct);
        // The sums move by a guarded increment, not read-modify-write: parallel ratings all count.
        await db.Projects.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RatingCount, x => x.RatingCount + 1).SetProperty(x => x.RatingSum, x => x.RatingSum + rating.Score), ct);
        await AuditTrail.AppendAsync(db, p.DistrictId, caller.UserName, now, new AuditEvent(Entity, p.Id, "rating", null, new { rating.Score, rating.Comment }), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<Project> SaveAsync(AppDbContext db, Caller caller, Project p, string action, object? after, DateTimeOffset now, CancellationToken ct,
        object? before = null, bool add = false)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (add) db.Projects.Add(p);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, p.DistrictId, caller.UserName, now,
            new AuditEvent(Entity, p.Id, action, before, after ?? new { p.Title, p.OrgUnitId, source = p.Source.ToString(), p.SourceId, p.StartsOn, p.EndsOn }), ct);
        await tx.CommitAsync(ct);
        return p;
    }
}
