using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Auctions;

/// <summary>The live channel with a real SignalR client, and paddles that outlive the server that took them.</summary>
[Collection(AppCollection.Name)]
public sealed class LiveTests(AppFixture app)
{
    [Fact]
    public async Task A_joined_client_gets_the_state_then_each_paddle_and_the_hammer_and_a_rejoin_sees_the_current_lot_at_once()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 2);
        await using var screen = await Hub.ConnectAsync(app.Server.BaseAddress, app.Server.CreateHandler);
        var joined = await screen.JoinAsync(ceremony.Auction.Id);
        Assert.Equal(lot.Id, joined.CurrentLotId);
        Assert.Equal(LotStatus.Open, joined.Lots.Single(l => l.Id == lot.Id).Status);
        Assert.InRange((joined.ServerNow - DateTimeOffset.UtcNow).Duration().TotalSeconds, 0, 5);

        var units = await ceremony.Units(71, 3);
        var first = await (await ceremony.Raise(units[0], lot.Id)).Read<PaddleItem>();
        var pushed = await Hub.Until(screen.Paddles, p => p.Seq == first.Seq && p.LotId == lot.Id);
        Assert.Equal(first.Unit, pushed.Unit);
        Assert.Equal(first.PaddleNo, pushed.PaddleNo);

        // A phone that dropped: paddles go on without it; when it joins again the state holds them all.
        await using (var phone = await Hub.ConnectAsync(app.Server.BaseAddress, app.Server.CreateHandler))
            await phone.JoinAsync(ceremony.Auction.Id);
        await ceremony.Raise(units[1], lot.Id);
        await ceremony.Raise(units[2], lot.Id);
        await using var back = await Hub.ConnectAsync(app.Server.BaseAddress, app.Server.CreateHandler);
        var rejoined = await back.JoinAsync(ceremony.Auction.Id);
        Assert.Equal(3, rejoined.Lots.Single(l => l.Id == lot.Id).Paddles!.Count);

        var hammer = await (await ceremony.Hammer(lot.Id)).Read<HammerResult>();
        // The hammer pushes the one lot that changed, without its paddles (clients hold them already).
        var after = await Hub.Until(back.Lots, c => c.Lot.Id == lot.Id && c.Lot.Status == LotStatus.Hammered);
        Assert.Equal(hammer.Awards.Select(a => a.UnitId), after.Lot.Awards.Select(a => a.UnitId));
        Assert.Equal(2, after.Lot.Awards.Count);
        Assert.Null(after.Lot.Paddles);
        await Hub.Until(screen.Lots, c => c.Lot.Id == lot.Id && c.Lot.Status == LotStatus.Hammered);

        // An undo changes more than one lot's standing: the whole hall is pushed.
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{lot.Id}/undo"), new ReasonRequest("误槌"))).StatusCode);
        var reopened = await Hub.Until(screen.States, s => s.Lots.Single(l => l.Id == lot.Id).Status == LotStatus.Open);
        Assert.Equal(3, reopened.Lots.Single(l => l.Id == lot.Id).Paddles!.Count);
    }

    [Fact]
    public async Task An_acknowledged_paddle_survives_a_restart_of_the_node_that_took_it()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 5);
        var acknowledged = new List<PaddleItem>();
        await using (var node = app.WithWebHostBuilder(_ => { }))
        {
            for (var i = 75; i <= 78; i++)
            {
                var unit = await ClientOf(node, $"unit.fushan.{i:00}");
                var response = await ceremony.Raise(unit, lot.Id);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Add(await response.Read<PaddleItem>());
            }
        } // the node stops here

        await using var restarted = app.WithWebHostBuilder(_ => { });
        var state = (await (await ClientOf(restarted, null)).Get<AuctionState>(ceremony.Url()))!;
        var paddles = state.Lots.Single(l => l.Id == lot.Id).Paddles!;
        Assert.Equal(acknowledged.Select(p => (p.UnitId, p.Seq)).Order(), paddles.Select(p => (p.UnitId, p.Seq)).Order());
        // And in the rows themselves, read with a context of its own rather than through any app instance.
        await using AppDbContext db = AppFixture.IsPostgres
            ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(app.ConnectionString).Options)
            : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(app.ConnectionString).Options);
        Assert.Equal(acknowledged.Select(p => p.UnitId).Order(), await db.Bids.Where(b => b.LotId == lot.Id).Select(b => b.ResidentUnitId).OrderBy(u => u).ToListAsync());
    }

    /// <summary>A client of one node; a node on Kestrel needs its address.</summary>
    [Fact]
    public async Task The_hall_state_takes_the_same_statements_for_seventeen_lots_as_for_one()
    {
        var reader = await app.ClientFor("resident.demo"); // signed in, so the anonymous output cache stays out of the count
        var demo = (await reader.Get<List<AuctionItem>>("/api/v1/auctions"))!.Single(a => a.Title == CoBuild.Web.Features.Demo.DemoAuction.Title);
        Assert.Equal((17, 17, AuctionStatus.Finished), (demo.Lots, demo.Hammered, demo.Status));
        var ceremony = await Ceremony.StartAsync(app);
        await ceremony.LotAsync(capacity: 1);

        async Task<int> Statements(string url)
        {
            app.Sql.Reset();
            (await reader.GetAsync(url)).EnsureSuccessStatusCode();
            return app.Sql.Count;
        }
        var one = await Statements(ceremony.Url());
        var seventeen = await Statements($"/api/v1/auctions/{demo.Id}");
        Assert.Equal(one, seventeen);
        Assert.InRange(seventeen, 1, 6);
    }

    internal static async Task<HttpClient> ClientOf(WebApplicationFactory<Program> node, string? userName, Uri? url = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (url is not null) options.BaseAddress = url;
        var client = node.CreateClient(options);
        if (userName is null) return client;
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, "Demo@2018"))).Read<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }
}
