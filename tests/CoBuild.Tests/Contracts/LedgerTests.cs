using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Contracts;

/// <summary>The delivery ledger, the overdue job on a fake clock, and the audit chain.</summary>
[Collection(AppCollection.Name)]
public sealed class LedgerTests(AppFixture app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent Form(string description, byte[]? file, string fileName, bool completes = true)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(Paper.Today.AddDays(-1).ToString("yyyy-MM-dd")), "on" },
            { new StringContent(description), "description" },
            { new StringContent("3"), "quantity" },
            { new StringContent("小时"), "quantityUnit" },
            { new StringContent(completes ? "true" : "false"), "completes" },
        };
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", fileName);
        }
        return form;
    }

    [Fact]
    public async Task The_side_that_promised_records_with_evidence_and_the_other_side_confirms()
    {
        var active = await Paper.ActiveAsync(app, "履约台账协议");
        var id = active.Contract.Id;
        var unitLine = active.Commitments.Single(c => c.Side == ContractSide.Unit);
        var unit = await app.ClientFor("unit.drainage");
        var community = await app.ClientFor("community.jishan");
        var url = $"/api/v1/org-contracts/{id}/commitments/{unitLine.Id}/deliveries";
        var before = await Paper.DbAsync(app, db => db.Deliveries.CountAsync());

        var big = await unit.PostAsync(url, Form("巡检", [.. Png, .. new byte[5 * 1024 * 1024]], "big.png"));
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("5 MB", (await big.Problem()).GetProperty("errors").GetProperty("file")[0].GetString());
        var text = await unit.PostAsync(url, Form("巡检", "not an image"u8.ToArray(), "notes.png"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("JPG", (await text.Problem()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsync(url, Form("替对方登记", null, ""))).StatusCode);
        Assert.Equal(before, await Paper.DbAsync(app, db => db.Deliveries.CountAsync()));

        var recorded = await unit.PostAsync(url, Form("完成 3 月管网巡检，附现场照片", Png, "现场.png"));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var deliveryId = (await recorded.Read<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        var detail = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        var delivery = detail.Commitments.Single(c => c.Id == unitLine.Id).Deliveries.Single();
        var evidence = Assert.Single(delivery.Files);
        Assert.Equal("image/png", evidence.ContentType);
        Assert.Equal(Png, await (await community.GetAsync($"/api/v1/files/{evidence.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("unit.fushan.01")).GetAsync($"/api/v1/files/{evidence.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync($"/api/v1/files/{evidence.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/deliveries/{deliveryId}/confirm", new AnswerRequest(null))).StatusCode);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => community.PostAsJsonAsync($"/api/v1/org-contracts/{id}/deliveries/{deliveryId}/confirm", new AnswerRequest("属实"))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var confirmed = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!.Commitments.Single(c => c.Id == unitLine.Id);
        Assert.Equal(DeliveryStatus.Confirmed, confirmed.Deliveries.Single().Status);
        Assert.Equal(Paper.Today.AddDays(-1), confirmed.DoneOn);

        // Completing needs every commitment done: the community's own line is still open.
        Assert.Equal(HttpStatusCode.Conflict, (await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/complete", new EndRequest(null))).StatusCode);
    }

    [Fact]
    public async Task The_overdue_job_flags_once_tells_both_parties_and_the_street_and_ends_the_term()
    {
        var input = await Paper.InputAsync(app, "逾期测试协议", Paper.Today.AddDays(-5), Paper.Today.AddDays(20), ("五日内提交方案", 3, ContractSide.Unit));
        var active = await Paper.ActiveAsync(app, "逾期测试协议", input);
        var id = active.Contract.Id;
        var link = $"/contracts/{id}";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int Count(AppDbContext d) => d.Notifications.Count(n => n.Link == link && n.Title.StartsWith("承诺逾期"));

        var early = await OverdueSweep.RunAsync(db, new FixedClock(DateTimeOffset.UtcNow.AddDays(2)), default);
        Assert.Equal(0, Count(db));
        var late = await OverdueSweep.RunAsync(db, new FixedClock(DateTimeOffset.UtcNow.AddDays(5)), default);
        Assert.True(late.Overdue >= 1);
        Assert.Equal(3, Count(db)); // community, unit, street
        var street = await db.OrgUnits.Where(o => o.Name == "府山街道").Select(o => o.Id).SingleAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.Link == link && n.OrgUnitId == street));
        var detail = (await (await app.ClientFor("unit.drainage")).Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(1, detail.Contract.OverdueCount);
        Assert.NotNull(detail.Commitments.Single().OverdueSince);
        var overdueList = (await (await app.ClientFor("street.fushan")).Get<CoBuild.Web.Features.Menus.MenuPage<ContractRow>>("/api/v1/org-contracts?overdue=true&pageSize=200"))!;
        Assert.Contains(overdueList.Items, c => c.Id == id);

        await Task.WhenAll(OverdueSweep.RunAsync(db, new FixedClock(DateTimeOffset.UtcNow.AddDays(6)), default),
            Task.Run(async () =>
            {
                await using var other = app.Services.CreateAsyncScope();
                await OverdueSweep.RunAsync(other.ServiceProvider.GetRequiredService<AppDbContext>(), new FixedClock(DateTimeOffset.UtcNow.AddDays(6)), default);
            }));
        Assert.Equal(3, Count(db));

        await OverdueSweep.RunAsync(db, new FixedClock(DateTimeOffset.UtcNow.AddDays(30)), default);
        var ended = (await (await app.ClientFor("unit.drainage")).Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(ContractStatus.Expired, ended.Contract.Status);
        Assert.Contains(ended.History, h => h.What == "期满" && h.Who == "平台（自动）" && h.Changes.Any(c => c.From == "履约中" && c.To == "已到期"));
        var raw = (await (await app.ClientFor("district.admin")).Get<List<AuditRow>>($"/api/v1/org-contracts/{id}/audit"))!;
        Assert.Contains(raw, h => h.Action == "term-end" && h.Actor == OverdueSweep.Actor);
        var rated = await (await app.ClientFor("community.jishan")).PostAsJsonAsync($"/api/v1/org-contracts/{id}/evaluations", new EvaluationRequest(null, 2, "方案逾期"));
        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientFor("community.jishan")).PostAsJsonAsync($"/api/v1/org-contracts/{id}/evaluations", new EvaluationRequest(null, 3, null))).StatusCode);
        var ranking = (await (await app.ClientFor("street.fushan")).Get<List<PartnerRow>>("/api/v1/org-contracts/partners"))!;
        Assert.Contains(ranking, p => p.Unit == "绍兴市城市排水有限公司" && p.Ratings >= 1 && p.Overdue >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).GetAsync("/api/v1/org-contracts/partners")).StatusCode);
    }

    [Fact]
    public async Task The_audit_chain_verifies_and_finds_a_row_changed_in_the_database()
    {
        await Paper.ActiveAsync(app, "审计链协议");
        var admin = await app.ClientFor("district.admin");
        var ok = (await admin.Get<AuditCheck>("/api/v1/audit/verify"))!;
        Assert.True(ok.Ok);
        Assert.True(ok.Checked > 4000); // the demo's contracts and this one
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.fushan")).GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/audit/verify")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var victim = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "OrgContract" && a.After != null).OrderBy(a => a.Seq).Skip(3).FirstAsync();
        // Someone with database access rewrites history directly.
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"After\" = {"{\"status\":\"Completed\"}"} WHERE \"Id\" = {victim.Id}");
        try
        {
            var broken = (await admin.Get<AuditCheck>("/api/v1/audit/verify"))!;
            Assert.False(broken.Ok);
            Assert.Equal(victim.Id, broken.FirstBrokenId);
            // No checkpoint is given out for a broken chain, so a forgery is never filed as trusted.
            var refused = await admin.GetAsync("/api/v1/audit/checkpoint");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(victim.Id.ToString(), (await refused.Problem()).GetProperty("detail").GetString());
        }
        finally
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"After\" = {victim.After} WHERE \"Id\" = {victim.Id}");
        }
        Assert.True((await admin.Get<AuditCheck>("/api/v1/audit/verify"))!.Ok);

        // Deleting the head row does not switch the check off: the rows are measured against an empty head.
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.DistrictId == victim.DistrictId);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditHeads\" WHERE \"DistrictId\" = {head.DistrictId}");
        try
        {
            Assert.False((await admin.Get<AuditCheck>("/api/v1/audit/verify"))!.Ok);
        }
        finally
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO \"AuditHeads\" (\"DistrictId\", \"Seq\", \"Hash\") VALUES ({head.DistrictId}, {head.Seq}, {head.Hash})");
        }
        Assert.True((await admin.Get<AuditCheck>("/api/v1/audit/verify"))!.Ok);
    }

    [Fact]
    public async Task A_checkpoint_kept_outside_catches_a_chain_rewritten_with_fresh_hashes()
    {
        await Paper.ActiveAsync(app, "校验点协议");
        var admin = await app.ClientFor("district.admin");
        var checkpoint = (await admin.Get<AuditCheckpoint>("/api/v1/audit/checkpoint"))!;
        Assert.True(checkpoint.Seq > 4000);
        Assert.Matches("^[0-9a-f]{64}$", checkpoint.Hash);
        var against = $"/api/v1/audit/verify?seq={checkpoint.Seq}&hash={checkpoint.Hash}";
        await Paper.ActiveAsync(app, "校验点之后的协议"); // the chain grows past the checkpoint
        Assert.True((await admin.Get<AuditCheck>(against))!.Ok);
        Assert.False((await admin.Get<AuditCheck>($"/api/v1/audit/verify?seq={checkpoint.Seq + 1_000_000}&hash={checkpoint.Hash}"))!.Ok); // never reached
        Assert.True((await admin.Get<AuditCheck>($"/api/v1/audit/verify?seq=0&hash={AuditHead.Genesis}"))!.Ok); // an empty chain's checkpoint
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.fushan")).GetAsync("/api/v1/audit/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/audit/checkpoint")).StatusCode);
        foreach (var (query, field) in new[] { ("?hash=" + checkpoint.Hash, "seq"), ("?seq=-1&hash=" + checkpoint.Hash, "seq"), ("?seq=5", "hash"), ("?seq=5&hash=abc", "hash") })
        {
            var refused = await admin.GetAsync("/api/v1/audit/verify" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Problem()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit/verify?seq=abc&hash=" + checkpoint.Hash)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.DistrictId == checkpoint.DistrictId && a.Seq >= checkpoint.Seq - 2).OrderBy(a => a.Seq).ToListAsync();
        try
        {
            // Someone with database access and the algorithm rewrites a row and every hash after it, head included.
            var prev = rows[0].PrevHash;
            foreach (var row in rows)
            {
                var forged = new AuditEntry(row.DistrictId, row.Seq, row.At, row.Actor, row.Entity, row.EntityId, row.Action, row.Before,
                    row == rows[0] ? "{\"status\":\"Terminated\"}" : row.After, prev);
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"After\" = {forged.After}, \"PrevHash\" = {forged.PrevHash}, \"Hash\" = {forged.Hash} WHERE \"Id\" = {row.Id}");
                prev = forged.Hash;
            }
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditHeads\" SET \"Hash\" = {prev} WHERE \"DistrictId\" = {checkpoint.DistrictId}");
            Assert.True((await admin.Get<AuditCheck>("/api/v1/audit/verify"))!.Ok); // the chain alone cannot tell
            var caught = (await admin.Get<AuditCheck>(against))!;
            Assert.False(caught.Ok);
            Assert.Equal(rows.Single(r => r.Seq == checkpoint.Seq).Id, caught.FirstBrokenId);
        }
        finally
        {
            foreach (var row in rows)
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"After\" = {row.After}, \"PrevHash\" = {row.PrevHash}, \"Hash\" = {row.Hash} WHERE \"Id\" = {row.Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditHeads\" SET \"Hash\" = {rows[^1].Hash} WHERE \"DistrictId\" = {checkpoint.DistrictId}");
        }
        Assert.True((await admin.Get<AuditCheck>(against))!.Ok);
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
