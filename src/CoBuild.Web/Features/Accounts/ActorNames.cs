using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Accounts;

/// <summary>
/// Who did something, as people read it: "王晓燕（蕺山社区）", "平台（自动）". Records keep the login name (what the
/// audit chain hashes); pages and the API show this instead, since a login name means nothing to the other side.
/// </summary>
internal static class ActorNames
{
    public const string Platform = "平台（自动）";
    public const string DemoImport = "平台（演示数据导入）";

    /// <summary>The display form of each actor; names that are not accounts (already written for people) stay as they are.</summary>
    public static async Task<Dictionary<string, string>> ResolveAsync(AppDbContext db, IEnumerable<string> actors, CancellationToken ct)
    {
        var names = actors.Where(a => a.Length > 0).Distinct().ToList();
        var logins = names.Where(n => !IsSystem(n)).ToList();
        var users = logins.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!)).Select(u => new
        {
            u.UserName, u.DisplayName,
            Org = u.UnitId != null ? db.ResidentUnits.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault()
                : db.OrgUnits.Where(x => x.Id == u.ScopeOrgUnitId).Select(x => x.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var known = users.ToDictionary(u => u.UserName!, u => Format(u.DisplayName, u.Org), StringComparer.Ordinal);
        return names.ToDictionary(n => n, n => IsSystem(n) ? SystemName(n) : known.GetValueOrDefault(n) ?? n, StringComparer.Ordinal);
    }

    public static async Task<string> ResolveAsync(AppDbContext db, string actor, CancellationToken ct) =>
        (await ResolveAsync(db, [actor], ct)).GetValueOrDefault(actor) ?? actor;

    /// <summary>"王晓燕（在职党员）" of 蕺山社区 reads "王晓燕（蕺山社区）"; a name that already says its organization stays.</summary>
    public static string Format(string displayName, string? organization)
    {
        var name = displayName.Trim();
        var paren = name.IndexOf('（');
        if (paren > 0 && name.EndsWith('）')) name = name[..paren].Trim();
        if (name.Length == 0) name = organization ?? "";
        if (organization is not { Length: > 0 } org || name.Contains(org, StringComparison.Ordinal)) return name;
        return $"{name}（{org}）";
    }

    private static bool IsSystem(string actor) => actor.StartsWith("system", StringComparison.Ordinal) || actor == "demo";

    private static string SystemName(string actor) => actor == "demo" ? DemoImport : Platform;
}
