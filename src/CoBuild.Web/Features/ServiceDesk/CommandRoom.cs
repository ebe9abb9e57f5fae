using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>
/// The street's command room (四个平台综合信息指挥室): what the communities sent up, still to dispatch or being handled
/// by a platform or a department, overdue first; and what it closed in the last 30 days.
/// </summary>
internal static class CommandRoom
{
    public sealed record View(IReadOnlyList<TicketRow> Open, IReadOnlyList<TicketRow> RecentlyClosed);

    public static async Task<View> LoadAsync(AppDbContext db, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var upstairs = TicketQueries.Visible(db, caller).Where(t => t.Level != TicketLevel.Community);
        var open = await TicketQueries.Rows(db, upstairs.Where(t => t.Status != TicketStatus.Closed)
            .OrderBy(t => t.DueBy).ThenBy(t => t.Id).Take(300), now).ToListAsync(ct);
        var since = now.AddDays(-30);
        var closed = await TicketQueries.Rows(db, upstairs.Where(t => t.Status == TicketStatus.Closed && t.ClosedAt >= since)
            .OrderByDescending(t => t.ClosedAt).Take(100), now).ToListAsync(ct);
        // Dispatch first: what waits for the room (escalated, returned) before what a platform already has.
        return new View([.. open.OrderByDescending(r => r.Status == TicketStatus.Escalated).ThenByDescending(r => r.Overdue).Select(r => TicketQueries.Masked(caller, r, false))],
            [.. closed.Select(r => TicketQueries.Masked(caller, r, false))]);
    }
}
