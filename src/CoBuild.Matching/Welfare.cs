using Google.OrTools.Graph;

namespace CoBuild.Matching;

/// <summary>
/// The welfare assignment: needs of each unit and units of each need (both in the holder's preference order), and
/// its total cost, the sum over pairs of both 0-based ranks.
/// </summary>
public sealed record WelfareResult(int[][] NeedsOfUnit, int[][] UnitsOfNeed, long TotalCost)
{
    public int Pairs => NeedsOfUnit.Sum(n => n.Length);

    /// <summary>The same pairs as a <see cref="MatchingResult"/>, so the stability check and costing of deferred acceptance apply.</summary>
    public MatchingResult Matching => new(NeedsOfUnit, UnitsOfNeed);
}

/// <summary>
/// The "welfare view" shown beside the stable matching: as many pairs as capacities and mutual acceptability allow,
/// and among those the one whose pairs sit highest in both lists. It may leave blocking pairs; that is the point of
/// showing it next to deferred acceptance.
/// </summary>
public static class Welfare
{
    public static WelfareResult Solve(MatchingInstance instance)
    {
        if (instance.Validate() is { } problem) throw new ArgumentException(problem, nameof(instance));
        var units = instance.Units;
        var needs = instance.Needs;
        var needRank = NeedRanks(instance);

        // Nodes: source 0, units 1..U, needs U+1..U+N, sink U+N+1.
        const int source = 0;
        var sink = units + needs + 1;
        var pairArcs = new List<(int Arc, int Unit, int Need, int Cost)>();
        using var flow = new MinCostFlow();
        for (var u = 0; u < units; u++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, 1 + u, instance.UnitCapacity[u], 0);
            var list = instance.UnitPreferences[u];
            for (var i = 0; i < list.Length; i++)
            {
                var n = list[i];
                if (!needRank.TryGetValue((n, u), out var r)) continue; // n does not accept u
                pairArcs.Add((flow.AddArcWithCapacityAndUnitCost(1 + u, 1 + units + n, 1, i + r), u, n, i + r));
            }
        }
        for (var n = 0; n < needs; n++) flow.AddArcWithCapacityAndUnitCost(1 + units + n, sink, instance.NeedCapacity[n], 0);
        flow.SetNodeSupply(source, instance.UnitCapacity.Sum(c => (long)c));
        flow.SetNodeSupply(sink, -instance.NeedCapacity.Sum(c => (long)c));

        // Max flow, then min cost among max flows: OR-Tools runs exactly that lexicographic order here, so no
        // "cost - BIG" constant has to be chosen, and costs stay small for its cost scaling (which multiplies
        // them by the node count). Supplies need not balance: the source offers every unit seat, the sink every need seat.
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException($"min-cost flow ended {status}");

        var needsOfUnit = new List<int>[units];
        for (var u = 0; u < units; u++) needsOfUnit[u] = [];
        var unitsOfNeed = new List<int>[needs];
        for (var n = 0; n < needs; n++) unitsOfNeed[n] = [];
        long total = 0;
        foreach (var (arc, u, n, cost) in pairArcs)
        {
            if (flow.Flow(arc) == 0) continue;
            needsOfUnit[u].Add(n); // arcs were added in the unit's order
            unitsOfNeed[n].Add(u);
            total += cost;
        }
        return new WelfareResult(
            [.. needsOfUnit.Select(l => l.ToArray())],
            [.. unitsOfNeed.Select((l, n) => l.OrderBy(u => needRank[(n, u)]).ToArray())],
            total);
    }

    /// <summary>The welfare cost of any matching (of deferred acceptance, say), so both can be shown side by side.</summary>
    public static long Cost(MatchingInstance instance, MatchingResult result)
    {
        long total = 0;
        for (var u = 0; u < instance.Units; u++)
            foreach (var n in result.NeedsOfUnit[u])
            {
                var a = Array.IndexOf(instance.UnitPreferences[u], n);
                var b = Array.IndexOf(instance.NeedPreferences[n], u);
                if (a < 0 || b < 0) throw new ArgumentException($"unit {u} and need {n} are paired but not mutually acceptable", nameof(result));
                total += a + b;
            }
        return total;
    }

    private static Dictionary<(int Need, int Unit), int> NeedRanks(MatchingInstance instance)
    {
        var rank = new Dictionary<(int, int), int>();
        for (var n = 0; n < instance.Needs; n++)
        {
            var list = instance.NeedPreferences[n];
            for (var i = 0; i < list.Length; i++) rank[(n, list[i])] = i;
        }
        return rank;
    }
}
