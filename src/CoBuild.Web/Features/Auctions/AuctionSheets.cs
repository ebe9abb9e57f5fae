using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.Spreadsheets;

namespace CoBuild.Web.Features.Auctions;

using Row = Dictionary<string, object?>;

/// <summary>The ceremony as a workbook: results per lot, every paddle, and the moderator's log.</summary>
internal static class AuctionSheets
{
    public const string ContentType = Xlsx.ContentType;

    public static async Task<byte[]> WorkbookAsync(AppDbContext db, int auctionId, CancellationToken ct)
    {
        var state = await AuctionQueries.StateAsync(db, auctionId, default, ct);
        var results = state.Lots.Select(l => new Row
        {
            ["序号"] = l.Number, ["拍品"] = l.Title, ["可共建单位数"] = l.Capacity, ["方式"] = l.ModeName, ["名额规则"] = l.TieRuleName, ["举牌数"] = l.PaddleCount,
            ["状态"] = l.StatusName, ["获得共建权的单位"] = string.Join("、", l.Awards.Select(a => a.Unit)),
            ["承诺"] = l.Mode == LotMode.Pledge ? string.Join("、", l.Awards.Select(a => $"{a.Pledge:0.##}{l.PledgeUnitName}")) : "",
            ["协议编号"] = string.Join("、", l.Awards.Where(a => a.ContractId is not null).Select(a => Contracts.OrgContract.NumberOf(a.ContractId!.Value))), ["落槌时间"] = Local(l.ClosedAt),
        }).ToList();
        var numbers = state.Lots.ToDictionary(l => l.Id, l => l.Number);
        var titles = state.Lots.ToDictionary(l => l.Id, l => l.Title);
        var paddles = (await AuctionQueries.AllPaddlesAsync(db, auctionId, ct)).OrderBy(p => numbers[p.LotId]).ThenBy(p => p.FirstSeq).Select(p => new Row
        {
            ["拍品序号"] = numbers[p.LotId], ["拍品"] = titles[p.LotId], ["举牌顺序"] = p.FirstSeq, ["牌号"] = p.PaddleNo, ["单位"] = p.Unit,
            ["承诺"] = p.Pledge, ["承诺说明"] = p.PledgeNote, ["举牌时间"] = Local(p.RaisedAt),
        }).ToList();
        var log = (await AuctionQueries.EntriesAsync(db, auctionId, ct)).Select(e => new Row
        {
            ["时间"] = Local(e.At), ["拍品序号"] = e.LotId is { } l ? numbers.GetValueOrDefault(l) : null, ["操作"] = e.Action, ["内容"] = e.Detail, ["操作人"] = e.Actor,
        }).ToList();
        return Xlsx.Write(new Dictionary<string, object> { ["拍卖结果"] = results, ["举牌记录"] = paddles, ["操作记录"] = log });
    }

    private static string? Local(DateTimeOffset? t) => t?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss");
}
