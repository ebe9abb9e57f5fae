using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// Loads the Yuecheng demo district into an empty database. Deterministic: the same seed gives the same
/// rows on every start, reproducing the figures of DOMAIN.md.
/// </summary>
internal sealed class DemoDistrict(AppDbContext db, PersonalDataProtector protector, IPasswordHasher<AppUser> hasher, TimeProvider clock, ILogger<DemoDistrict> log)
{
    public const int DistrictId = 1;
    public const string Password = "Demo@2018";
    public const int MemberCount = 4040;
    private readonly Random _rng = new(2018);

    /// <summary>Dates are relative to the day the demo is loaded, so "last 30 days" and "next meeting" have something to show.</summary>
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task LoadIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.OrgUnits.AnyAsync(ct))
        {
            // A demo database from before the menus were added gets them on its next start.
            if (!await db.MenuCategories.AnyAsync(ct) && await db.Users.AnyAsync(u => u.UserName == "street.fushan", ct))
            {
                await using var upgrade = await db.Database.BeginTransactionAsync(ct);
                await new DemoMenus(db, DemoTime.Base(clock)).AddAsync(ct);
                await upgrade.CommitAsync(ct);
            }
            await AddActivityAsync(ct);
            return;
        }
        var started = clock.GetTimestamp();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var district = OrgUnit.NewDistrict(DistrictId, DemoNames.District, DemoNames.DistrictCode);
        db.Add(district);
        await db.SaveChangesAsync(ct);

        var streets = new List<OrgUnit>();
        for (var i = 0; i < DemoNames.Streets.Length; i++)
        {
            var street = OrgUnit.NewChild(district, DemoNames.Streets[i].Name, i + 1);
            street.UpdateDetails($"绍兴市越城区{DemoNames.Streets[i].Name}便民服务中心", $"0575-85{100000 + i * 1111:000000}", 0, "街道内部工作备注");
            streets.Add(street);
        }
        db.AddRange(streets);
        await db.SaveChangesAsync(ct);

        var communities = new List<OrgUnit>();
        var words = new Queue<string>(DemoNames.CommunityWords);
        for (var s = 0; s < streets.Count; s++)
            for (var c = 0; c < DemoNames.Streets[s].Communities; c++)
            {
                var name = s == 0 ? DemoNames.FushanCommunities[c] : words.Dequeue() + "社区";
                var community = OrgUnit.NewChild(streets[s], name, c + 1);
                community.UpdateDetails($"{streets[s].Name}{name}居委会", $"0575-88{communities.Count * 37 % 1000000:000000}", 1800 + _rng.Next(3200), "社区内部备注：困难家庭走访记录在案");
                communities.Add(community);
            }
        db.AddRange(communities);
        await db.SaveChangesAsync(ct);

        // 101 communities + 351 grid branches = 452 community-level party organizations.
        var grids = new List<OrgUnit>();
        for (var k = 0; k < communities.Count; k++)
        {
            var count = k % 2 == 0 && k < 96 ? 4 : 3;
            for (var g = 1; g <= count; g++) grids.Add(OrgUnit.NewChild(communities[k], $"第{g}网格", g));
        }
        db.AddRange(grids);
        await db.SaveChangesAsync(ct);

        // Named as the register names them: 中共蕺山社区委员会 (党委), 中共X社区总支部委员会 (党总支); the street is added only
        // where two streets have a community of the same name.
        var shared = communities.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        string Place(OrgUnit c) => shared.Contains(c.Name) ? StreetOf(c, streets).Name + c.Name : c.Name;
        var communityParty = communities.Select(c => new PartyOrganization(DistrictId, $"中共{Place(c)}{(GridCount(c, grids) == 4 ? "委员会" : "总支部委员会")}",
            GridCount(c, grids) == 4 ? PartyOrgKind.Committee : PartyOrgKind.GeneralBranch, c.Id, null, null, DemoPerson.Name(_rng))).ToList();
        db.AddRange(communityParty);
        db.AddRange(streets.Select(st => new PartyOrganization(DistrictId, PartyNames.Derived(st.Name, OrgLevel.Street), PartyOrgKind.Committee, st.Id, null, null, DemoPerson.ByNumber(st.Id))));
        await db.SaveChangesAsync(ct);
        var partyOfCommunity = communityParty.ToDictionary(p => p.OrgUnitId!.Value);
        db.AddRange(grids.Select(g =>
        {
            var community = communities.First(c => c.Id == g.ParentId);
            return new PartyOrganization(DistrictId, $"{Place(community)}{g.Name}党支部", PartyOrgKind.Branch, g.Id, null, partyOfCommunity[community.Id].Id, DemoPerson.Name(_rng));
        }));

        var units = BuildUnits(streets, communities);
        db.AddRange(units);
        await db.SaveChangesAsync(ct);
        var unitParty = units.Select(u => new PartyOrganization(DistrictId, u.Name + (u.Kind == UnitKind.DistrictDepartment ? "机关党委" : "党支部"),
            u.Kind == UnitKind.DistrictDepartment ? PartyOrgKind.Committee : PartyOrgKind.Branch, null, u.Id, null, DemoPerson.Name(_rng))).ToList();
        db.AddRange(unitParty);

        AddVenues(streets, communities);
        var seats = AddCommitteeSeats(streets, communities, units);
        await db.SaveChangesAsync(ct);
        AddMeetings(streets, seats);

        var jishan = communities.Single(c => c.Name == "蕺山社区");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var demoMember = await AddMembersAsync(units, unitParty, communities, grids, jishan, ct);

        AddAccounts(district, streets, jishan, units, demoMember);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await new DemoMenus(db, DemoTime.Base(clock)).AddAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
        await AddActivityAsync(ct);
        log.LogInformation("Demo district loaded in {Ms} ms", clock.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>What happened after the lists were drawn up; each step adds itself only when missing, so an older demo database catches up.</summary>
    private async Task AddActivityAsync(CancellationToken ct)
    {
        var now = DemoTime.Base(clock);
        await DemoServiceMenu.AddIfMissingAsync(db, now, ct);
        await new DemoAuction(db, now).AddIfMissingAsync(ct);
        await new DemoContracts(db, new DemoClock(now)).AddIfMissingAsync(ct);
        await new DemoStreets(db, new DemoClock(now)).AddIfMissingAsync(ct);
        await new DemoInbox(db).AddIfMissingAsync(ct);
        await new DemoServiceDesk(db, now).AddIfMissingAsync(ct);
        await new DemoCertificates(db, new DemoClock(now)).AddIfMissingAsync(ct);
    }

    private static OrgUnit StreetOf(OrgUnit community, List<OrgUnit> streets) => streets.First(s => s.Id == community.ParentId);

    private static int GridCount(OrgUnit community, List<OrgUnit> grids) => grids.Count(g => g.ParentId == community.Id);

    private List<ResidentUnit> BuildUnits(List<OrgUnit> streets, List<OrgUnit> communities)
    {
        var units = new List<ResidentUnit>();
        for (var s = 0; s < streets.Count; s++)
        {
            var street = streets[s];
            var inStreet = communities.Where(c => c.ParentId == street.Id).ToList();
            var count = s == 0 ? 86 : 18 + (s * 7 % 13);
            var shortName = street.Name[..^2];
            for (var i = 0; i < count; i++)
            {
                var community = inStreet[i % inStreet.Count];
                string name;
                UnitKind kind;
                if (s == 0 && i < DemoNames.FushanFamousUnits.Length)
                {
                    name = DemoNames.FushanFamousUnits[i];
                    kind = name.Contains("医院") ? UnitKind.Hospital : name.Contains("中学") ? UnitKind.School
                        : name.Contains("排水") || name.Contains("供电") || name.Contains("水务") || name.Contains("燃气") ? UnitKind.Utility : UnitKind.Enterprise;
                }
                else
                {
                    var type = DemoNames.UnitTypes[i % DemoNames.UnitTypes.Length];
                    var round = i / DemoNames.UnitTypes.Length;
                    name = $"绍兴{shortName}{(round == 0 ? "" : DemoNames.CommunityWords[(i + s) % DemoNames.CommunityWords.Length])}{type.Suffix}";
                    kind = type.Kind;
                }
                units.Add(new ResidentUnit(DistrictId, name, kind, street.Id, community.Id, $"{street.Name}{community.Name}内", DemoPerson.Name(_rng), $"0575-8{_rng.Next(1000000, 9999999)}"));
            }
        }
        units.AddRange(DemoNames.Departments.Select(d => new ResidentUnit(DistrictId, d, UnitKind.DistrictDepartment, null, null, "绍兴市越城区行政中心", DemoPerson.Name(_rng), $"0575-8{_rng.Next(1000000, 9999999)}")));
        return units;
    }

    private void AddVenues(List<OrgUnit> streets, List<OrgUnit> communities)
    {
        for (var s = 0; s < streets.Count; s++)
        {
            if (!DemoNames.Streets[s].RedCube) continue;
            var cube = new Venue(streets[s], VenueKind.RedCube, $"{streets[s].Name[..^2]}红立方", $"{streets[s].Name}党群服务中心", "08:30-20:30");
            foreach (var (room, cap) in new[] { ("多功能报告厅", 200), ("党员活动室", 40), ("议事协商室", 20), ("共享书吧", 30), ("舞蹈排练厅", 50), ("儿童之家", 25) })
                cube.AddRoom(room, cap, "投影、音响");
            db.Add(cube);
        }
        // 79 of the 101 communities have a service centre; the spread is fixed by the stride.
        for (var k = 0; k < communities.Count; k++)
        {
            if (k * 7 % 101 >= 79) continue;
            var centre = new Venue(communities[k], VenueKind.ServiceCentre, $"{communities[k].Name}服务中心", communities[k].Address, "08:30-17:30");
            centre.AddRoom("社区客厅", 30, "前台一口受理");
            centre.AddRoom("居民议事厅", 24, "投影");
            centre.AddRoom("老年活动室", 40, null);
            db.Add(centre);
        }
    }

    private List<CommitteeSeat> AddCommitteeSeats(List<OrgUnit> streets, List<OrgUnit> communities, List<ResidentUnit> units)
    {
        var seats = new List<CommitteeSeat>();
        var termStart = new DateOnly(2024, 1, 1);
        var termEnd = new DateOnly(2028, 12, 31);
        foreach (var street in streets)
        {
            var streetUnits = units.Where(u => u.StreetId == street.Id).ToList();
            for (var i = 0; i < 8; i++)
                seats.Add(new CommitteeSeat(street, streetUnits[i].Id, DemoPerson.Name(_rng), i < 2 ? SeatPost.DeputySecretary : SeatPost.Member, termStart, termEnd));
        }
        // Every seventh community committee's term ends within a few months, so the workbench has renewals to show.
        var soon = Today.AddDays(45);
        for (var k = 0; k < communities.Count; k++)
        {
            var community = communities[k];
            var end = k % 7 == 0 ? soon.AddDays(k % 120) : termEnd;
            var local = units.Where(u => u.CommunityId == community.Id).Take(2).ToList();
            for (var i = 0; i < local.Count; i++)
                seats.Add(new CommitteeSeat(community, local[i].Id, DemoPerson.Name(_rng), i == 0 ? SeatPost.DeputySecretary : SeatPost.Member, termStart, end));
        }
        db.AddRange(seats);
        return seats;
    }

    private void AddMeetings(List<OrgUnit> streets, List<CommitteeSeat> seats)
    {
        foreach (var street in streets)
        {
            var streetSeats = seats.Where(s => s.OrgUnitId == street.Id).ToList();
            for (var q = 0; q < 2; q++)
            {
                // One meeting held last quarter, one scheduled in the coming weeks.
                var heldAt = new DateTimeOffset(Today.ToDateTime(new TimeOnly(6, 30)), TimeSpan.Zero).AddDays(q == 0 ? -75 : 20 + streets.IndexOf(street));
                var meeting = new CommitteeMeeting(street, $"{street.Name}大工委 {heldAt.Year} 年第{q + 1}次联席会议", heldAt, $"{street.Name}党群服务中心议事协商室",
                    "一、通报上季度共建项目进展；二、讨论社区需求清单；三、研究项目拍卖会筹备。");
                if (q == 0)
                {
                    meeting.RecordMinutes("与会委员围绕老旧小区改造、雨污分流、为老服务等议题提出意见，会议确定下一季度共建重点。");
                    for (var i = 0; i < streetSeats.Count; i++) meeting.MarkAttendance(streetSeats[i].Id, i % 5 != 0);
                }
                db.Add(meeting);
            }
        }
    }

    /// <summary>Saved in batches with a cleared tracker: one big graph makes EF's fix-up the slowest part of the start.</summary>
    private async Task<PartyMember> AddMembersAsync(List<ResidentUnit> units, List<PartyOrganization> unitParty, List<OrgUnit> communities, List<OrgUnit> grids, OrgUnit jishan, CancellationToken ct)
    {
        PartyMember? first = null;
        var batch = new List<PartyMember>(500);
        var partyOfUnit = unitParty.ToDictionary(p => p.ResidentUnitId!.Value);
        var gridsOf = grids.GroupBy(g => g.ParentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var today = Today;
        for (var i = 0; i < MemberCount; i++)
        {
            var unit = units[i % units.Count];
            var community = i == 0 ? jishan : communities[(i * 13 + _rng.Next(7)) % communities.Count];
            var name = i == 0 ? "王晓燕" : DemoPerson.Name(_rng);
            var idCard = DemoPerson.IdCard(i);
            var member = new PartyMember(DistrictId, name, protector.Protect(idCard), DemoPerson.Phone(i),
                DemoNames.Occupations[i % DemoNames.Occupations.Length], unit.Id, partyOfUnit[unit.Id].Id);
            var grid = gridsOf[community.Id][i % gridsOf[community.Id].Count];
            var skillA = DemoNames.Skills[i % DemoNames.Skills.Length];
            var skillB = DemoNames.Skills[(i / 3 + 4) % DemoNames.Skills.Length];
            if (skillB == skillA) skillB = DemoNames.Skills[(i + 1) % DemoNames.Skills.Length];
            member.ReportTo(community, grid.Id, $"{skillA}、{skillB}", skillA, today.AddDays(-(i % 700)));
            first ??= member;
            batch.Add(member);
            if (batch.Count == 500 || i == MemberCount - 1)
            {
                db.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }
        return first!;
    }

    private void AddAccounts(OrgUnit district, List<OrgUnit> streets, OrgUnit jishan, List<ResidentUnit> units, PartyMember demoMember)
    {
        // One hash for the shared demo password: hashing ninety times would slow every start for nothing.
        var hash = hasher.HashPassword(new AppUser(), Password);
        var fushan = streets.Single(s => s.Name == "府山街道");
        var dongpu = streets.Single(s => s.Name == "东浦街道");
        var accounts = new List<AppUser>
        {
            Account("district.admin", "越城区委组织部", Roles.DistrictAdmin, district),
            Account("street.fushan", "府山街道党工委", Roles.StreetAdmin, fushan),
            Account("street.dongpu", "东浦街道党工委", Roles.StreetAdmin, dongpu),
            Account("community.jishan", "蕺山社区 全科社工", Roles.CommunityCadre, jishan),
            Account("resident.demo", "蕺山社区居民 李阿姨", Roles.Resident, jishan),
            Account("desk.jishan", "蕺山社区客厅 前台受理员", Roles.CommunityCadre, jishan),
            Account("grid.jishan", "蕺山社区 网格员", Roles.CommunityCadre, jishan),
        };
        var drainage = units.Single(u => u.Name == "绍兴市城市排水有限公司");
        accounts.Add(Account("unit.drainage", drainage.Name + " 党支部", Roles.UnitRep, fushan, drainage.Id));
        var housing = units.Single(u => u.Name == "区住房和城乡建设局");
        accounts.Add(Account("dept.housing", housing.Name, Roles.Department, district, housing.Id));
        var member = Account("member.demo", "王晓燕（在职党员）", Roles.PartyMember, jishan);
        member.PartyMemberId = demoMember.Id;
        accounts.Add(member);
        var fushanUnits = units.Where(u => u.StreetId == fushan.Id && u.Id != drainage.Id).Take(80).ToList();
        for (var i = 0; i < fushanUnits.Count; i++)
            accounts.Add(Account($"unit.fushan.{i + 1:00}", fushanUnits[i].Name + " 代表", Roles.UnitRep, fushan, fushanUnits[i].Id));
        foreach (var a in accounts) a.PasswordHash = hash;
        db.Users.AddRange(accounts);
    }

    /// <summary>An account of <paramref name="role"/> over <paramref name="scope"/>, without a password (the test district builds its accounts with it too).</summary>
    internal static AppUser Account(string userName, string displayName, string role, OrgUnit scope, int? unitId = null) => new()
    {
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        DisplayName = displayName,
        Role = role,
        DistrictId = scope.DistrictId,
        ScopeOrgUnitId = scope.Id,
        ScopePath = scope.Path,
        UnitId = unitId,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
    };
}

internal static class DemoPerson
{
    /// <summary>A person's name picked by number, not by a seeded random source, so adding one moves no other demo row.</summary>
    public static string ByNumber(int n) =>
        DemoNames.Surnames[Math.Abs(n) % DemoNames.Surnames.Length] + DemoNames.GivenNames[Math.Abs(n * 7 + 3) % DemoNames.GivenNames.Length];

    public static string Name(Random rng) =>
        DemoNames.Surnames[rng.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[rng.Next(DemoNames.GivenNames.Length)];

    /// <summary>A valid GB 11643 number for 越城区 (330602); the stride makes every birth date, and so every number, distinct.</summary>
    public static string IdCard(int index)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(index * 97 % 14600);
        var first17 = $"330602{birth:yyyyMMdd}{index % 1000:000}";
        return first17 + Infrastructure.PersonalData.IdCardNumber.CheckChar(first17);
    }

    public static string Phone(int index) => $"13{8 + index % 2}{57500000 + index * 7:00000000}"[..11];
}
