using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CoBuild.Matching;

// dotnet run -c Release --project bench/CoBuild.Bench -- matching --needs 100000 --units 10000 --k 20 [--seed 2018] [--welfare]
// Generates a seeded random round, runs deferred acceptance, checks stability, prints one JSON line last.
// --welfare also runs the OR-Tools welfare assignment on the same round and adds its time, pairs, cost and blocking pairs.
if (args.Length == 0 || args[0] != "matching")
{
    Console.Error.WriteLine("usage: matching --needs N --units U --k K [--seed S] [--unit-capacity C] [--need-capacity C] [--welfare]");
    return 2;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var needs = Arg("needs", 100_000);
var units = Arg("units", 10_000);
var k = Math.Min(Arg("k", 20), needs);
var seed = Arg("seed", 2018);
var unitCapacity = Arg("unit-capacity", 3);
var maxNeedCapacity = Arg("need-capacity", 3);

var instance = Generate(needs, units, k, seed, unitCapacity, maxNeedCapacity);
GC.Collect();
var clock = Stopwatch.StartNew();
var result = DeferredAcceptance.Solve(instance);
clock.Stop();
var blocking = DeferredAcceptance.BlockingPairs(instance, result).Count;
var summary = new Dictionary<string, object>
{
    ["needs"] = needs, ["units"] = units, ["k"] = k, ["ms"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1), ["matched"] = result.Pairs, ["blockingPairs"] = blocking,
};
if (args.Contains("--welfare"))
{
    // The first OR-Tools call loads its native libraries: timed apart on a one-pair round, so welfareMs is the solve.
    clock.Restart();
    Welfare.Solve(new MatchingInstance([1], [1], [[0]], [[0]]));
    summary["welfareLoadMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
    GC.Collect();
    clock.Restart();
    var welfare = Welfare.Solve(instance);
    clock.Stop();
    summary["welfareMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
    summary["welfarePairs"] = welfare.Pairs;
    summary["welfareCost"] = welfare.TotalCost;
    summary["stableCost"] = Welfare.Cost(instance, result);
    summary["welfareBlockingPairs"] = DeferredAcceptance.BlockingPairs(instance, welfare.Matching).Count;
}
summary["peakMB"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0, 1);
Console.WriteLine(JsonSerializer.Serialize(summary));
return blocking == 0 ? 0 : 1;

// Each unit ranks k distinct needs at random; each need ranks the units that listed it, in random order.
static MatchingInstance Generate(int needs, int units, int k, int seed, int unitCapacity, int maxNeedCapacity)
{
    var rng = new Random(seed);
    var unitPrefs = new int[units][];
    var applicants = new List<int>[needs];
    for (var n = 0; n < needs; n++) applicants[n] = [];
    for (var u = 0; u < units; u++)
    {
        var chosen = new HashSet<int>(k);
        while (chosen.Count < k) chosen.Add(rng.Next(needs));
        unitPrefs[u] = [.. chosen];
        foreach (var n in chosen) applicants[n].Add(u);
    }
    var needPrefs = new int[needs][];
    for (var n = 0; n < needs; n++)
    {
        var list = applicants[n].ToArray();
        rng.Shuffle(list);
        needPrefs[n] = list;
    }
    return new MatchingInstance(
        [.. Enumerable.Repeat(unitCapacity, units)],
        [.. Enumerable.Range(0, needs).Select(_ => rng.Next(1, maxNeedCapacity + 1))],
        unitPrefs, needPrefs);
}
