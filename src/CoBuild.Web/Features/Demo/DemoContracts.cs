using CoBuild.Web.Components;
using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// Contracts and projects of the demo: the auction's drafts signed by both sides (the last three lots' drafts left to
/// sign), deliveries and ratings on some; 蕺山社区's contract with the drainage company and its project with
/// participants, milestones, budget and acceptance; and about 4,000 personal contracts with service logs
/// (member.demo and every 80th member left unsigned, so a campaign has someone to remind), services chosen from
/// the community's service menu.
/// </summary>
internal sealed class DemoContracts(AppDbContext db, DemoClock clock)
{
    private readonly Random _rng = new(4000);
    private readonly DateTimeOffset _base = clock.Day;
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Moves the demo's clock to office hours of the day so many days before the base.</summary>
    private void DaysAgo(int days) => clock.Day = _base.AddDays(-days);

    public async Task AddIfMissingAsync(CancellationToken ct)
    {
        if (await db.PersonalContracts.AnyAsync(ct) || !await db.Users.AnyAsync(u => u.UserName == "community.jishan", ct)) return;
        var accounts = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, ct);
        Caller As(string user) => Caller.Of(accounts[user]);
        await SignAuctionDraftsAsync(As, ct);
        await JishanAsync(As, ct);
        await AddPersonalContractsAsync(accounts["member.demo"].PartyMemberId, ct);
    }

    private async Task SignAuctionDraftsAsync(Func<string, Caller> As, CancellationToken ct)
    {
        var byUnit = (await db.Users.AsNoTracking().Where(u => u.UnitId != null && u.UserName!.StartsWith("unit.")).Select(u => new { u.UserName, u.UnitId }).ToListAsync(ct))
            .GroupBy(u => u.UnitId!.Value).ToDictionary(g => g.Key, g => g.First().UserName!);
        var drafts = await db.OrgContracts.AsNoTracking().Where(c => c.Status == ContractStatus.Draft && c.Source == ContractSource.AuctionLot)
            .OrderBy(c => c.SourceId).ThenBy(c => c.Id).Select(c => new { c.Id, c.ResidentUnitId, c.SourceId }).ToListAsync(ct);
        var lastLots = drafts.Select(d => d.SourceId).Distinct().TakeLast(3).ToHashSet();
        var street = As("street.fushan");
        var n = 0;
        foreach (var d in drafts.Where(d => !lastLots.Contains(d.SourceId) && byUnit.ContainsKey(d.ResidentUnitId)))
        {
            var unit = As(byUnit[d.ResidentUnitId]);
            DaysAgo(18 - n % 15);
            await ContractEdits.SignAsync(db, unit, d.Id, await ContractEdits.TagAsync(db, d.Id, ct), null, DemoPerson.ByNumber(d.ResidentUnitId), Now, ct);
            await ContractEdits.SignAsync(db, street, d.Id, await ContractEdits.TagAsync(db, d.Id, ct), null, "张建国", Now, ct);
            db.ChangeTracker.Clear();
            if (n++ % 3 != 0) continue;
            // Every third one is delivered, confirmed, closed and rated, so the partner ranking has records.
            var k = await db.OrgContracts.Include(c => c.Commitments).AsNoTracking().SingleAsync(c => c.Id == d.Id, ct);
            DaysAgo(1 + n % 3);
            foreach (var c in k.Commitments)
            {
                var delivery = await DeliveryEdits.RecordAsync(db, unit, k.Id, c.Id,
                    new DeliveryInput(Display.Today(clock).AddDays(-_rng.Next(1, 15)), "已按拍卖会承诺完成共建任务，附现场照片和验收单。", 5000 + _rng.Next(0, 10) * 1000, "元", true), [], clock, ct);
                await DeliveryEdits.AnswerAsync(db, street, k.Id, delivery.Id, true, "已核实。", clock, ct);
                db.ChangeTracker.Clear();
            }
            await ContractEdits.EndAsync(db, street, k.Id, ContractStatus.Completed, "承诺全部兑现", Now, ct);
            await ContractEdits.EvaluateAsync(db, street, k.Id, null, 3 + _rng.Next(0, 3), "按时保质完成，群众满意。", clock, ct);
            await ContractEdits.EvaluateAsync(db, unit, k.Id, null, 5, "街道协调有力。", clock, ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task JishanAsync(Func<string, Caller> As, CancellationToken ct)
    {
        var community = As("community.jishan");
        var drainage = As("unit.drainage");
        var housing = As("dept.housing");
        var today = Display.Today(clock);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Title == "蕺山社区雨污分流改造工程", ct);
        var start = today.AddDays(-300);
        DaysAgo(305);
        var k = await ContractEdits.CreateAsync(db, community, new ContractInput(drainage.UnitId, null, "蕺山社区雨污分流改造共建协议", start, today.AddDays(65),
        [
            new(null, "完成蕺山社区雨污分流管网改造施工（约 1.2 公里）", today.AddDays(-40), ContractSide.Unit, CommitmentLink.Project, project.Id),
            new(null, "每季度开展一次社区排水管网巡检并通报结果", today.AddDays(-20), ContractSide.Unit, null, null),
            new(null, "协调居民、提供施工场地与临时停车安排", today.AddDays(-200), ContractSide.Party, null, null),
            new(null, "组织居民代表参与竣工验收并开展满意度评价", today.AddDays(30), ContractSide.Party, null, null),
        ], project.Id), Now, ct);
        await ContractEdits.SignAsync(db, community, k.Id, await ContractEdits.TagAsync(db, k.Id, ct), null, "陈丽华", Now, ct);
        await ContractEdits.SignAsync(db, drainage, k.Id, await ContractEdits.TagAsync(db, k.Id, ct), null, "李明", Now, ct);
        db.ChangeTracker.Clear();
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.ContractId == k.Id).OrderBy(c => c.Id).ToListAsync(ct);
        DaysAgo(44);
        var built = await DeliveryEdits.RecordAsync(db, drainage, k.Id, commitments[0].Id,
            new DeliveryInput(today.AddDays(-45), "雨污分流管网改造完工，新建污水管 1.2 公里、雨水管 0.9 公里，经闭水试验合格。", 3_200_000, "元", true), [], clock, ct);
        await DeliveryEdits.AnswerAsync(db, community, k.Id, built.Id, true, "居民代表参与验收，雨天无积水。", clock, ct);
        DaysAgo(209);
        var site = await DeliveryEdits.RecordAsync(db, community, k.Id, commitments[2].Id,
            new DeliveryInput(today.AddDays(-210), "召开居民协调会 3 次，腾出临时停车位 40 个。", 12, "小时", true), [], clock, ct);
        await DeliveryEdits.AnswerAsync(db, drainage, k.Id, site.Id, true, null, clock, ct);
        db.ChangeTracker.Clear();

        DaysAgo(290);
        await ProjectEdits.AddParticipantAsync(db, community, project.Id, new ParticipantInput(null, drainage.UnitId, ParticipantRole.Partner, "设计施工、管网改造"), Now, ct);
        await ProjectEdits.AddParticipantAsync(db, community, project.Id, new ParticipantInput(null, housing.UnitId, ParticipantRole.Funder, "立项审批、专项资金、质量监督"), Now, ct);
        foreach (var (title, days) in new[] { ("入户调查与方案公示", -260), ("管网施工", -120), ("闭水试验与竣工验收", -45) })
        {
            DaysAgo(290);
            var p = await ProjectEdits.AddMilestoneAsync(db, community, project.Id, new MilestoneInput(title, today.AddDays(days)), Now, ct);
            DaysAgo(-days);
            await ProjectEdits.CompleteMilestoneAsync(db, community, project.Id, p.Milestones.Single(m => m.Title == title).Id, clock, ct);
            db.ChangeTracker.Clear();
        }
        DaysAgo(280);
        await ProjectEdits.AddBudgetAsync(db, community, project.Id, new BudgetInput(BudgetSource.Department, "区住房和城乡建设局", 2_400_000), Now, ct);
        await ProjectEdits.AddBudgetAsync(db, community, project.Id, new BudgetInput(BudgetSource.Unit, "绍兴市城市排水有限公司", 800_000), Now, ct);
        await ProjectEdits.AddBudgetAsync(db, community, project.Id, new BudgetInput(BudgetSource.Community, "蕺山社区", 20_000), Now, ct);
        DaysAgo(43);
        await ProjectEdits.ProgressAsync(db, community, project.Id, new ProgressInput(100, "竣工"), Now, ct);
        await ProjectEdits.AcceptAsync(db, community, project.Id, new AcceptInput("居民代表 15 人参与验收，雨天不再漫溢。"), Now, ct);
        for (var i = 1; i <= 5; i++)
        {
            DaysAgo(40 - i * 3);
            await ProjectEdits.RateAsync(db, new Caller($"resident.jishan.{i}", Roles.Resident, community.DistrictId, null, null, null, null), project.Id,
                new RatingInput(i == 3 ? 4 : 5, i == 1 ? "下雨再也不怕了" : null), Now, ct);
        }
        DaysAgo(0);
        db.ChangeTracker.Clear();

        // Every other project lists its lead as a participant.
        var leads = await db.Projects.AsNoTracking().Where(p => !db.ProjectParticipants.Any(x => x.ProjectId == p.Id)).Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var p in leads)
        {
            var lead = new ProjectParticipant(p.OrgUnitId, null, ParticipantRole.Lead, "牵头组织实施");
            db.ProjectParticipants.Add(lead);
            db.Entry(lead).Property(x => x.ProjectId).CurrentValue = p.Id;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task AddPersonalContractsAsync(int? demoMember, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var year = today.Year;
        var now = Now;
        var registrations = await db.MemberRegistrations.AsNoTracking().OrderBy(r => r.PartyMemberId)
            .Select(r => new { r.PartyMemberId, r.DistrictId, r.CommunityId, r.CommunityPath, Street = r.Community!.ParentId }).ToListAsync(ct);
        var services = (await db.ServiceItems.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Id).Select(s => new { s.Id, s.Title, s.CommunityId }).ToListAsync(ct))
            .ToLookup(s => s.CommunityId);
        var streets = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Street).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var campaigns = streets.ToDictionary(s => s.Id, s => new SigningCampaign(s, year, $"{s.Name}{year}年度“人人契约”签约", 50, DemoTime.Working(now.AddDays(-340), s.Id), "demo"));
        db.SigningCampaigns.AddRange(campaigns.Values);
        await db.SaveChangesAsync(ct);

        var contracts = new List<PersonalContract>();
        var index = 0;
        foreach (var r in registrations)
        {
            if (r.PartyMemberId == demoMember || index++ % 80 == 79) continue;
            var menu = services[r.CommunityId].ToList();
            if (menu.Count == 0) continue;
            var chosen = menu.OrderBy(_ => _rng.Next()).Take(1 + _rng.Next(0, Math.Min(3, menu.Count))).ToList();
            var hours = new[] { 20m, 30m, 40m, 50m, 50m, 60m }[_rng.Next(6)];
            var signedAt = DemoTime.Working(now.AddDays(-330 + _rng.Next(0, 60)), index);
            var hash = ContractVersion.Hash(ContractText.Personal(r.PartyMemberId, r.CommunityId, year, hours, chosen.Select(c => (c.Id, c.Title))));
            var c = new PersonalContract(r.DistrictId, r.PartyMemberId, r.CommunityId, r.CommunityPath, year, hours, campaigns.GetValueOrDefault(r.Street ?? 0)?.Id, hash, signedAt, "demo");
            c.Items.AddRange(chosen.Select(n => new PersonalContractItem(n.Id, n.Title)));
            contracts.Add(c);
        }
        foreach (var chunk in contracts.Chunk(500))
        {
            db.PersonalContracts.AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }
        var logs = new List<ServiceLog>();
        var whats = new[] { "社区助老陪诊", "周末课业辅导", "垃圾分类督导", "文明劝导志愿服务", "义诊咨询", "楼道环境整治", "反诈宣传进楼道", "独居老人探访" };
        foreach (var c in contracts)
        {
            var count = 1 + _rng.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                var on = today.AddDays(-1 - _rng.Next(0, Math.Max(1, today.DayOfYear - 2)));
                var created = DemoTime.Working(now.AddDays(on.DayNumber - today.DayNumber), logs.Count);
                var log = new ServiceLog(c, on, 1 + _rng.Next(0, 7) * 0.5m, whats[_rng.Next(whats.Length)], today, created);
                var confirmed = _rng.Next(10) < 8;
                if (confirmed) log.Answer(true, null, DemoTime.Working(created.AddDays(today.DayNumber - on.DayNumber > 3 ? 2 : 0), logs.Count + 7), "demo");
                logs.Add(log);
            }
        }
        foreach (var chunk in logs.Chunk(1000))
        {
            db.ServiceLogs.AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // HoursDone follows the confirmed logs; one statement instead of four thousand updates.
        await db.PersonalContracts.ExecuteUpdateAsync(s => s.SetProperty(p => p.HoursDone,
            p => db.ServiceLogs.Where(l => l.ContractId == p.Id && l.Status == ServiceLogStatus.Confirmed).Sum(l => (decimal?)l.Hours) ?? 0), ct);
        await AuditTrail.AppendAsync(db, contracts[0].DistrictId, "demo", now,
            contracts.Select(c => new AuditEvent(PersonalContractEdits.Entity, c.Id, "import", null, new { member = c.PartyMemberId, c.Year, hours = c.PledgedHours, hash = c.ContentHash })).ToList(), ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
    }
}
