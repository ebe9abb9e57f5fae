using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record SweepResult(int Overdue, int Ended);

/// <summary>
/// The scheduled check: commitments past due and not done are flagged and both parties and the street are told
/// once; active contracts past their term end as completed (everything done) or expired. Each flag is set by a
/// guarded UPDATE, so nodes running it at the same time tell nobody twice.
/// </summary>
internal static class OverdueSweep
{
    public const string Actor = "system:overdue";

    public static async Task<SweepResult> RunAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var now = clock.GetUtcNow();
        var due = await db.Commitments.AsNoTracking()
            .Where(c => !c.Removed && c.DoneOn == null && c.OverdueSince == null && c.DueOn < today)
            .Join(db.OrgContracts.Where(k => k.Status == ContractStatus.Active), c => c.ContractId, k => k.Id, (c, k) => new { c.Id, c.Title, c.DueOn, Contract = k.Id })
            .ToListAsync(ct);
        var flagged = 0;
        foreach (var byContract in due.GroupBy(d => d.Contract))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = byContract.Select(d => d.Id).ToList();
            var n = await db.Commitments.Where(c => ids.Contains(c.Id) && c.OverdueSince == null && c.DoneOn == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueSince, today), ct);
            if (n == 0) continue;
            flagged += n;
            var k = await db.OrgContracts.Include(x => x.OrgUnit).SingleAsync(x => x.Id == byContract.Key, ct);
            k.SetOverdueCount(await db.Commitments.CountAsync(c => c.ContractId == k.Id && !c.Removed && c.OverdueSince != null && c.DoneOn == null, ct));
            var titles = string.Join("；", byContract.Select(d => $"{d.Title}（{Display.Date(d.DueOn)}到期）"));
            var title = $"承诺逾期：{k.Title}";
            ContractEdits.Notify(db, k, null, title, titles, now);
            if (k.OrgUnit!.Level == OrgLevel.Community && k.OrgUnit.ParentId is { } street)
                db.Notifications.Add(new Notification(k.DistrictId, street, null, title, titles, $"/contracts/{k.Id}", now));
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, k.DistrictId, Actor, now, new AuditEvent(ContractEdits.Entity, k.Id, "overdue", null, new { commitments = ids, since = today }), ct);
            await tx.CommitAsync(ct);
        }

        var ended = 0;
        var past = await db.OrgContracts.AsNoTracking().Where(k => k.Status == ContractStatus.Active && k.EndsOn < today).Select(k => k.Id).ToListAsync(ct);
        foreach (var id in past)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var allDone = !await db.Commitments.AnyAsync(c => c.ContractId == id && !c.Removed && c.DoneOn == null, ct);
            var to = allDone ? ContractStatus.Completed : ContractStatus.Expired;
            if (await db.OrgContracts.Where(k => k.Id == id && k.Status == ContractStatus.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.Status, to).SetProperty(k => k.PendingVersion, (int?)null).SetProperty(k => k.UpdatedAt, now), ct) == 0) continue;
            var k = await db.OrgContracts.AsNoTracking().SingleAsync(x => x.Id == id, ct);
            ContractEdits.Notify(db, k, null, $"协议期满{OrgContract.StatusName(to)}：{k.Title}", "请双方对本协议的履约情况作出评价。", now);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, k.DistrictId, Actor, now, new AuditEvent(ContractEdits.Entity, id, "term-end", new { status = "Active" }, new { status = to.ToString() }), ct);
            await tx.CommitAsync(ct);
            ended++;
        }
        return new SweepResult(flagged, ended);
    }
}

/// <summary>Runs the sweep at start and then every <c>Contracts:SweepMinutes</c> (60) on the app's clock.</summary>
internal sealed class OverdueJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<OverdueJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMinutes(config.GetValue("Contracts:SweepMinutes", 60));
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await OverdueSweep.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock, stoppingToken);
                if (result.Overdue + result.Ended > 0) log.LogInformation("Overdue sweep: {Overdue} commitments flagged, {Ended} contracts ended", result.Overdue, result.Ended);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Overdue sweep failed; it runs again at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
