using System.ComponentModel.DataAnnotations;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Menus;

public sealed record CategoryNode(int Id, string Code, string Name, List<CategoryNode> Groups);
public sealed record CreateCategory(string? ParentCode, [property: Required] string Code, [property: Required] string Name, int SortOrder);
public sealed record CreateNeed([property: Required] string Title, string? Description, string? GroupCode, int Capacity = 1, int? OrgUnitId = null);
public sealed record CreateResource([property: Required] ResourceKind Kind, [property: Required] string Title, string? Description,
    [property: Required] string GroupCode, int? Amount, int? RoomId, int? OrgUnitId);
public sealed record ClaimRequest([property: StringLength(500)] string? Note);
public sealed record OrderRequest([property: StringLength(500)] string? Note, int? Amount, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, int? OrgUnitId);

/// <summary>
/// The three lists. Reading them is public: a menu is published so that the other side can choose from it.
/// Writing is by the owner's scope; claims by units, orders by communities and streets.
/// </summary>
internal static class MenusApi
{
    public static IEndpointRouteBuilder MapMenus(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Menus");
        api.MapGet("/menu-categories", Categories).AllowAnonymous();
        api.MapPost("/menu-categories", CreateCategoryAsync).RequireAuthorization(Policies.DistrictAdmin);

        api.MapGet("/needs", async (AppDbContext db, [AsParameters] MenuFilter f, CancellationToken ct) =>
            TypedResults.Ok(await MenuQueries.PageAsync(MenuQueries.Project((await MenuQueries.NeedsAsync(db, f, ct)).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)), f, ct))).AllowAnonymous().CacheOutput(OrganizationsApi.PublicCache);
        api.MapGet("/needs/{id:int}", async Task<Results<Ok<NeedItem>, NotFound>> (int id, AppDbContext db, CancellationToken ct) =>
            await MenuQueries.Project(db.Needs.Where(n => n.Id == id)).FirstOrDefaultAsync(ct) is { } n ? TypedResults.Ok(n) : TypedResults.NotFound()).AllowAnonymous();
        api.MapPost("/needs", CreateNeedAsync).RequireAuthorization(Policies.Staff);
        api.MapPost("/needs/{id:int}/close", CloseNeedAsync).RequireAuthorization(Policies.Staff);
        api.MapPost("/needs/{id:int}/claims", async (int id, ClaimRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var order = await OrderEdits.ClaimAsync(db, caller, id, request.Note, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/orders/{order.Id}", await OrderQueries.ItemAsync(db, order.Id, ct));
        }).RequireAuthorization(Policies.PartnerUnit);

        MapResourceList(api, "/resources", offers: false);
        MapResourceList(api, "/offers", offers: true);
        api.MapPost("/resources", CreateResourceAsync).RequireAuthorization(Policies.Staff);
        api.MapPost("/offers", CreateOfferAsync).RequireAuthorization(Policies.PartnerUnit);

        api.MapGet("/projects", async (AppDbContext db, [AsParameters] MenuFilter f, CancellationToken ct) =>
            TypedResults.Ok(await MenuQueries.PageAsync(MenuQueries.Project((await MenuQueries.ProjectsAsync(db, f, ct)).OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id)), f, ct))).AllowAnonymous().CacheOutput(OrganizationsApi.PublicCache);
        return app;
    }

    private static void MapResourceList(RouteGroupBuilder api, string prefix, bool offers)
    {
        api.MapGet(prefix, async (AppDbContext db, [AsParameters] MenuFilter f, ResourceKind? kind, CancellationToken ct) =>
            TypedResults.Ok(await MenuQueries.PageAsync(MenuQueries.Project((await MenuQueries.ResourcesAsync(db, f, offers, kind, ct)).OrderBy(r => r.Category!.Code).ThenBy(r => r.Id)), f, ct))).AllowAnonymous().CacheOutput(OrganizationsApi.PublicCache);
        api.MapGet(prefix + "/{id:int}", async Task<Results<Ok<ResourceItem>, NotFound>> (int id, AppDbContext db, CancellationToken ct) =>
            await MenuQueries.Project(db.Resources.Where(r => r.Id == id && (r.OwnerUnitId != null) == offers)).FirstOrDefaultAsync(ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound()).AllowAnonymous();
        api.MapPost(prefix + "/{id:int}/withdraw", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            await MenuEdits.WithdrawAsync(db, caller, id, offers, ct);
            return TypedResults.Ok(await MenuQueries.Project(db.Resources.Where(r => r.Id == id)).SingleAsync(ct));
        }).RequireAuthorization(offers ? Policies.PartnerUnit : Policies.Staff);
        api.MapPost(prefix + "/{id:int}/orders", async (int id, OrderRequest request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            if (!await db.Resources.AnyAsync(r => r.Id == id && (r.OwnerUnitId != null) == offers, ct)) throw new UnknownId(offers ? "服务项目不存在。" : "资源不存在。");
            var order = await OrderEdits.OrderAsync(db, caller, id, request.OrgUnitId, request.Note, request.Amount, request.SlotStart, request.SlotEnd, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/orders/{order.Id}", await OrderQueries.ItemAsync(db, order.Id, ct));
        }).RequireAuthorization(Policies.Staff);
    }

    public static async Task<List<CategoryNode>> CategoryTreeAsync(AppDbContext db, CancellationToken ct)
    {
        var all = await db.MenuCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        return all.Where(c => c.ParentId is null)
            .Select(c => new CategoryNode(c.Id, c.Code, c.Name, all.Where(g => g.ParentId == c.Id).Select(g => new CategoryNode(g.Id, g.Code, g.Name, [])).ToList())).ToList();
    }

    private static async Task<Ok<List<CategoryNode>>> Categories(AppDbContext db, CancellationToken ct) => TypedResults.Ok(await CategoryTreeAsync(db, ct));

    private static async Task<Created<CategoryNode>> CreateCategoryAsync(CreateCategory request, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var parent = request.ParentCode is { Length: > 0 } pc
            ? await db.MenuCategories.FirstOrDefaultAsync(c => c.DistrictId == caller.DistrictId && c.Code == pc, ct) ?? throw new InvalidInput("parentCode", $"上级分类“{pc}”不存在。")
            : null;
        var category = new MenuCategory(caller.DistrictId, parent, request.Code, request.Name, request.SortOrder);
        if (await db.MenuCategories.AnyAsync(c => c.DistrictId == caller.DistrictId && c.Code == category.Code, ct)) throw new RuleViolation($"分类编码“{category.Code}”已存在。");
        db.MenuCategories.Add(category);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/menu-categories/{category.Id}", new CategoryNode(category.Id, category.Code, category.Name, []));
    }

    public static async Task<MenuCategory?> GroupAsync(AppDbContext db, int districtId, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        return await db.MenuCategories.FirstOrDefaultAsync(c => c.DistrictId == districtId && c.Code == code.Trim(), ct) ?? throw new InvalidInput("groupCode", $"分类“{code}”不存在。");
    }

    private static async Task<Created<NeedItem>> CreateNeedAsync(CreateNeed request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var need = await MenuEdits.CreateNeedAsync(db, caller, request, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/needs/{need.Id}", await MenuQueries.Project(db.Needs.Where(n => n.Id == need.Id)).SingleAsync(ct));
    }

    private static async Task<Ok<NeedItem>> CloseNeedAsync(int id, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var need = await db.Needs.Include(n => n.OrgUnit).FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new UnknownId("需求不存在。");
        caller.Require(need.OrgUnit!);
        need.Close();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await MenuQueries.Project(db.Needs.Where(n => n.Id == id)).SingleAsync(ct));
    }

    private static async Task<Created<ResourceItem>> CreateResourceAsync(CreateResource request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var resource = await MenuEdits.CreateResourceAsync(db, caller, request, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/resources/{resource.Id}", await MenuQueries.Project(db.Resources.Where(r => r.Id == resource.Id)).SingleAsync(ct));
    }

    private static async Task<Created<ResourceItem>> CreateOfferAsync(CreateResource request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var offer = await MenuEdits.CreateOfferAsync(db, caller, request, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/offers/{offer.Id}", await MenuQueries.Project(db.Resources.Where(r => r.Id == offer.Id)).SingleAsync(ct));
    }
}
