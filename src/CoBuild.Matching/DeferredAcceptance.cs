namespace CoBuild.Matching;

public enum MissReason { Matched, NotListedByOtherSide, FullWithPreferred, OwnCapacityFilled }

/// <summary>The matching: needs of each unit and units of each need, both in preference order of their holder.</summary>
public sealed record MatchingResult(int[][] NeedsOfUnit, int[][] UnitsOfNeed)
{
    public int Pairs => NeedsOfUnit.Sum(n => n.Length);
}

/// <summary>
/// Many-to-many deferred acceptance with capacities and incomplete lists (Gale-Shapley, Roth 1984). The
/// proposing side gets its best stable outcome. Preference lists are strict, so ties cannot arise: a caller
/// with tied candidates breaks them before (the rule the product declares: earlier registration first).
/// Runs in O(total list length) proposals; no I/O.
/// </summary>
public static class DeferredAcceptance
{
    public static MatchingResult Solve(MatchingInstance instance, Proposer proposer = Proposer.Units)
    {
        if (instance.Validate() is { } problem) throw new ArgumentException(problem, nameof(instance));
        if (proposer == Proposer.Needs)
        {
            var flipped = Solve(instance with
            {
                UnitCapacity = instance.NeedCapacity, NeedCapacity = instance.UnitCapacity,
                UnitPreferences = instance.NeedPreferences, NeedPreferences = instance.UnitPreferences,
            });
            return new MatchingResult(flipped.UnitsOfNeed, flipped.NeedsOfUnit);
        }

        var units = instance.Units;
        var needs = instance.Needs;
        // rank[n][u]: position of unit u in need n's list, or int.MaxValue when n does not list u.
        var rank = new Dictionary<int, int>[needs];
        for (var n = 0; n < needs; n++)
        {
            var list = instance.NeedPreferences[n];
            rank[n] = new Dictionary<int, int>(list.Length);
            for (var i = 0; i < list.Length; i++) rank[n][list[i]] = i;
        }

        // Held proposals per need, kept as a max-heap on rank so the worst held is rejected in O(log c).
        var held = new PriorityQueue<int, int>[needs];
        for (var n = 0; n < needs; n++) held[n] = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var next = new int[units];      // next index into the unit's list
        var holding = new int[units];   // proposals of the unit currently held
        var free = new Queue<int>(Enumerable.Range(0, units));
        var queued = new bool[units];
        Array.Fill(queued, true);

        while (free.Count > 0)
        {
            var u = free.Dequeue();
            queued[u] = false;
            var list = instance.UnitPreferences[u];
            while (holding[u] < instance.UnitCapacity[u] && next[u] < list.Length)
            {
                var n = list[next[u]++];
                if (!rank[n].TryGetValue(u, out var r)) continue; // n does not accept u
                held[n].Enqueue(u, r);
                holding[u]++;
                if (held[n].Count <= instance.NeedCapacity[n]) continue;
                var rejected = held[n].Dequeue();
                holding[rejected]--;
                if (rejected != u && !queued[rejected]) { free.Enqueue(rejected); queued[rejected] = true; }
            }
        }

        var unitsOfNeed = new int[needs][];
        var needsOfUnit = new List<int>[units];
        for (var u = 0; u < units; u++) needsOfUnit[u] = [];
        for (var n = 0; n < needs; n++)
        {
            var taken = new List<int>(held[n].Count);
            while (held[n].TryDequeue(out var u, out _)) taken.Add(u);
            taken.Sort((a, b) => rank[n][a].CompareTo(rank[n][b]));
            unitsOfNeed[n] = [.. taken];
            foreach (var u in taken) needsOfUnit[u].Add(n);
        }
        var result = new int[units][];
        for (var u = 0; u < units; u++)
        {
            var order = instance.UnitPreferences[u];
            var pos = new Dictionary<int, int>();
            for (var i = 0; i < order.Length; i++) pos[order[i]] = i;
            result[u] = [.. needsOfUnit[u].OrderBy(n => pos[n])];
        }
        return new MatchingResult(result, unitsOfNeed);
    }

    /// <summary>Why unit u did or did not get need n, in the terms the street shows to the unit.</summary>
    public static MissReason Explain(MatchingInstance instance, MatchingResult result, int u, int n)
    {
        if (result.NeedsOfUnit[u].Contains(n)) return MissReason.Matched;
        if (!instance.NeedPreferences[n].Contains(u) || !instance.UnitPreferences[u].Contains(n)) return MissReason.NotListedByOtherSide;
        var full = result.UnitsOfNeed[n].Length >= instance.NeedCapacity[n];
        var worstHeld = full ? Array.IndexOf(instance.NeedPreferences[n], result.UnitsOfNeed[n][^1]) : int.MaxValue;
        return full && worstHeld < Array.IndexOf(instance.NeedPreferences[n], u) ? MissReason.FullWithPreferred : MissReason.OwnCapacityFilled;
    }

    /// <summary>The pairs (u, n) that would both rather be together: empty for a stable matching.</summary>
    public static List<(int Unit, int Need)> BlockingPairs(MatchingInstance instance, MatchingResult result)
    {
        var blocking = new List<(int, int)>();
        for (var u = 0; u < instance.Units; u++)
        {
            var uList = instance.UnitPreferences[u];
            var mine = result.NeedsOfUnit[u];
            var uWorst = mine.Length < instance.UnitCapacity[u] ? int.MaxValue : mine.Max(n => Array.IndexOf(uList, n));
            for (var i = 0; i < uList.Length && i < uWorst; i++)
            {
                var n = uList[i];
                if (mine.Contains(n)) continue;
                var nList = instance.NeedPreferences[n];
                var r = Array.IndexOf(nList, u);
                if (r < 0) continue;
                var theirs = result.UnitsOfNeed[n];
                var nWorst = theirs.Length < instance.NeedCapacity[n] ? int.MaxValue : theirs.Max(x => Array.IndexOf(nList, x));
                if (r < nWorst) blocking.Add((u, n));
            }
        }
        return blocking;
    }
}
