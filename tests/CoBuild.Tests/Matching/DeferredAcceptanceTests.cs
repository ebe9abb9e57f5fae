using CoBuild.Matching;
using CsCheck;

namespace CoBuild.Tests.Matching;

public sealed class DeferredAcceptanceTests
{
    /// <summary>A random instance from a seed, so that CsCheck can replay and shrink it.</summary>
    internal static MatchingInstance Instance(int seed, int maxSide, int maxCapacity)
    {
        var rng = new Random(seed);
        var units = rng.Next(1, maxSide + 1);
        var needs = rng.Next(1, maxSide + 1);
        int[] List(int count) => [.. Enumerable.Range(0, count).OrderBy(_ => rng.Next()).Take(rng.Next(0, count + 1))];
        return new MatchingInstance(
            [.. Enumerable.Range(0, units).Select(_ => rng.Next(1, maxCapacity + 1))],
            [.. Enumerable.Range(0, needs).Select(_ => rng.Next(1, maxCapacity + 1))],
            [.. Enumerable.Range(0, units).Select(_ => List(needs))],
            [.. Enumerable.Range(0, needs).Select(_ => List(units))]);
    }

    [Fact]
    public void Result_is_stable_within_capacities_and_mutually_acceptable() =>
        Gen.Int.Sample(seed =>
        {
            var instance = Instance(seed, 12, 3);
            foreach (var proposer in new[] { Proposer.Units, Proposer.Needs })
            {
                var result = DeferredAcceptance.Solve(instance, proposer);
                Assert.Empty(DeferredAcceptance.BlockingPairs(instance, result));
                for (var u = 0; u < instance.Units; u++)
                {
                    Assert.True(result.NeedsOfUnit[u].Length <= instance.UnitCapacity[u]);
                    Assert.All(result.NeedsOfUnit[u], n => Assert.Contains(u, result.UnitsOfNeed[n]));
                    Assert.All(result.NeedsOfUnit[u], n => Assert.Contains(n, instance.UnitPreferences[u]));
                }
                for (var n = 0; n < instance.Needs; n++)
                {
                    Assert.True(result.UnitsOfNeed[n].Length <= instance.NeedCapacity[n]);
                    Assert.All(result.UnitsOfNeed[n], u => Assert.Contains(u, instance.NeedPreferences[n]));
                }
            }
        }, iter: 2000);

    [Fact]
    public void Same_input_same_result() =>
        Gen.Int.Sample(seed =>
        {
            var instance = Instance(seed, 10, 3);
            var a = DeferredAcceptance.Solve(instance);
            var b = DeferredAcceptance.Solve(instance);
            Assert.Equal(a.NeedsOfUnit, b.NeedsOfUnit);
            Assert.Equal(a.UnitsOfNeed, b.UnitsOfNeed);
        }, iter: 500);

    /// <summary>
    /// Proposer-optimal: against every stable matching (found by brute force on small instances), each unit's
    /// i-th best need under deferred acceptance is at least as good, and it holds as many (rural hospitals).
    /// </summary>
    [Fact]
    public void Units_get_their_best_stable_outcome() =>
        Gen.Int.Sample(seed =>
        {
            var instance = Instance(seed, 3, 2);
            var da = DeferredAcceptance.Solve(instance);
            foreach (var other in AllStableMatchings(instance))
                for (var u = 0; u < instance.Units; u++)
                {
                    var mine = Ranks(instance, u, da.NeedsOfUnit[u]);
                    var theirs = Ranks(instance, u, other.NeedsOfUnit[u]);
                    Assert.Equal(theirs.Length, mine.Length);
                    for (var i = 0; i < mine.Length; i++) Assert.True(mine[i] <= theirs[i], $"seed {seed}: unit {u} does worse than in another stable matching");
                }
        }, iter: 400);

    [Fact]
    public void Reasons_name_why_a_unit_missed_a_need()
    {
        // Need 0 takes one unit and prefers unit 1; unit 2 is not listed by need 0; unit 0 can take one need.
        var instance = new MatchingInstance([1, 1, 1], [1, 1], [[0, 1], [0], [0]], [[1, 0], [0]]);
        var result = DeferredAcceptance.Solve(instance);
        Assert.Equal([1], result.UnitsOfNeed[0]);
        Assert.Equal(MissReason.Matched, DeferredAcceptance.Explain(instance, result, 1, 0));
        Assert.Equal(MissReason.FullWithPreferred, DeferredAcceptance.Explain(instance, result, 0, 0));
        Assert.Equal(MissReason.NotListedByOtherSide, DeferredAcceptance.Explain(instance, result, 2, 0));
        Assert.Equal([1], result.NeedsOfUnit[0]);
    }

    [Theory]
    [InlineData(0, 1, "capacity below 1")]
    [InlineData(1, 0, "capacity below 1")]
    public void Capacities_below_one_are_refused(int unitCapacity, int needCapacity, string message)
    {
        var instance = new MatchingInstance([unitCapacity], [needCapacity], [[0]], [[0]]);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => DeferredAcceptance.Solve(instance)).Message);
    }

    [Fact]
    public void Lists_naming_unknown_or_repeated_ids_are_refused()
    {
        Assert.Contains("unknown id 5", new MatchingInstance([1], [1], [[5]], [[0]]).Validate());
        Assert.Contains("twice", new MatchingInstance([1], [1], [[0]], [[0, 0]]).Validate());
    }

    private static int[] Ranks(MatchingInstance instance, int u, int[] needs) =>
        [.. needs.Select(n => Array.IndexOf(instance.UnitPreferences[u], n)).Order()];

    private static IEnumerable<MatchingResult> AllStableMatchings(MatchingInstance instance)
    {
        var pairs = (from u in Enumerable.Range(0, instance.Units)
                     from n in instance.UnitPreferences[u]
                     where instance.NeedPreferences[n].Contains(u)
                     select (u, n)).ToArray();
        for (var mask = 0; mask < 1 << pairs.Length; mask++)
        {
            var chosen = pairs.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            var ofUnit = Enumerable.Range(0, instance.Units).Select(u => chosen.Where(p => p.u == u).Select(p => p.n).ToArray()).ToArray();
            var ofNeed = Enumerable.Range(0, instance.Needs).Select(n => chosen.Where(p => p.n == n).Select(p => p.u).ToArray()).ToArray();
            if (ofUnit.Where((x, u) => x.Length > instance.UnitCapacity[u]).Any() || ofNeed.Where((x, n) => x.Length > instance.NeedCapacity[n]).Any()) continue;
            var candidate = new MatchingResult(ofUnit, ofNeed);
            if (DeferredAcceptance.BlockingPairs(instance, candidate).Count == 0) yield return candidate;
        }
    }
}
