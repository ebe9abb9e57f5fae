using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

/// <summary>The rules of adding and editing org nodes, shared by the API and the org page so both refuse the same things.</summary>
internal static class OrgUnitEdits
{
    public static async Task<OrgUnit> AddChildAsync(AppDbContext db, Caller caller, int parentId, string name, CancellationToken ct)
    {
        var parent = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == parentId, ct) ?? throw new InvalidInput("parentId", "上级组织不存在。");
        caller.Require(parent);
        var trimmed = name?.Trim() ?? "";
        // Two people adding children at once may draw the same next code; the unique index refuses one,
        // which then draws again. A clash on the name itself is the user's to resolve.
        for (var attempt = 1; ; attempt++)
        {
            if (await db.OrgUnits.AnyAsync(o => o.ParentId == parent.Id && o.Name == trimmed, ct))
                throw new RuleViolation($"“{parent.Name}”下已有“{trimmed}”。");
            var codes = await db.OrgUnits.Where(o => o.ParentId == parent.Id).Select(o => o.Code).ToListAsync(ct);
            var next = codes.Count == 0 ? 1 : codes.Max(c => int.Parse(c[^3..])) + 1;
            var node = OrgUnit.NewChild(parent, trimmed, next);
            db.OrgUnits.Add(node);
            try
            {
                await db.SaveChangesAsync(ct);
                return node;
            }
            catch (DbUpdateException e) when (attempt < 5 && UniqueViolation.Is(e))
            {
                db.Entry(node).State = EntityState.Detached;
            }
        }
    }

    public static async Task<OrgUnit> UpdateAsync(AppDbContext db, Caller caller, int id, UpdateOrgUnit request, CancellationToken ct)
    {
        var node = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new UnknownId("组织节点不存在。");
        caller.Require(node);
        var name = request.Name?.Trim() ?? "";
        if (node.Name != name && await db.OrgUnits.AnyAsync(o => o.ParentId == node.ParentId && o.Name == name && o.Id != id, ct))
            throw new RuleViolation($"同级已有“{name}”。");
        node.Rename(name);
        node.UpdateDetails(request.Address, request.OfficePhone, request.Households, request.InternalNotes);
        await db.SaveChangesAsync(ct);
        return node;
    }

    /// <summary>The whole hierarchy under a root in one query, assembled in memory.</summary>
    public static async Task<OrgTreeNode> LoadTreeAsync(AppDbContext db, OrgUnit root, CancellationToken ct)
    {
        var rows = await db.OrgUnits.AsNoTracking().Where(o => (o.Path.CompareTo(root.Path) >= 0 && o.Path.CompareTo(PathRange.End(root.Path)) < 0)).OrderBy(o => o.Code)
            .Select(o => new { o.Id, o.Name, o.Level, o.ParentId }).ToListAsync(ct);
        var nodes = rows.ToDictionary(r => r.Id, r => new OrgTreeNode(r.Id, r.Name, r.Level, []));
        foreach (var r in rows)
            if (r.Id != root.Id && r.ParentId is { } p && nodes.TryGetValue(p, out var parent)) parent.Children.Add(nodes[r.Id]);
        return nodes[root.Id];
    }
}
