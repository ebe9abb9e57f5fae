using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Auctions;

namespace CoBuild.Tests.Auctions;

/// <summary>Sets up a fresh auction of 府山街道 for a test: each test gets its own, so tests never share lots.</summary>
internal sealed class Ceremony(AppFixture app)
{
    public HttpClient Street { get; private set; } = default!;
    public AuctionState Auction { get; private set; } = default!;

    public static async Task<Ceremony> StartAsync(AppFixture app, string title = "测试拍卖会", LotMode mode = LotMode.Intent)
    {
        var ceremony = new Ceremony(app) { Street = await app.ClientFor("street.fushan") };
        var response = await ceremony.Street.PostAsJsonAsync("/api/v1/auctions",
            new CreateAuction($"{title}{Guid.NewGuid():N}"[..24], DateTimeOffset.UtcNow.AddHours(1), Mode: mode), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        ceremony.Auction = await response.Read<AuctionState>();
        return ceremony;
    }

    public string Url(string rest = "") => $"/api/v1/auctions/{Auction.Id}{rest}";

    /// <summary>A lot in the auction's mode (a Pledge ceremony needs an increment).</summary>
    public async Task<LotState> LotAsync(int capacity, TieRule tie = TieRule.EarliestPaddle, decimal increment = 0, bool open = true)
    {
        var response = await Street.PostAsJsonAsync(Url("/lots"), new CreateLot("老旧小区雨污分流", "管网改造分三段", capacity, null, tie, PledgeUnit.Yuan, increment), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lot = await response.Read<LotState>();
        if (open) Assert.Equal(HttpStatusCode.OK, (await Street.PostAsync(Url($"/lots/{lot.Id}/open"), null)).StatusCode);
        return lot;
    }

    public Task<HttpResponseMessage> Raise(HttpClient unit, int lotId, PledgeInput? pledge = null) =>
        unit.PostAsJsonAsync(Url($"/lots/{lotId}/paddles"), new RaisePaddle(pledge), Json.Options);

    public Task<HttpResponseMessage> Hammer(int lotId, HammerRequest? request = null) =>
        Street.PostAsJsonAsync(Url($"/lots/{lotId}/hammer"), request ?? new HammerRequest(null, null));

    public async Task<LotState> Lot(int lotId) => (await Street.Get<AuctionState>(Url()))!.Lots.Single(l => l.Id == lotId);

    public async Task<List<HttpClient>> Units(int from, int count)
    {
        var units = new List<HttpClient>();
        for (var i = from; i < from + count; i++) units.Add(await app.ClientFor($"unit.fushan.{i:00}"));
        return units;
    }
}
