using System.ComponentModel.DataAnnotations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

public sealed record OrgUnitItem(int Id, string Name, OrgLevel Level, int? ParentId, string Code);
public sealed record OrgTreeNode(int Id, string Name, OrgLevel Level, List<OrgTreeNode> Children);
public sealed record OrgUnitDetail(int Id, string Name, OrgLevel Level, string LevelName, int? ParentId, string? ParentName, string Code, string? Address,
    string? OfficePhone, int Households, int Children, int ResidentUnits, int PartyOrganizations, int RegisteredMembers, string? InternalNotes);
public sealed record CreateOrgUnit([property: Required] int ParentId, [property: Required, StringLength(64, MinimumLength = 1)] string Name);
public sealed record UpdateOrgUnit([property: Required, StringLength(64, MinimumLength = 1)] string Name, [property: StringLength(200)] string? Address,
    [property: StringLength(32)] string? OfficePhone, [property: Range(0, 1_000_000)] int Households, [property: StringLength(2000)] string? InternalNotes);

internal static class OrganizationsApi
{
    /// <summary>Reads of the hierarchy are the same for every caller: shared, up to 5 s old and never past a write on this node (ReadCaching).</summary>
    public const string PublicCache = "public-org";

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/org-units").WithTags("Organizations");
        api.MapGet("/", List).AllowAnonymous().CacheOutput(PublicCache);
        api.MapGet("/tree", Tree).AllowAnonymous().CacheOutput(PublicCache);
        api.MapGet("/{id:int}", Get).AllowAnonymous();
        api.MapPost("/", Create).RequireAuthorization(Policies.Staff);
        api.MapPut("/{id:int}", Update).RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Results<Ok<List<OrgUnitItem>>, ProblemHttpResult>> List(AppDbContext db, string? level, int? parentId, CancellationToken ct)
    {
        var query = db.OrgUnits.AsNoTracking();
        if (!string.IsNullOrEmpty(level))
        {
            if (!Enum.TryParse<OrgLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return TypedResults.Problem($"level 只能是 District、Street、Community 或 Grid，收到“{level}”。", statusCode: 400, title: "输入有误");
            query = query.Where(o => o.Level == parsed);
        }
        if (parentId is not null) query = query.Where(o => o.ParentId == parentId);
        return TypedResults.Ok(await query.OrderBy(o => o.Code).Select(o => new OrgUnitItem(o.Id, o.Name, o.Level, o.ParentId, o.Code)).ToListAsync(ct));
    }

    /// <summary>The whole hierarchy under a root in one query, assembled in memory.</summary>
    private static async Task<Ok<OrgTreeNode>> Tree(AppDbContext db, int? rootId, CancellationToken ct)
    {
        var root = rootId is null
            ? await db.OrgUnits.AsNoTracking().OrderBy(o => o.Level).FirstOrDefaultAsync(ct)
            : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == rootId, ct);
        if (root is null) throw new UnknownId("组织节点不存在。");
        return TypedResults.Ok(await OrgUnitEdits.LoadTreeAsync(db, root, ct));
    }

    private static async Task<OrgUnitDetail> Get(int id, AppDbContext db, Caller? caller, CancellationToken ct)
    {
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new UnknownId("组织节点不存在。");
        return await Detail(db, node, caller, ct);
    }

    public static async Task<OrgUnitDetail> Detail(AppDbContext db, OrgUnit node, Caller? caller, CancellationToken ct)
    {
        var parentName = node.ParentId is null ? null : await db.OrgUnits.Where(o => o.Id == node.ParentId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var children = await db.OrgUnits.CountAsync(o => o.ParentId == node.Id, ct);
        var units = node.Level switch
        {
            OrgLevel.District => await db.ResidentUnits.CountAsync(ct),
            OrgLevel.Street => await db.ResidentUnits.CountAsync(u => u.StreetId == node.Id, ct),
            _ => await db.ResidentUnits.CountAsync(u => u.CommunityId == node.Id, ct),
        };
        var party = await db.PartyOrganizations.CountAsync(p => (p.OrgUnit!.Path.CompareTo(node.Path) >= 0 && p.OrgUnit!.Path.CompareTo(PathRange.End(node.Path)) < 0), ct);
        var members = await db.MemberRegistrations.CountAsync(r => (r.CommunityPath.CompareTo(node.Path) >= 0 && r.CommunityPath.CompareTo(PathRange.End(node.Path)) < 0), ct);
        var notes = caller is not null && caller.Covers(node) ? node.InternalNotes : null;
        return new OrgUnitDetail(node.Id, node.Name, node.Level, OrgUnit.LevelName(node.Level), node.ParentId, parentName, node.Code, node.Address,
            node.OfficePhone, node.Households, children, units, party, members, notes);
    }

    private static async Task<Created<OrgUnitItem>> Create(CreateOrgUnit request, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var node = await OrgUnitEdits.AddChildAsync(db, caller, request.ParentId, request.Name, ct);
        return TypedResults.Created($"/api/v1/org-units/{node.Id}", new OrgUnitItem(node.Id, node.Name, node.Level, node.ParentId, node.Code));
    }

    private static async Task<Ok<OrgUnitDetail>> Update(int id, UpdateOrgUnit request, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var node = await OrgUnitEdits.UpdateAsync(db, caller, id, request, ct);
        return TypedResults.Ok(await Detail(db, node, caller, ct));
    }
}
