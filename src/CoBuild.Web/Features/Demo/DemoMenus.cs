using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>
/// The three lists of the demo district: the category tree (4 categories, 15 groups), 236 street resources,
/// community needs, unit offers, 316 projects, and a few orders at every step of their life.
/// </summary>
internal sealed class DemoMenus(AppDbContext db, DateTimeOffset now)
{
    public const int StreetResources = 236;
    public const int ProjectCount = 316;
    private readonly Random _rng = new(236);

    private static readonly (string Code, string Name, (string Code, string Name)[] Groups)[] Tree =
    [
        ("A", "阵地资源", [("A01", "红立方场馆"), ("A02", "会议活动室"), ("A03", "文体场地"), ("A04", "教育实践基地")]),
        ("B", "资金资源", [("B01", "为民服务专项经费"), ("B02", "公益创投资金"), ("B03", "慈善帮扶基金")]),
        ("C", "设施设备", [("C01", "车辆运输"), ("C02", "医疗健康设备"), ("C03", "应急抢险设备"), ("C04", "文体器材")]),
        ("D", "人才服务", [("D01", "医疗健康服务"), ("D02", "法律咨询服务"), ("D03", "教育辅导服务"), ("D04", "为老助残服务")]),
    ];

    /// <summary>
    /// Per street: (group, kind, title, amount) of the street's own resources; Red Cube rooms come on top.
    /// 236 in all: the 42 Red Cube rooms and these 15 for each of the 13 streets, the last street one fewer.
    /// </summary>
    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] PerStreet =
    [
        ("A02", ResourceKind.Venue, "党群服务中心会议室", null), ("A02", ResourceKind.Venue, "街道文化站多功能厅", null),
        ("A03", ResourceKind.Venue, "街道全民健身广场", null), ("A04", ResourceKind.Venue, "青少年红色教育实践基地", null),
        ("B01", ResourceKind.Fund, "为民服务专项经费", 200000), ("B02", ResourceKind.Fund, "社区公益创投资金", 100000), ("B03", ResourceKind.Fund, "困难群众慈善帮扶基金", 50000),
        ("C01", ResourceKind.Equipment, "便民服务车", null), ("C02", ResourceKind.Equipment, "健康体检一体机", null),
        ("C03", ResourceKind.Equipment, "防汛排涝抽水泵", null), ("C04", ResourceKind.Equipment, "文艺演出音响设备", null),
        ("D01", ResourceKind.Service, "家庭医生签约服务团队", 300), ("D02", ResourceKind.Service, "律师进社区法律咨询", 200),
        ("D04", ResourceKind.Service, "居家养老服务志愿队", 500), ("D03", ResourceKind.Service, "四点半课堂辅导志愿者", 400),
    ];

    private static readonly (string Group, string Title, string Description)[] NeedTemplates =
    [
        ("D04", "老年食堂助餐服务", "辖区独居和高龄老人较多，需要助餐送餐和养老服务支持。"),
        ("C03", "雨污分流管网改造", "老旧小区雨天污水倒灌，需要排水专业单位共同改造。"),
        ("D03", "青少年暑期托管", "双职工家庭孩子暑期无人照看，需要场地和辅导老师。"),
        ("D01", "慢性病老人健康义诊", "高血压、糖尿病老人需要定期义诊和用药指导。"),
        ("A02", "居民议事活动场地", "居民议事会缺少固定场地，需要周边单位开放会议室。"),
        ("C01", "老旧小区电动车充电设施", "楼道充电隐患多，需要建设集中充电棚。"),
        ("D02", "邻里纠纷法律调解", "物业和邻里纠纷增多，需要律师定期坐班。"),
        ("B02", "微心愿认领资金", "困难家庭的小心愿需要爱心单位认领。"),
        ("A03", "口袋公园改造", "小区闲置空地需要改造为居民休闲场所。"),
        ("D04", "助残康复陪护", "残疾人家庭需要康复训练和陪护志愿者。"),
    ];

    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] HospitalOffers = [("D01", ResourceKind.Service, "专家义诊进社区", 120), ("C02", ResourceKind.Equipment, "流动体检车", null)];
    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] SchoolOffers = [("D03", ResourceKind.Service, "教师志愿辅导", 200), ("A03", ResourceKind.Venue, "学校操场周末开放", null)];
    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] UtilityOffers = [("C03", ResourceKind.Service, "管网检修技术服务", 150), ("C03", ResourceKind.Equipment, "管道疏通车", null)];
    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] EnterpriseOffers = [("B02", ResourceKind.Fund, "企业公益捐助资金", 30000), ("D04", ResourceKind.Service, "员工志愿服务队（养老陪护）", 100)];
    private static readonly (string Group, ResourceKind Kind, string Title, int? Amount)[] DepartmentOffers = [("D02", ResourceKind.Service, "政策法规宣讲", 60)];

    public async Task AddAsync(CancellationToken ct)
    {
        var district = await db.OrgUnits.SingleAsync(o => o.Level == OrgLevel.District, ct);
        var groups = await AddCategoriesAsync(district.DistrictId, ct);
        var streets = await db.OrgUnits.Where(o => o.Level == OrgLevel.Street).OrderBy(o => o.Code).ToListAsync(ct);
        var communities = await db.OrgUnits.Where(o => o.Level == OrgLevel.Community).OrderBy(o => o.Code).ToListAsync(ct);
        var units = await db.ResidentUnits.OrderBy(u => u.Id).ToListAsync(ct);
        var cubes = await db.Venues.Include(v => v.Rooms).Where(v => v.Kind == VenueKind.RedCube).ToListAsync(ct);

        var resources = new List<Resource>();
        foreach (var street in streets)
        {
            var cube = cubes.SingleOrDefault(c => c.OrgUnitId == street.Id);
            foreach (var room in cube?.Rooms ?? [])
                resources.Add(Resource.OfNode(street, groups["A01"], ResourceKind.Venue, $"{cube!.Name}·{room.Name}", $"可容纳 {room.Capacity} 人，{room.Facilities}。开放时间 {cube.OpenHours}。", null, room, At(300 - resources.Count, resources.Count)));
            var short_ = street.Name[..^2];
            foreach (var (group, kind, title, amount) in PerStreet.Take(streets.IndexOf(street) == streets.Count - 1 ? PerStreet.Length - 1 : PerStreet.Length))
                resources.Add(Resource.OfNode(street, groups[group], kind, $"{short_}{title}", $"{street.Name}统筹的{groups[group].Name}，社区可按需点单。", amount, null, At(300 - resources.Count, resources.Count)));
        }
        db.AddRange(resources);

        var offers = new List<Resource>();
        var places = communities.ToDictionary(c => c.Id, c => c.Path);
        foreach (var unit in units)
        {
            var templates = unit.Kind switch
            {
                UnitKind.Hospital => HospitalOffers,
                UnitKind.School => SchoolOffers,
                UnitKind.Utility => UtilityOffers,
                UnitKind.DistrictDepartment => DepartmentOffers,
                _ => EnterpriseOffers,
            };
            var place = unit.CommunityId is { } c ? places[c] : unit.StreetId is { } s ? streets.Single(x => x.Id == s).Path : district.Path;
            foreach (var (group, kind, title, amount) in templates.Take(1 + unit.Id % 2))
                offers.Add(Resource.OfUnit(unit, place, groups[group], kind, title, $"{unit.Name}面向社区提供{groups[group].Name}。", amount, At(20 + offers.Count % 320, offers.Count)));
        }
        db.AddRange(offers);

        var needs = new List<Need>();
        for (var k = 0; k < communities.Count; k++)
            for (var i = 0; i < 3 + k % 3; i++)
            {
                var (group, title, description) = NeedTemplates[(k + i * 3) % NeedTemplates.Length];
                needs.Add(new Need(communities[k], groups[group], title, description, 1 + (k + i) % 3, At((k * 3 + i) % 90, k * 5 + i), "demo"));
            }
        var jishan = communities.Single(c => c.Name == "蕺山社区");
        needs.Add(new Need(jishan, groups["C03"], "蕺山社区雨污分流改造", "每逢下雨污水漫溢，需要城市排水公司和区住建局共同实施雨污分流。", 2, At(10, 1), "demo"));
        needs.Add(new Need(jishan, groups["D04"], "蕺山社区养老服务站助餐", "社区养老服务站需要爱心企业提供助餐服务。", 3, At(3, 2), "demo"));
        db.AddRange(needs);
        await db.SaveChangesAsync(ct);

        AddProjects(streets, communities, groups);
        AddOrders(streets, communities, units, needs, resources);
        db.ChangeTracker.DetectChanges(); // the loader turns automatic detection off; claims and amounts changed saved rows
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Office hours of the day <paramref name="daysBack"/> before the base, spread by <paramref name="k"/>.</summary>
    private DateTimeOffset At(int daysBack, int k) => DemoTime.Working(now.AddDays(-daysBack), k);

    private async Task<Dictionary<string, MenuCategory>> AddCategoriesAsync(int districtId, CancellationToken ct)
    {
        var all = new Dictionary<string, MenuCategory>();
        for (var i = 0; i < Tree.Length; i++)
        {
            var top = new MenuCategory(districtId, null, Tree[i].Code, Tree[i].Name, i);
            db.Add(top);
            await db.SaveChangesAsync(ct);
            all[top.Code] = top;
            for (var j = 0; j < Tree[i].Groups.Length; j++)
            {
                var g = new MenuCategory(districtId, top, Tree[i].Groups[j].Code, Tree[i].Groups[j].Name, j);
                db.Add(g);
                all[g.Code] = g;
            }
        }
        await db.SaveChangesAsync(ct);
        return all;
    }

    private void AddProjects(List<OrgUnit> streets, List<OrgUnit> communities, Dictionary<string, MenuCategory> groups)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var jishan = communities.Single(c => c.Name == "蕺山社区");
        var rain = new Project(jishan, groups["C03"].Id, "蕺山社区雨污分流改造工程", "社区党委联合绍兴市城市排水有限公司、区住房和城乡建设局实施雨污分流，解决逢雨必涝。",
            ProjectSource.Need, null, today.AddDays(-400), At(400, 0));
        rain.ReportProgress(100);
        db.Add(rain);
        for (var i = 1; i < ProjectCount; i++)
        {
            var lead = i % 8 == 0 ? streets[i % streets.Count] : communities[(i * 7) % communities.Count];
            var (group, title, _) = NeedTemplates[i % NeedTemplates.Length];
            var p = new Project(lead, groups[group].Id, $"{lead.Name}{title}项目", $"由{lead.Name}牵头，共建单位参与实施。",
                i % 5 == 0 ? ProjectSource.GovernmentTask : i % 7 == 0 ? ProjectSource.AuctionLot : ProjectSource.Need, null, today.AddDays(-(i * 3 % 700)), At(Math.Min(i * 3 % 700, 360), i));
            p.ReportProgress(i % 3 == 0 ? 100 : i % 3 == 1 ? 20 + _rng.Next(70) : 0);
            db.Add(p);
        }
    }

    /// <summary>A few orders at every step, so inboxes and order lists have something to show.</summary>
    private void AddOrders(List<OrgUnit> streets, List<OrgUnit> communities, List<ResidentUnit> units, List<Need> needs, List<Resource> resources)
    {
        var steps = new[] { OrderAction.Accept, OrderAction.Schedule, OrderAction.Deliver, OrderAction.Confirm };
        foreach (var street in streets)
        {
            var streetNeeds = needs.Where(n => n.Path.StartsWith(street.Path, StringComparison.Ordinal) && !n.Title.StartsWith("蕺山社区")).Take(6).ToList();
            var streetUnits = units.Where(u => u.StreetId == street.Id).ToList();
            for (var i = 0; i < streetNeeds.Count; i++)
            {
                var need = streetNeeds[i];
                var unit = streetUnits[(i * 5 + 3) % streetUnits.Count];
                // Steps are taken by people of the two sides (the unit claims, schedules and delivers; the community accepts and confirms).
                var unitPerson = $"{DemoPerson.ByNumber(i * 3 + street.Id)}（{unit.Name}）";
                var communityPerson = $"{DemoPerson.ByNumber(i * 5 + need.OrgUnitId)}（{communities.FirstOrDefault(c => c.Id == need.OrgUnitId)?.Name ?? street.Name}）";
                var order = new Order(OrderKind.Claim, need.DistrictId, need.OrgUnitId, need.Path, unit.Id, null, need.Id, null, need.Title, "我单位愿意承接。", null, null, null, At(20 - i, i), unitPerson);
                need.CountLoadedClaim();
                var serviceDay = DateOnly.FromDateTime(now.AddDays(3 + i).UtcDateTime);
                for (var s = 0; s < i % 5; s++)
                    order.Apply(steps[s], At(18 - i - s, i + s), steps[s] is OrderAction.Accept or OrderAction.Confirm ? communityPerson : unitPerson, null, serviceDay);
                db.Add(order);
            }
            var fund = resources.First(r => r.StreetId == street.Id && r.Kind == ResourceKind.Fund);
            var community = communities.First(c => c.ParentId == street.Id);
            fund.CountLoadedOrder(5000);
            db.Add(new Order(OrderKind.Order, street.DistrictId, community.Id, community.Path, null, street.Id, null, fund.Id, fund.Title,
                "用于困难家庭微心愿。", 5000, null, null, At(2, streets.IndexOf(street)), $"{DemoPerson.ByNumber(street.Id)}（{community.Name}）"));
        }
    }
}
