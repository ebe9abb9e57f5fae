using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceMenu;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Demo;

/// <summary>Every community's service menu: 老人走访 and 作业辅导 everywhere, then 4 to 8 more, chosen by the community's place in the list.</summary>
internal static class DemoServiceMenu
{
    private static readonly (string Title, string Category, string Description)[] Services =
    [
        ("老人走访", "为老服务", "每月走访独居、高龄老人，陪聊、代购、排查安全隐患。"),
        ("作业辅导", "教育辅导", "周末和放学后为双职工家庭的孩子辅导作业。"),
        ("政策宣讲", "政策宣讲", "进楼道讲解医保、养老、惠民补贴等政策。"),
        ("义诊", "医疗健康", "测血压、血糖，慢病用药咨询。"),
        ("法律咨询", "法律服务", "婚姻家庭、物业纠纷、劳动争议等法律咨询。"),
        ("理发", "便民服务", "为行动不便的老人上门理发。"),
        ("家电维修", "便民服务", "小家电、水电线路的简单维修。"),
        ("心理疏导", "心理关爱", "为困难家庭、青少年提供心理陪伴与疏导。"),
        ("垃圾分类督导", "文明环境", "早晚投放时段在分类点督导、宣传。"),
        ("文明劝导", "文明环境", "在路口、小区劝导不文明停车和行为。"),
        ("反诈宣传", "政策宣讲", "讲解常见电信诈骗手法，帮老人装反诈软件。"),
        ("助餐送餐", "为老服务", "为高龄、失能老人送餐上门。"),
    ];

    public static async Task AddIfMissingAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ServiceItems.AnyAsync(ct)) return;
        var communities = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Community).OrderBy(o => o.Code).ThenBy(o => o.Id).ToListAsync(ct);
        if (communities.Count == 0) return;
        var items = new List<ServiceItem>();
        for (var k = 0; k < communities.Count; k++)
        {
            var count = 6 + k % 5;
            var picked = new[] { 0, 1 }.Concat(Enumerable.Range(0, Services.Length - 2).Select(i => 2 + (i + k) % (Services.Length - 2)).Take(count - 2));
            foreach (var i in picked)
                items.Add(new ServiceItem(communities[k], Services[i].Title, Services[i].Description, Services[i].Category, DemoTime.Working(now.AddDays(-200 - k), k * 13 + i)));
        }
        db.ServiceItems.AddRange(items);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
