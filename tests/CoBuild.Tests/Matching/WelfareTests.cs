using CoBuild.Matching;
using CsCheck;

namespace CoBuild.Tests.Matching;

public sealed class WelfareTests
{
    [Fact]
    public void Result_is_within_capacities_mutually_acceptable_and_costed_consistently() =>
        Gen.Int.Sample(seed =>
        {
            var instance = DeferredAcceptanceTests.Instance(seed, 12, 3);
            var result = Welfare.Solve(instance);
            for (var u = 0; u < instance.Units; u++)
            {
                Assert.True(result.NeedsOfUnit[u].Length <= instance.UnitCapacity[u]);
                Assert.All(result.NeedsOfUnit[u], n => Assert.Contains(u, result.UnitsOfNeed[n]));
                Assert.All(result.NeedsOfUnit[u], n => Assert.Contains(n, instance.UnitPreferences[u]));
                Assert.Equal(result.NeedsOfUnit[u].OrderBy(n => Array.IndexOf(instance.UnitPreferences[u], n)), result.NeedsOfUnit[u]);
            }
            for (var n = 0; n < instance.Needs; n++)
            {
                Assert.True(result.UnitsOfNeed[n].Length <= instance.NeedCapacity[n]);
                Assert.All(result.UnitsOfNeed[n], u => Assert.Contains(u, instance.NeedPreferences[n]));
                Assert.All(result.UnitsOfNeed[n], u => Assert.Contains(n, result.NeedsOfUnit[u]));
                Assert.Equal(result.UnitsOfNeed[n].OrderBy(u => Array.IndexOf(instance.NeedPreferences[n], u)), result.UnitsOfNeed[n]);
            }
            Assert.Equal(Welfare.Cost(instance, result.Matching), result.TotalCost);
        }, iter: 1000);

    /// <summary>Every stable matching is one of the assignments welfare chooses among, so it can never do better.</summary>
    [Fact]
    public void Has_at_least_the_stable_pairs_and_at_equal_count_no_higher_cost() =>
        Gen.Int.Sample(seed =>
        {
            var instance = DeferredAcceptanceTests.Instance(seed, 12, 3);
            var welfare = Welfare.Solve(instance);
            foreach (var proposer in new[] { Proposer.Units, Proposer.Needs })
            {
                var stable = DeferredAcceptance.Solve(instance, proposer);
                Assert.True(welfare.Pairs >= stable.Pairs, $"seed {seed}: welfare {welfare.Pairs} pairs, stable {stable.Pairs}");
                if (welfare.Pairs == stable.Pairs) Assert.True(welfare.TotalCost <= Welfare.Cost(instance, stable), $"seed {seed}: welfare costs more");
            }
        }, iter: 1000);

    [Fact]
    public void Matches_brute_force_most_pairs_then_least_cost() =>
        Gen.Int.Sample(seed =>
        {
            var instance = DeferredAcceptanceTests.Instance(seed, 3, 2);
            var welfare = Welfare.Solve(instance);
            var (pairs, cost) = BruteForce(instance);
            Assert.Equal(pairs, welfare.Pairs);
            Assert.Equal(cost, welfare.TotalCost);
        }, iter: 500);

    [Fact]
    public void Trades_a_blocking_pair_for_a_second_pair()
    {
        // Both units want need 0, which prefers unit 0; unit 0 also accepts need 1, which accepts only unit 0.
        // Stable: unit 0 takes need 0 and unit 1 is left out. Welfare: unit 0 moves to need 1 so unit 1 gets need 0.
        var instance = new MatchingInstance([1, 1], [1, 1], [[0, 1], [0]], [[0, 1], [0]]);
        var stable = DeferredAcceptance.Solve(instance);
        Assert.Equal([[0], []], stable.NeedsOfUnit);
        Assert.Equal(0, Welfare.Cost(instance, stable));

        var welfare = Welfare.Solve(instance);
        Assert.Equal([[1], [0]], welfare.NeedsOfUnit);
        Assert.Equal([[1], [0]], welfare.UnitsOfNeed);
        Assert.Equal(2, welfare.TotalCost); // unit 0 ranks need 1 second (1), need 0 ranks unit 1 second (1)
        Assert.Equal([(0, 0)], DeferredAcceptance.BlockingPairs(instance, welfare.Matching));
    }

    [Fact]
    public void Invalid_instances_are_refused() =>
        Assert.Throws<ArgumentException>(() => Welfare.Solve(new MatchingInstance([0], [1], [[0]], [[0]])));

    /// <summary>All subsets of acceptable pairs within capacities: the most pairs, then the least cost.</summary>
    private static (int Pairs, long Cost) BruteForce(MatchingInstance instance)
    {
        var pairs = (from u in Enumerable.Range(0, instance.Units)
                     from n in instance.UnitPreferences[u]
                     let r = Array.IndexOf(instance.NeedPreferences[n], u)
                     where r >= 0
                     select (u, n, cost: Array.IndexOf(instance.UnitPreferences[u], n) + r)).ToArray();
        var best = (Pairs: 0, Cost: 0L);
        for (var mask = 0; mask < 1 << pairs.Length; mask++)
        {
            var chosen = pairs.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            if (Enumerable.Range(0, instance.Units).Any(u => chosen.Count(p => p.u == u) > instance.UnitCapacity[u])) continue;
            if (Enumerable.Range(0, instance.Needs).Any(n => chosen.Count(p => p.n == n) > instance.NeedCapacity[n])) continue;
            var cost = chosen.Sum(p => (long)p.cost);
            if (chosen.Length > best.Pairs || (chosen.Length == best.Pairs && cost < best.Cost)) best = (chosen.Length, cost);
        }
        return best;
    }
}
