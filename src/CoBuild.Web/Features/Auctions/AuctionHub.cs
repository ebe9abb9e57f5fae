using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.SignalR;

namespace CoBuild.Web.Features.Auctions;

/// <summary>
/// The live channel of the three screens. A client joins an auction and gets the whole state back; after that the
/// server pushes "paddle" for each raise (small, numbered per lot), "lot" with the one lot that changed (opened,
/// timed, hammered, passed, added) and "state" when more changed at once (an undo). Through the
/// Redis backplane a message sent on one node reaches the clients of every node.
/// </summary>
public sealed class AuctionHub(AppDbContext db, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/auction";

    public static string Group(int auctionId) => $"auction:{auctionId}";

    /// <summary>Subscribes before reading, so nothing falls between the snapshot and the first push (a client drops repeats by number).</summary>
    public async Task<AuctionState> Join(int auctionId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(auctionId));
        return await AuctionQueries.StateAsync(db, auctionId, clock.GetUtcNow(), Context.ConnectionAborted);
    }

    public Task Leave(int auctionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(auctionId));
}

/// <summary>
/// Sends to an auction's group after the change is committed. A failed push (Redis down, request aborted) must not
/// turn a committed raise or hammer into an error: it is logged, and screens heal on their next join or push.
/// </summary>
internal sealed class AuctionBroadcast(IHubContext<AuctionHub> hub, TimeProvider clock, ILogger<AuctionBroadcast> log)
{
    public Task PaddleAsync(int auctionId, PaddleItem paddle) => Send(auctionId, "paddle", paddle);

    public async Task LotAsync(AppDbContext db, int auctionId, int lotId, CancellationToken ct) =>
        await Send(auctionId, "lot", await AuctionQueries.LotChangeAsync(db, auctionId, lotId, clock.GetUtcNow(), CancellationToken.None));

    private async Task Send(int auctionId, string method, object message)
    {
        try { await hub.Clients.Group(AuctionHub.Group(auctionId)).SendAsync(method, message, CancellationToken.None); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Push {Method} to auction {Id} failed", method, auctionId);
        }
    }

    public Task<AuctionState> ReadAsync(AppDbContext db, int auctionId, CancellationToken ct) => AuctionQueries.StateAsync(db, auctionId, clock.GetUtcNow(), ct);

    public async Task<AuctionState> StateAsync(AppDbContext db, int auctionId, CancellationToken ct)
    {
        var state = await AuctionQueries.StateAsync(db, auctionId, clock.GetUtcNow(), CancellationToken.None);
        await Send(auctionId, "state", state);
        return state;
    }
}
