using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CoBuild.Load;

/// <summary>
/// A latency histogram in 0.1 ms buckets up to 30 s. A thousand clients record every push, so a receipt costs two
/// interlocked increments and no allocation; percentiles are read once at the end.
/// </summary>
internal sealed class Latencies
{
    private const double BucketMs = 0.1;
    private readonly long[] _buckets = new long[300_000];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds;

    public void Add(TimeSpan latency)
    {
        var bucket = (int)Math.Clamp(latency.TotalMilliseconds / BucketMs, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        var ticks = latency.Ticks;
        for (var seen = Interlocked.Read(ref _maxTicks); ticks > seen; seen = Interlocked.Read(ref _maxTicks))
            if (Interlocked.CompareExchange(ref _maxTicks, ticks, seen) == seen) break;
    }

    /// <summary>The upper edge of the bucket that holds the q-th quantile of all the given histograms together.</summary>
    public static double Percentile(double q, params Latencies[] sets)
    {
        var total = sets.Sum(s => s.Count);
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < sets[0]._buckets.Length; i++)
        {
            foreach (var set in sets) seen += set._buckets[i];
            if (seen >= rank) return Math.Round((i + 1) * BucketMs, 1);
        }
        return sets.Max(s => s.MaxMs);
    }
}

/// <summary>What the clients received, against what the server acknowledged.</summary>
internal sealed class Deliveries
{
    private readonly ConcurrentDictionary<(int Lot, int Unit), StrongBox<int>> _paddles = new();
    private readonly ConcurrentQueue<(int Lot, int Unit)> _acked = new();
    private long _states;

    public Latencies Paddles { get; } = new();
    public Latencies States { get; } = new();
    public long StatesReceived => Interlocked.Read(ref _states);
    public int Acked => _acked.Count;

    public void Received(PaddleMessage paddle, DateTimeOffset at)
    {
        Paddles.Add(at - paddle.RaisedAt);
        // A client may see the push before the driver sees the 201, so the counter is made by whichever comes first.
        Interlocked.Increment(ref _paddles.GetOrAdd((paddle.LotId, paddle.UnitId), static _ => new StrongBox<int>()).Value);
    }

    public void Received(StateMessage state, DateTimeOffset at)
    {
        States.Add(at - state.ServerNow);
        Interlocked.Increment(ref _states);
    }

    public void Acknowledged(PaddleMessage paddle)
    {
        _paddles.GetOrAdd((paddle.LotId, paddle.UnitId), static _ => new StrongBox<int>());
        _acked.Enqueue((paddle.LotId, paddle.UnitId));
    }

    /// <summary>For every acknowledged paddle, the clients that did not get it.</summary>
    public long Lost(int clients) => _acked.Sum(key => (long)Math.Max(0, clients - Volatile.Read(ref _paddles[key].Value)));
}
