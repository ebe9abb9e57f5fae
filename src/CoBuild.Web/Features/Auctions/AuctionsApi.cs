using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CoBuild.Web.Infrastructure.OpenApi;

namespace CoBuild.Web.Features.Auctions;

/// <summary>项目拍卖会 under /api/v1/auctions: public reads, the moderator's steps, the units' paddles.</summary>
internal static class AuctionsApi
{
    /// <summary>Anonymous readers only: the state carries the server's clock, which a signed-in moderator needs fresh.</summary>
    public const string PublicCache = "public-live";

    public static IEndpointRouteBuilder MapAuctions(this IEndpointRouteBuilder app)
    {
        var auctions = app.MapGroup("/api/v1/auctions").WithTags("Auctions");
        // Anonymous reads may be up to 5 s old (output cache); the live screens get every change through the hub instead.
        auctions.MapGet("/", async (int? street, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await AuctionQueries.ListAsync(db, street, ct)))
            .AllowAnonymous().CacheOutput(PublicCache);
        auctions.MapGet("/{id:int}", async (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await AuctionQueries.StateAsync(db, id, clock.GetUtcNow(), ct))).AllowAnonymous().CacheOutput(PublicCache);
        auctions.MapGet("/{id:int}/bidders", async (int id, AppDbContext db, CancellationToken ct) =>
        {
            if (!await db.Auctions.AnyAsync(a => a.Id == id, ct)) throw new UnknownId("拍卖会不存在。");
            return TypedResults.Ok(await AuctionQueries.BiddersAsync(db, id, ct));
        }).AllowAnonymous();

        // Run by the street that holds the auction (the district above it); its representatives raise paddles.
        var moderated = auctions.MapGroup("").RequireAuthorization(Policies.StreetOrDistrict);
        moderated.MapPost("/", async (CreateAuction request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var auction = await AuctionEdits.CreateAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/auctions/{auction.Id}", await AuctionQueries.StateAsync(db, auction.Id, clock.GetUtcNow(), ct));
        });
        moderated.MapGet("/{id:int}/log", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            await AuctionEdits.ModeratedAsync(db, caller, id, ct);
            return TypedResults.Ok(await AuctionQueries.EntriesAsync(db, id, ct));
        });
        moderated.MapGet("/{id:int}/export", async (int id, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            var auction = await AuctionEdits.ModeratedAsync(db, caller, id, ct);
            return TypedResults.File(await AuctionSheets.WorkbookAsync(db, id, ct), AuctionSheets.ContentType, $"拍卖会结果_{auction.Id}_{DateTime.Now:yyyyMMdd}.xlsx");
        }).ProducesFile(ApiFiles.Xlsx);
        moderated.MapPost("/{id:int}/replay", async (int id, AppDbContext db, Caller caller, AuctionReplay replay, TimeProvider clock, CancellationToken ct) =>
        {
            var copy = await replay.StartAsync(db, caller, id, ct);
            return TypedResults.Accepted($"/api/v1/auctions/{copy}", await AuctionQueries.StateAsync(db, copy, clock.GetUtcNow(), ct));
        });
        moderated.MapPost("/{id:int}/lots", async (int id, CreateLot request, AppDbContext db, Caller caller, AuctionBroadcast live, CancellationToken ct) =>
        {
            var lot = await AuctionEdits.AddLotAsync(db, caller, id, request, ct);
            await live.LotAsync(db, id, lot.Id, ct);
            var state = await AuctionQueries.StateAsync(db, id, default, ct);
            return TypedResults.Created($"/api/v1/auctions/{id}/lots/{lot.Id}", state.Lots.Single(l => l.Id == lot.Id));
        });
        moderated.MapPut("/{id:int}/lots/{lotId:int}", async (int id, int lotId, CreateLot request, AppDbContext db, Caller caller, TimeProvider clock,
            AuctionBroadcast live, CancellationToken ct) =>
        {
            await AuctionEdits.EditLotAsync(db, caller, id, lotId, request, clock.GetUtcNow(), ct);
            await live.LotAsync(db, id, lotId, ct);
            return TypedResults.Ok((await AuctionQueries.StateAsync(db, id, default, ct)).Lots.Single(l => l.Id == lotId));
        });
        moderated.MapDelete("/{id:int}/lots/{lotId:int}", async (int id, int lotId, AppDbContext db, Caller caller, TimeProvider clock, AuctionBroadcast live, CancellationToken ct) =>
        {
            await AuctionEdits.RemoveLotAsync(db, caller, id, lotId, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await live.StateAsync(db, id, ct));
        });
        moderated.MapPost("/{id:int}/lots/{lotId:int}/open", (int id, int lotId, AppDbContext db, Caller caller, TimeProvider clock, AuctionBroadcast live, CancellationToken ct) =>
            Step(db, live, id, lotId, ct, () => AuctionEdits.OpenAsync(db, caller, id, lotId, clock.GetUtcNow(), ct)));
        moderated.MapPost("/{id:int}/lots/{lotId:int}/countdown", (int id, int lotId, StartCountdown request, AppDbContext db, Caller caller, TimeProvider clock,
                AuctionBroadcast live, CancellationToken ct) =>
            Step(db, live, id, lotId, ct, () => AuctionEdits.CountdownAsync(db, caller, id, lotId, request.Seconds, clock.GetUtcNow(), ct)));
        moderated.MapPost("/{id:int}/lots/{lotId:int}/countdown/stop", (int id, int lotId, AppDbContext db, Caller caller, TimeProvider clock, AuctionBroadcast live,
                CancellationToken ct) =>
            Step(db, live, id, lotId, ct, () => AuctionEdits.CountdownAsync(db, caller, id, lotId, null, clock.GetUtcNow(), ct)));
        auctions.MapPost("/{id:int}/lots/{lotId:int}/paddles", async Task<Created<PaddleItem>> (int id, int lotId, RaisePaddle? request, AppDbContext db,
            Caller caller, TimeProvider clock, AuctionBroadcast live, CancellationToken ct) =>
        {
            var paddle = await AuctionEdits.RaiseAsync(db, caller, id, lotId, request?.Pledge, clock.GetUtcNow(), ct);
            await live.PaddleAsync(id, paddle);
            return TypedResults.Created($"/api/v1/auctions/{id}/lots/{lotId}/paddles", paddle);
        }).RequireAuthorization(Policies.PartnerUnit);
        moderated.MapPost("/{id:int}/lots/{lotId:int}/hammer", async (int id, int lotId, HammerRequest? request, AppDbContext db, Caller caller, TimeProvider clock,
            AuctionBroadcast live, CancellationToken ct) =>
        {
            var result = await AuctionEdits.HammerAsync(db, caller, id, lotId, request, clock.GetUtcNow(), ct);
            await live.LotAsync(db, id, lotId, ct); // on a repeated hammer too: a screen that missed the first push gets it now
            return TypedResults.Ok(result);
        });
        moderated.MapPost("/{id:int}/lots/{lotId:int}/pass", (int id, int lotId, ReasonRequest? request, AppDbContext db, Caller caller, TimeProvider clock,
                AuctionBroadcast live, CancellationToken ct) =>
            Step(db, live, id, lotId, ct, () => AuctionEdits.PassAsync(db, caller, id, lotId, request?.Reason, clock.GetUtcNow(), ct)));
        moderated.MapPost("/{id:int}/lots/{lotId:int}/undo", (int id, int lotId, ReasonRequest? request, AppDbContext db, Caller caller, TimeProvider clock,
                AuctionBroadcast live, CancellationToken ct) =>
            Step(db, live, id, null, ct, () => AuctionEdits.UndoAsync(db, caller, id, lotId, request?.Reason, clock.GetUtcNow(), ct)));
        app.MapHub<AuctionHub>(AuctionHub.Path).AllowAnonymous(); // the public screen and paddles follow the same live state
        return app;
    }

    /// <summary>A moderator's step: apply it, push the changed lot (or, with no lot named, the whole hall) and return the state.</summary>
    private static async Task<Ok<AuctionState>> Step(AppDbContext db, AuctionBroadcast live, int id, int? lotId, CancellationToken ct, Func<Task> step)
    {
        await step();
        if (lotId is { } changed)
        {
            await live.LotAsync(db, id, changed, ct);
            return TypedResults.Ok(await live.ReadAsync(db, id, ct));
        }
        return TypedResults.Ok(await live.StateAsync(db, id, ct));
    }
}
