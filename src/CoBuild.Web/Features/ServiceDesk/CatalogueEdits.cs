using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record CategoryInput(string Code, string Name, string Group, string HandlerRole, int AcceptDays = ServiceCategory.DefaultAcceptDays,
    int HandleDays = ServiceCategory.DefaultHandleDays, int UrgentAcceptHours = 2, int UrgentHandleHours = 24, IReadOnlyList<CategoryField>? Fields = null,
    string? Description = null, string? Keywords = null);

public sealed record CatalogueInput(int CommunityId, IReadOnlyList<CategoryInput> Categories);

public sealed record CatalogueView(int CommunityId, string CommunityName, int Version, DateTimeOffset PublishedAt, IReadOnlyList<CategoryView> Categories);

public sealed record CategoryView(string Code, string Name, string Group, string HandlerRole, int AcceptDays, int HandleDays, int UrgentAcceptHours,
    int UrgentHandleHours, string? Description, string? Keywords, IReadOnlyList<CategoryField> Fields);

internal static class CatalogueEdits
{
    public static async Task<CatalogueView> CurrentAsync(AppDbContext db, int? communityId, Caller caller, CancellationToken ct)
    {
        var id = communityId ?? caller.ScopeOrgUnitId ?? throw new InvalidInput("community", "请指定社区。");
        var community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Level == OrgLevel.Community, ct)
            ?? throw new UnknownId("社区不存在。");
        var c = await TicketEdits.CurrentCatalogueAsync(db, id, ct) ?? throw new UnknownId($"{community.Name}尚未发布服务目录。");
        return View(c, community.Name);
    }

    public static CatalogueView View(ServiceCatalogue c, string communityName) => new(c.CommunityId, communityName, c.Version, c.PublishedAt,
        [.. c.Categories.Where(x => x.Active).OrderBy(x => x.Order).Select(x => new CategoryView(x.Code, x.Name, x.Group, x.HandlerRole, x.AcceptDays, x.HandleDays,
            x.UrgentAcceptHours, x.UrgentHandleHours, x.Description, x.Keywords, x.Fields))]);

    /// <summary>Publishes a new version; the one before stays for the requests filed under it. Parallel publications meet at the unique version number.</summary>
    public static async Task<ServiceCatalogue> PublishAsync(AppDbContext db, Caller? caller, CatalogueInput input, DateTimeOffset now, CancellationToken ct, string? actor = null)
    {
        var community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.CommunityId, ct) ?? throw new InvalidInput("communityId", "社区不存在。");
        caller?.Require(community);
        if (input.Categories is not { Count: > 0 and <= 60 }) throw new InvalidInput("categories", "服务目录须有 1–60 个事项类别。");
        var categories = input.Categories.Select((c, i) => new ServiceCategory(c.Code, c.Name, c.Group, c.HandlerRole, i + 1, c.AcceptDays, c.HandleDays,
            c.UrgentAcceptHours, c.UrgentHandleHours, c.Fields, c.Description, c.Keywords)).ToList();
        var current = await db.ServiceCatalogues.Where(c => c.CommunityId == community.Id && c.IsCurrent).FirstOrDefaultAsync(ct);
        var catalogue = new ServiceCatalogue(community, (current?.Version ?? 0) + 1, categories, now, actor ?? caller!.UserName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        current?.Retire();
        db.ServiceCatalogues.Add(catalogue);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, community.DistrictId, catalogue.PublishedBy, now, new AuditEvent("service-catalogue", catalogue.Id, "publish",
            current is null ? null : new { current.Version }, new { catalogue.Version, codes = categories.Select(c => c.Code) }), ct);
        await tx.CommitAsync(ct);
        return catalogue;
    }

    /// <summary>The categories a community starts with (data the community then edits): the lines of work named in the district's practice.</summary>
    public static IReadOnlyList<CategoryInput> Standard { get; } =
    [
        new("civil-affairs", "民政", "民政", "民政专干", Keywords: "低保,救助,补贴"),
        new("elderly-care", "养老", "民政", "民政专干", Keywords: "助餐,居家养老,高龄津贴"),
        new("certificate", "证明", "便民服务", "前台受理员", AcceptDays: 1, HandleDays: 3, Fields:
            [new(TicketEdits.CertificateField, "证明名称", FieldType.String, true, 1, "须在区证明事项清单内，如：居住证明"),
                new("purpose", "证明用途", FieldType.String, true, 2)]),
        new("mediation", "矛盾调解", "综治", "调解员", Keywords: "邻里纠纷,噪音"),
        new("safety-hazard", "安全隐患", "综治", "网格员", AcceptDays: 1, HandleDays: 5, UrgentAcceptHours: 1, UrgentHandleHours: 12,
            Fields: [new("hazard", "隐患类型", FieldType.Singlevaluelist, true, 1, null,
                [new("fire", "消防通道堵塞"), new("gas", "燃气"), new("electric", "电动车违规充电"), new("structure", "房屋结构"), new("other", "其他")])]),
        new("sanitation", "环境卫生", "便民服务", "网格员", Keywords: "垃圾,清扫,堆物"),
        new("illegal-building", "违章搭建", "综合执法", "网格员"),
        new("facility-repair", "设施报修", "便民服务", "物业联络员", Keywords: "下水道,路灯,漏水,电梯", Fields:
            [new("building", "楼栋号", FieldType.String, false, 1), new("facility", "设施", FieldType.Singlevaluelist, true, 2, null,
                [new("drain", "下水道"), new("light", "路灯"), new("water", "供水"), new("lift", "电梯"), new("road", "道路"), new("other", "其他")])]),
        new("policy", "政策咨询", "便民服务", "前台受理员", AcceptDays: 1, HandleDays: 2),
    ];
}
