using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Menus;

public sealed record NeedItem(int Id, int OrgUnitId, string OrgUnit, string? GroupCode, string? Group, string Title, string Description,
    int Capacity, int Claimed, NeedStatus Status, string StatusName, DateTimeOffset CreatedAt);
public sealed record ResourceItem(int Id, ResourceKind Kind, string KindName, bool IsOffer, int? OwnerOrgUnitId, int? OwnerUnitId, string Owner,
    string GroupCode, string Group, string Title, string Description, int? SeatCapacity, int? Amount, int? Remaining, string? AmountUnit, bool Active);
public sealed record ProjectItem(int Id, int OrgUnitId, string OrgUnit, string Title, ProjectSource Source, ProjectStatus Status, string StatusName, int Progress, DateOnly StartsOn);
public sealed record MenuPage<T>(int Total, int Page, int PageSize, List<T> Items);

/// <summary>Filters of the menus: place (street or community, as a path range), category, keyword, availability.</summary>
public sealed record MenuFilter(int? Street = null, int? Community = null, string? Group = null, string? Q = null, string? Status = null, int? Page = null, int? PageSize = null)
{
    public int Size => Math.Clamp(PageSize ?? 50, 1, 200);
    public int Number => Math.Clamp(Page ?? 1, 1, 100_000);
    /// <summary>Keyword as typed, trimmed; a two-character word such as 养老 is a normal query (substring match, see docs/decisions.md).</summary>
    public string? Keyword => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()[..Math.Min(Q.Trim().Length, 40)];
}

internal static class MenuQueries
{
    public static async Task<string?> PlacePathAsync(AppDbContext db, MenuFilter f, CancellationToken ct)
    {
        var id = f.Community ?? f.Street;
        if (id is null) return null;
        var node = await db.OrgUnits.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Path, o.Level }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidInput(f.Community is null ? "street" : "community", "街道或社区不存在。");
        if (node.Level != (f.Community is null ? OrgLevel.Street : OrgLevel.Community))
            throw new InvalidInput(f.Community is null ? "street" : "community", f.Community is null ? "street 须为街道编号。" : "community 须为社区编号。");
        return node.Path;
    }

    /// <summary>Ids of the group, or of every group under a top category code.</summary>
    public static async Task<List<int>?> CategoryIdsAsync(AppDbContext db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var ids = await db.MenuCategories.AsNoTracking().Where(c => c.Code == code || c.Parent!.Code == code).Select(c => c.Id).ToListAsync(ct);
        return ids.Count > 0 ? ids : throw new InvalidInput("group", $"分类“{code}”不存在。");
    }

    public static async Task<IQueryable<Need>> NeedsAsync(AppDbContext db, MenuFilter f, CancellationToken ct)
    {
        var query = db.Needs.AsNoTracking();
        if (await PlacePathAsync(db, f, ct) is { } path) query = query.Under(n => n.Path, path);
        if (await CategoryIdsAsync(db, f.Group, ct) is { } groups) query = query.Where(n => n.CategoryId != null && groups.Contains(n.CategoryId.Value));
        if (f.Keyword is { } q) query = query.Where(n => n.Title.Contains(q) || n.Description.Contains(q));
        query = f.Status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => query,
            "open" => query.Where(n => n.Status == NeedStatus.Open && n.Claimed < n.Capacity),
            "full" => query.Where(n => n.Status == NeedStatus.Open && n.Claimed >= n.Capacity),
            "closed" => query.Where(n => n.Status == NeedStatus.Closed),
            _ => throw new InvalidInput("status", "status 只能是 open、full、closed 或 all。"),
        };
        return query;
    }

    public static IQueryable<NeedItem> Project(IQueryable<Need> query) => query.Select(n => new NeedItem(n.Id, n.OrgUnitId, n.OrgUnit!.Name,
        n.Category == null ? null : n.Category.Code, n.Category == null ? null : n.Category.Name, n.Title, n.Description, n.Capacity, n.Claimed, n.Status,
        Need.StatusName(n.Status, n.Claimed, n.Capacity), n.CreatedAt));

    /// <summary>Resources under the filter; <c>offers</c>: true for units' offers only, false for street and community resources only, null for both.</summary>
    public static async Task<IQueryable<Resource>> ResourcesAsync(AppDbContext db, MenuFilter f, bool? offers, ResourceKind? kind, CancellationToken ct)
    {
        var query = db.Resources.AsNoTracking();
        if (offers is { } o) query = o ? query.Where(r => r.OwnerUnitId != null) : query.Where(r => r.OwnerUnitId == null);
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (await PlacePathAsync(db, f, ct) is { } path) query = query.Under(r => r.Path, path);
        if (await CategoryIdsAsync(db, f.Group, ct) is { } groups) query = query.Where(r => groups.Contains(r.CategoryId));
        if (f.Keyword is { } q) query = query.Where(r => r.Title.Contains(q) || r.Description.Contains(q));
        query = f.Status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => query,
            "available" => query.Where(r => r.Active && (r.Remaining == null || r.Remaining > 0)),
            "used-up" => query.Where(r => r.Active && r.Remaining == 0),
            "withdrawn" => query.Where(r => !r.Active),
            _ => throw new InvalidInput("status", "status 只能是 available、used-up、withdrawn 或 all。"),
        };
        return query;
    }

    /// <remarks>The names come from the entity's helpers, which EF runs on the rows it reads (last projection).</remarks>
    public static IQueryable<ResourceItem> Project(IQueryable<Resource> query) => query.Select(r => new ResourceItem(r.Id, r.Kind, Resource.KindName(r.Kind),
        r.OwnerUnitId != null, r.OwnerOrgUnitId, r.OwnerUnitId, r.OwnerUnitId != null ? r.OwnerUnit!.Name : r.OwnerOrgUnit!.Name,
        r.Category!.Code, r.Category.Name, r.Title, r.Description, r.SeatCapacity, r.Amount, r.Remaining,
        r.Amount == null ? null : Resource.AmountUnit(r.Kind), r.Active));

    public static async Task<IQueryable<Project>> ProjectsAsync(AppDbContext db, MenuFilter f, CancellationToken ct)
    {
        var query = db.Projects.AsNoTracking();
        if (await PlacePathAsync(db, f, ct) is { } path) query = query.Under(p => p.Path, path);
        if (await CategoryIdsAsync(db, f.Group, ct) is { } groups) query = query.Where(p => p.CategoryId != null && groups.Contains(p.CategoryId.Value));
        if (f.Keyword is { } q) query = query.Where(p => p.Title.Contains(q) || p.Description.Contains(q));
        if (!string.IsNullOrWhiteSpace(f.Status))
            query = Enum.TryParse<ProjectStatus>(f.Status, true, out var s) ? query.Where(p => p.Status == s)
                : throw new InvalidInput("status", "status 只能是 Planned、InProgress 或 Completed。");
        return query;
    }

    public static IQueryable<ProjectItem> Project(IQueryable<Project> query) => query.Select(p => new ProjectItem(p.Id, p.OrgUnitId, p.OrgUnit!.Name, p.Title, p.Source, p.Status,
        Projects.Project.StatusName(p.Status), p.Progress, p.StartsOn));

    public static async Task<MenuPage<T>> PageAsync<T>(IQueryable<T> ordered, MenuFilter f, CancellationToken ct) =>
        new(await ordered.CountAsync(ct), f.Number, f.Size, await ordered.Skip((f.Number - 1) * f.Size).Take(f.Size).ToListAsync(ct));
}
