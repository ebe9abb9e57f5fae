using System.Security.Claims;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Infrastructure.Idempotency;

/// <summary>What <see cref="IdempotencyStore.ClaimAsync"/> decided for a key.</summary>
internal abstract record KeyClaim
{
    /// <summary>First with this key: run the request, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    public sealed record Granted(long Id) : KeyClaim;
    /// <summary>Already answered: send the stored answer again.</summary>
    public sealed record Done(IdempotencyRecord Record) : KeyClaim;
    /// <summary>The key was used for another request (other path or body).</summary>
    public sealed record Mismatch : KeyClaim;
    /// <summary>The first request with this key is still running after the wait.</summary>
    public sealed record Busy : KeyClaim;
}

/// <summary>
/// Claims a key with a row in its own context (never the request's, whose changes are the request's business); the
/// unique index on (caller, key) decides which of several parallel requests runs, on every node sharing the database.
/// </summary>
internal sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyStore> log)
{
    public const int MaxRequestLength = 400;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    /// <summary>How long a duplicate waits for the first to finish before it answers 409.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    /// <summary>A row still running after this long belongs to a request that died with its node; the key is free again.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    private long _nextSweep;

    public static string CallerOf(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? "user:" + (http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity.Name)
            : "anon:" + http.Connection.RemoteIpAddress;

    public static string RequestOf(string method, string pathAndQuery)
    {
        var request = method + " " + pathAndQuery;
        return request.Length <= MaxRequestLength ? request : request[..MaxRequestLength];
    }

    public async Task<KeyClaim> ClaimAsync(string caller, string key, string request, string bodyHash, CancellationToken ct)
    {
        await SweepAsync(ct);
        var deadline = clock.GetUtcNow() + Wait;
        while (true)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var row = new IdempotencyRecord(caller, key, request, bodyHash, clock.GetUtcNow());
                db.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new KeyClaim.Granted(row.Id);
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e)) { }
            }
            // Someone holds the key: wait for its answer, or take the key over if that row is stale or gone.
            while (true)
            {
                var existing = await FindAsync(caller, key, ct);
                var now = clock.GetUtcNow();
                if (existing is null) break;
                if (existing.CreatedAt < now - Lifetime || (existing.Status == IdempotencyRecord.InProgress && existing.CreatedAt < now - Abandoned))
                {
                    await DeleteAsync(existing.Id, ct);
                    break;
                }
                if (!existing.Matches(request, bodyHash)) return new KeyClaim.Mismatch();
                if (existing.Status != IdempotencyRecord.InProgress) return new KeyClaim.Done(existing);
                if (now >= deadline) return new KeyClaim.Busy();
                await Task.Delay(TimeSpan.FromMilliseconds(40), ct);
            }
            if (clock.GetUtcNow() >= deadline) return new KeyClaim.Busy();
        }
    }

    public async Task CompleteAsync(long id, int status, string? contentType, string? location, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.ContentType, contentType)
            .SetProperty(r => r.Location, location)
            .SetProperty(r => r.Body, body), CancellationToken.None);
    }

    /// <summary>Frees the key of a request that ended without an answer worth repeating (5xx, an exception), so a retry runs again.</summary>
    public Task ReleaseAsync(long id) => DeleteAsync(id, CancellationToken.None);

    private async Task<IdempotencyRecord?> FindAsync(string caller, string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, ct);
    }

    private async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>Expired answers go at most every ten minutes per node, on the way of a request that uses a key.</summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, next) != next) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cutoff = now - Lifetime;
            var gone = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
            if (gone > 0) log.LogInformation("Removed {Count} idempotency records older than {Lifetime}", gone, Lifetime);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Sweeping idempotency records failed; the next request with a key tries again");
            Interlocked.Exchange(ref _nextSweep, 0);
        }
    }
}
