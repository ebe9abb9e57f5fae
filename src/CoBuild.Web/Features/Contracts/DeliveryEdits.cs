using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Files;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

public sealed record DeliveryInput(DateOnly? On, string Description, decimal? Quantity, string? QuantityUnit, bool Completes);

/// <summary>The delivery ledger: the side that made a commitment records what it did, the other side confirms or returns it.</summary>
internal static class DeliveryEdits
{
    public const int MaxFiles = 6;

    public static async Task<Delivery> RecordAsync(AppDbContext db, Caller caller, int contractId, int commitmentId, DeliveryInput input,
        IReadOnlyList<IFormFile> files, TimeProvider clock, CancellationToken ct)
    {
        var k = await ContractEdits.VisibleAsync(db, caller, contractId, ct);
        var side = ContractEdits.SideOf(caller, k) ?? throw new Forbidden("只有协议双方可以登记履约。");
        var commitment = k.Commitments.FirstOrDefault(c => c.Id == commitmentId && !c.Removed) ?? throw new UnknownId("该承诺不存在。");
        if (commitment.Side != side) throw new Forbidden($"这项承诺由{OrgContract.SideName(commitment.Side)}履行，由其登记履约、由您确认。");
        if (k.Status != ContractStatus.Active) throw new RuleViolation($"协议当前为“{OrgContract.StatusName(k.Status)}”，不能登记履约。");
        if (input.On is null) throw new InvalidInput("on", "请填写履约日期。");
        if (files.Count > MaxFiles) throw new InvalidInput("file", $"每条记录最多 {MaxFiles} 个附件。");
        var now = clock.GetUtcNow();
        var delivery = new Delivery(k, commitment, input.On.Value, input.Description, input.Quantity, input.QuantityUnit, input.Completes, Display.Today(clock), now, caller.UserName);
        var stored = new List<StoredFile>();
        foreach (var f in files) stored.Add(await StoredFile.ReadAsync(f, k.DistrictId, "delivery", 0, now, caller.UserName, ct));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored) db.Files.Add(f.For(delivery.Id));
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(ContractEdits.Entity, k.Id, "delivery",
            null, new { delivery = delivery.Id, commitment = commitment.Id, delivery.On, delivery.Description, delivery.Quantity, delivery.QuantityUnit, files = stored.Select(f => f.Sha256) }), ct);
        ContractEdits.Notify(db, k, side, $"履约记录待确认：{k.Title}", $"{commitment.Title}：{delivery.Description}", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return delivery;
    }

    public static async Task<Delivery> AnswerAsync(AppDbContext db, Caller caller, int contractId, int deliveryId, bool confirm, string? note, TimeProvider clock, CancellationToken ct)
    {
        var k = await ContractEdits.VisibleAsync(db, caller, contractId, ct);
        var side = ContractEdits.SideOf(caller, k) ?? throw new Forbidden("只有协议双方可以确认履约。");
        var d = await db.Deliveries.FirstOrDefaultAsync(x => x.Id == deliveryId && x.ContractId == k.Id, ct) ?? throw new UnknownId("履约记录不存在。");
        if (d.Side == side) throw new Forbidden("履约记录由对方确认，不能自己确认。");
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Guarded: of two parallel answers only one finds the record still pending.
        if (await db.Deliveries.Where(x => x.Id == d.Id && x.Status == DeliveryStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(x => x.AnsweredAt, now), ct) == 0)
            throw new RuleViolation("该履约记录已确认或退回。");
        d.Answer(confirm, note, now, caller.UserName);
        if (confirm && d.Completes) k.Commitments.Single(c => c.Id == d.CommitmentId).Complete(d.On);
        k.SetOverdueCount(k.Commitments.Count(c => !c.Removed && c.OverdueSince is not null));
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, k.DistrictId, caller.UserName, now, new AuditEvent(ContractEdits.Entity, k.Id, confirm ? "delivery-confirm" : "delivery-return",
            new { delivery = d.Id, status = nameof(DeliveryStatus.Pending) }, new { delivery = d.Id, status = d.Status.ToString(), note = d.AnswerNote }), ct);
        ContractEdits.Notify(db, k, side, confirm ? $"履约已确认：{k.Title}" : $"履约记录被退回：{k.Title}", d.AnswerNote ?? d.Description, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return d;
    }
}
