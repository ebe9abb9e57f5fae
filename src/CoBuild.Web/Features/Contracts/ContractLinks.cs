using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Contracts;

/// <summary>
/// What a contract may point at (its project, a commitment's need, order, lot or project): an item that exists in its
/// district and lies on its party's line, that is at or below the party's node, or at the street or district above it.
/// A 府山 contract never names a 东浦 project; an unknown id is a 400 naming the field, not a foreign-key failure.
/// </summary>
internal static class ContractLinks
{
    public static bool InScope(string partyPath, string itemPath) =>
        itemPath.StartsWith(partyPath, StringComparison.Ordinal) || partyPath.StartsWith(itemPath, StringComparison.Ordinal);

    public static async Task CheckProjectAsync(AppDbContext db, int districtId, string partyPath, string partyName, int? projectId, CancellationToken ct)
    {
        if (projectId is not { } id) return;
        var path = await PathAsync(db, districtId, CommitmentLink.Project, id, ct) ?? throw new InvalidInput("projectId", $"编号为 {id} 的项目不存在。");
        if (!InScope(partyPath, path)) throw new InvalidInput("projectId", $"所选项目不在“{partyName}”的范围内，协议只能关联本社区（街道）的项目。");
    }

    /// <summary>Checks the links a request brings in; <paramref name="links"/> are (item number, link, id) of new or redrafted commitments.</summary>
    public static async Task CheckCommitmentsAsync(AppDbContext db, int districtId, string partyPath, string partyName,
        IEnumerable<(int Number, CommitmentLink Link, int? Id)> links, CancellationToken ct)
    {
        foreach (var (number, link, linkId) in links)
        {
            if (link == CommitmentLink.None || linkId is not { } id || !Enum.IsDefined(link)) continue; // the shape is the commitment's own rule
            var path = await PathAsync(db, districtId, link, id, ct) ?? throw new InvalidInput("commitments", $"第 {number} 项承诺关联的{Name(link)}（编号 {id}）不存在。");
            if (!InScope(partyPath, path)) throw new InvalidInput("commitments", $"第 {number} 项承诺关联的{Name(link)}不在“{partyName}”的范围内。");
        }
    }

    /// <summary>What a link points at, as people name it: "拍品 第 3 号“雨污分流改造”", "需求“蕺山社区养老服务站助餐”" (never a bare row id).</summary>
    public static async Task<Dictionary<(CommitmentLink, int), string>> TitlesAsync(AppDbContext db, IEnumerable<(CommitmentLink Link, int? Id)> links, CancellationToken ct)
    {
        var wanted = links.Where(l => l.Link != CommitmentLink.None && l.Id is not null).Select(l => (l.Link, Id: l.Id!.Value)).Distinct().ToList();
        var result = new Dictionary<(CommitmentLink, int), string>();
        foreach (var group in wanted.GroupBy(l => l.Link))
        {
            var ids = group.Select(g => g.Id).ToList();
            var titles = group.Key switch
            {
                CommitmentLink.Project => await db.Projects.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Text = x.Title }).ToListAsync(ct),
                CommitmentLink.Need => await db.Needs.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Text = x.Title }).ToListAsync(ct),
                CommitmentLink.Order => await db.Orders.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Text = x.Title }).ToListAsync(ct),
                _ => await db.Lots.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Text = "第 " + x.Number + " 号“" + x.Title + "”" }).ToListAsync(ct),
            };
            foreach (var t in titles)
                result[(group.Key, t.Id)] = group.Key == CommitmentLink.AuctionLot ? $"拍品 {t.Text}" : $"{Name(group.Key)}“{t.Text}”";
        }
        return result;
    }

    public static async Task<string?> TitleAsync(AppDbContext db, CommitmentLink link, int? id, CancellationToken ct) =>
        id is { } i && (await TitlesAsync(db, [(link, i)], ct)).TryGetValue((link, i), out var t) ? t : null;

    private static string Name(CommitmentLink link) => link switch
    {
        CommitmentLink.Need => "需求", CommitmentLink.Order => "订单", CommitmentLink.AuctionLot => "拍品", _ => "项目",
    };

    private static Task<string?> PathAsync(AppDbContext db, int districtId, CommitmentLink link, int id, CancellationToken ct) => link switch
    {
        CommitmentLink.Project => db.Projects.Where(x => x.Id == id && x.DistrictId == districtId).Select(x => x.Path).FirstOrDefaultAsync(ct),
        CommitmentLink.Need => db.Needs.Where(x => x.Id == id && x.DistrictId == districtId).Select(x => x.Path).FirstOrDefaultAsync(ct),
        CommitmentLink.Order => db.Orders.Where(x => x.Id == id && x.DistrictId == districtId).Select(x => x.BeneficiaryPath).FirstOrDefaultAsync(ct),
        CommitmentLink.AuctionLot => db.Lots.Where(x => x.Id == id).Join(db.Auctions, l => l.AuctionId, a => a.Id, (l, a) => a)
            .Where(a => a.DistrictId == districtId).Select(a => a.Path).FirstOrDefaultAsync(ct),
        _ => Task.FromResult<string?>(null),
    };
}
