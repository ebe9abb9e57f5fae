using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>The next request number of a community in a year; its row is the lock parallel intakes queue on.</summary>
public sealed class TicketCounter
{
    private TicketCounter() { }
    public TicketCounter(int districtId, int communityId, int year) { DistrictId = districtId; CommunityId = communityId; Year = year; }
    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    public int Year { get; private set; }
    public int Last { get; private set; }
    internal void Set(int last) => Last = last;
}

internal static class TicketNumbers
{
    /// <summary>
    /// Creates the year's counter row outside the intake's transaction (a lost race there is harmless), so that
    /// the transaction itself only ever updates an existing row.
    /// </summary>
    public static async Task EnsureCounterAsync(AppDbContext db, OrgUnit community, int year, CancellationToken ct)
    {
        if (await db.TicketCounters.AnyAsync(c => c.CommunityId == community.Id && c.Year == year, ct)) return;
        db.TicketCounters.Add(new TicketCounter(community.DistrictId, community.Id, year));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (UniqueViolation.Is(e)) { }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>Takes the next number inside the caller's transaction; the row stays locked until it commits.</summary>
    public static async Task<string> TakeAsync(AppDbContext db, OrgUnit community, int year, CancellationToken ct)
    {
        await db.TicketCounters.Where(c => c.CommunityId == community.Id && c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var last = await db.TicketCounters.Where(c => c.CommunityId == community.Id && c.Year == year).Select(c => c.Last).SingleAsync(ct);
        return $"{community.Code}-{year}-{last:000000}";
    }
}
