using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace CoBuild.Web.Infrastructure.Limits;

/// <summary>
/// Short-lived counters and flags shared by every node: failed logins per address and per account, revoked sessions.
/// In memory on one node; in Redis when <c>Redis:Configuration</c> is set, where an increment is one atomic INCR
/// (a get-then-set through IDistributedCache would lose counts when an attacker sends guesses in parallel).
/// </summary>
internal interface IAttemptStore
{
    /// <summary>Adds one and returns the new count. The window starts at the first count, or restarts at each one when sliding.</summary>
    Task<long> IncrementAsync(string key, TimeSpan window, bool sliding);

    /// <summary>The count (0 when absent) and the time it has left.</summary>
    Task<(long Value, TimeSpan Left)> GetAsync(string key);

    Task SetAsync(string key, long value, TimeSpan lifetime);

    Task RemoveAsync(params string[] keys);
}

internal sealed class MemoryAttemptStore(IMemoryCache cache, TimeProvider clock) : IAttemptStore
{
    private sealed record Entry(long Value, DateTimeOffset Expires);

    private readonly Lock _gate = new();

    public Task<long> IncrementAsync(string key, TimeSpan window, bool sliding)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var current = Live(key, now);
            var next = new Entry((current?.Value ?? 0) + 1, current is null || sliding ? now + window : current.Expires);
            cache.Set(key, next, next.Expires);
            return Task.FromResult(next.Value);
        }
    }

    public Task<(long Value, TimeSpan Left)> GetAsync(string key)
    {
        var now = clock.GetUtcNow();
        var entry = Live(key, now);
        return Task.FromResult(entry is null ? (0L, TimeSpan.Zero) : (entry.Value, entry.Expires - now));
    }

    public Task SetAsync(string key, long value, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow() + lifetime;
        cache.Set(key, new Entry(value, expires), expires);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(params string[] keys)
    {
        foreach (var key in keys) cache.Remove(key);
        return Task.CompletedTask;
    }

    private Entry? Live(string key, DateTimeOffset now) =>
        cache.TryGetValue(key, out Entry? entry) && entry!.Expires > now ? entry : null;
}

internal sealed class RedisAttemptStore(IConnectionMultiplexer redis) : IAttemptStore
{
    private const string Prefix = "cobuild:limits:";

    private static readonly LuaScript Increment = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) " +
        "if n == 1 or @sliding == 1 then redis.call('PEXPIRE', @key, @ms) end " +
        "return n");

    public async Task<long> IncrementAsync(string key, TimeSpan window, bool sliding) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(Increment,
            new { key = (RedisKey)(Prefix + key), ms = (long)window.TotalMilliseconds, sliding = sliding ? 1 : 0 });

    public async Task<(long Value, TimeSpan Left)> GetAsync(string key)
    {
        var db = redis.GetDatabase();
        var value = db.StringGetAsync(Prefix + key);
        var left = db.KeyTimeToLiveAsync(Prefix + key);
        await Task.WhenAll(value, left);
        return value.Result is { HasValue: true } v && left.Result is { } ttl ? ((long)v, ttl) : (0L, TimeSpan.Zero);
    }

    public Task SetAsync(string key, long value, TimeSpan lifetime) =>
        redis.GetDatabase().StringSetAsync(Prefix + key, value, lifetime);

    public Task RemoveAsync(params string[] keys) =>
        redis.GetDatabase().KeyDeleteAsync(keys.Select(k => (RedisKey)(Prefix + k)).ToArray());
}
