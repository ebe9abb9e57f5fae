using CoBuild.Web.Components;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Exports;

using Row = Dictionary<string, object?>;

/// <summary>The contract ledgers as workbooks, under the same scope and filters as their list pages.</summary>
internal static class ContractSheets
{
    /// <summary>共建协议台账: one row per contract, and its live commitments on a second sheet.</summary>
    public static async Task<Dictionary<string, object>> OrgContractsAsync(AppDbContext db, Caller caller, ContractFilter f, CancellationToken ct)
    {
        var query = await ContractQueries.FilteredAsync(db, caller, f, ct);
        var contracts = (await ContractQueries.Rows(db, query).ToListAsync(ct)).Select(ContractQueries.Named).ToList();
        var commitments = await db.Commitments.AsNoTracking().Where(c => !c.Removed && query.Select(k => k.Id).Contains(c.ContractId))
            .OrderBy(c => c.ContractId).ThenBy(c => c.DueOn).ThenBy(c => c.Id).ToListAsync(ct);
        var numbers = contracts.ToDictionary(c => c.Id, c => c.Number);
        return new()
        {
            ["共建协议"] = contracts.Select(c => new Row
            {
                ["编号"] = c.Number, ["协议名称"] = c.Title, ["甲方"] = c.OrgUnit, ["甲方党组织"] = c.PartyA, ["乙方"] = c.Unit, ["乙方党组织"] = c.PartyB, ["起始日期"] = Date(c.StartsOn), ["截止日期"] = Date(c.EndsOn),
                ["状态"] = c.StatusName, ["现行版本"] = c.Version == 0 ? null : c.Version, ["待签版本"] = c.PendingVersion, ["逾期承诺"] = c.OverdueCount,
                ["更新时间"] = Display.Local(c.UpdatedAt),
            }).ToList(),
            // A contract that entered the filter between the two reads has no row above: its commitments wait for the next export.
            ["承诺事项"] = commitments.Where(c => numbers.ContainsKey(c.ContractId)).Select(c => new Row
            {
                ["协议编号"] = numbers[c.ContractId], ["承诺方"] = OrgContract.SideName(c.Side), ["承诺事项"] = c.Title, ["完成期限"] = Date(c.DueOn),
                ["完成日期"] = c.DoneOn is { } d ? Date(d) : null, ["逾期起"] = c.OverdueSince is { } o ? Date(o) : null,
            }).ToList(),
        };
    }

    /// <summary>人人契约名册: one row per member contract with the hours pledged and done.</summary>
    public static async Task<Dictionary<string, object>> PersonalContractsAsync(AppDbContext db, Caller caller, PersonalFilter f, CancellationToken ct) => new()
    {
        ["人人契约"] = (await PersonalQueries.Rows(await PersonalQueries.FilteredAsync(db, caller, f, ct)).ToListAsync(ct)).Select(p => new Row
        {
            ["党员"] = p.Member, ["职业"] = p.Occupation, ["社区"] = p.Community, ["年度"] = p.Year, ["承诺时长（小时）"] = p.PledgedHours,
            ["已完成（小时）"] = p.HoursDone, ["状态"] = PersonalContract.StatusName(p.Status), ["评定"] = p.Grade, ["签署时间"] = Display.Local(p.SignedAt),
        }).ToList(),
    };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");
}
