namespace CoBuild.Matching;

public enum Proposer { Units, Needs }

/// <summary>
/// A two-way selection round as numbers: units 0..U-1 and needs 0..N-1, each with a capacity and a ranked list
/// of the other side (best first). A pair is acceptable only when each side lists the other.
/// </summary>
public sealed record MatchingInstance(int[] UnitCapacity, int[] NeedCapacity, int[][] UnitPreferences, int[][] NeedPreferences)
{
    public int Units => UnitCapacity.Length;
    public int Needs => NeedCapacity.Length;

    /// <summary>Checks shape: ids in range, no duplicates in a list, capacities of at least 1. Returns the first problem or null.</summary>
    public string? Validate()
    {
        if (UnitPreferences.Length != Units) return "unit preference lists do not match the units";
        if (NeedPreferences.Length != Needs) return "need preference lists do not match the needs";
        for (var u = 0; u < Units; u++)
        {
            if (UnitCapacity[u] < 1) return $"unit {u} has capacity below 1";
            if (Problem(UnitPreferences[u], Needs) is { } p) return $"unit {u}: {p}";
        }
        for (var n = 0; n < Needs; n++)
        {
            if (NeedCapacity[n] < 1) return $"need {n} has capacity below 1";
            if (Problem(NeedPreferences[n], Units) is { } p) return $"need {n}: {p}";
        }
        return null;
    }

    private static string? Problem(int[] list, int count)
    {
        var seen = new HashSet<int>();
        foreach (var x in list)
        {
            if (x < 0 || x >= count) return $"ranks unknown id {x}";
            if (!seen.Add(x)) return $"ranks {x} twice";
        }
        return null;
    }
}
