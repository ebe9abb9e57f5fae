using CoBuild.Matching;

namespace CoBuild.Web.Features.Selection;

/// <summary>
/// A round's rankings as the numbers the engine takes. A community that ranked nobody for a need accepts every
/// unit that chose it, in the round's declared tie rule: the order in which units joined the alliance.
/// </summary>
internal sealed record RoundInstance(int[] NeedIds, int[] UnitIds, MatchingInstance Instance, bool[] RankedByCommunity)
{
    public static RoundInstance Build(SelectionRound round, IReadOnlyList<RoundRanking> rankings)
    {
        var needIds = round.Needs.OrderBy(n => n.Id).Select(n => n.NeedId).ToArray();
        var unitIds = round.Units.OrderBy(u => u.Order).Select(u => u.ResidentUnitId).ToArray();
        var needIndex = needIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var unitIndex = unitIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var unitPrefs = unitIds.Select(u => rankings.Where(r => r.Side == RankSide.Unit && r.ResidentUnitId == u).OrderBy(r => r.Rank)
            .Select(r => needIndex[r.NeedId]).ToArray()).ToArray();
        var ranked = new bool[needIds.Length];
        var needPrefs = new int[needIds.Length][];
        for (var n = 0; n < needIds.Length; n++)
        {
            var own = rankings.Where(r => r.Side == RankSide.Need && r.NeedId == needIds[n]).OrderBy(r => r.Rank).Select(r => unitIndex[r.ResidentUnitId]).ToArray();
            ranked[n] = own.Length > 0;
            needPrefs[n] = ranked[n] ? own : Enumerable.Range(0, unitIds.Length).Where(u => unitPrefs[u].Contains(n)).ToArray();
        }
        var capacities = round.Needs.OrderBy(n => n.Id).Select(n => n.Capacity).ToArray();
        return new RoundInstance(needIds, unitIds,
            new MatchingInstance([.. Enumerable.Repeat(round.UnitCapacity, unitIds.Length)], capacities, unitPrefs, needPrefs), ranked);
    }

    /// <summary>
    /// Contested: more mutually acceptable candidates than places, and a close call: the community left the order to
    /// the tie rule, or a unit that missed it had it as its first choice. The street may send such a need to the auction.
    /// </summary>
    public bool IsContested(MatchingResult result, int n)
    {
        var candidates = Instance.NeedPreferences[n].Where(u => Instance.UnitPreferences[u].Contains(n)).ToList();
        if (candidates.Count <= Instance.NeedCapacity[n]) return false;
        return !RankedByCommunity[n] || candidates.Any(u => !result.UnitsOfNeed[n].Contains(u) && Instance.UnitPreferences[u][0] == n);
    }
}
