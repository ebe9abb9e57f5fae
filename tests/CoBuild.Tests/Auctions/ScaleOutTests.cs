using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CoBuild.Web.Features.Auctions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Auctions;

/// <summary>
/// Two app nodes on real Kestrel sockets over one database and one Redis (Debian's redis-server on loopback): a paddle
/// taken by node A reaches a client of node B, and the paddle and hammer rules hold across both nodes. The nodes and
/// Redis start once for the class; each test runs its own ceremony.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ScaleOutTests(AppFixture app, PerClass shared) : IAsyncLifetime, IClassFixture<PerClass>
{
    private WebApplicationFactory<Program>? _a, _b;
    private Uri _urlA = default!, _urlB = default!;

    public async Task InitializeAsync()
    {
        var nodes = await shared.GetAsync(StartAsync);
        (_a, _urlA, _b, _urlB) = (nodes.A, nodes.UrlA, nodes.B, nodes.UrlB);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Nodes> StartAsync()
    {
        var redisPort = FreePort();
        var start = new ProcessStartInfo("redis-server", ["--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        { RedirectStandardOutput = true, UseShellExecute = false };
        Process redis;
        try { redis = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is missing: run scripts/install-test-deps.sh (Debian package redis-server).", e);
        }
        await WaitForPort(redisPort);
        var (a, urlA) = Node(redisPort);
        var (b, urlB) = Node(redisPort);
        return new Nodes(redis, a, urlA, b, urlB);
    }

    private sealed record Nodes(Process Redis, WebApplicationFactory<Program> A, Uri UrlA, WebApplicationFactory<Program> B, Uri UrlB) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            if (!Redis.HasExited) { Redis.Kill(); await Redis.WaitForExitAsync(); }
            Redis.Dispose();
        }
    }

    private (WebApplicationFactory<Program>, Uri) Node(int redisPort)
    {
        var port = FreePort();
        var node = app.WithWebHostBuilder(b => b.UseSetting("Redis:Configuration", $"127.0.0.1:{redisPort}"));
        node.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        node.StartServer();
        return (node, new Uri($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task A_paddle_raised_through_node_A_reaches_a_bidder_connected_to_node_B()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 2);
        await using var onB = await Hub.ConnectAsync(_urlB);
        await onB.JoinAsync(ceremony.Auction.Id);

        var unitOnA = await LiveTests.ClientOf(_a!, "unit.fushan.79", _urlA);
        var raised = await (await ceremony.Raise(unitOnA, lot.Id)).Read<PaddleItem>();
        var arrived = await Hub.Until(onB.Paddles, p => p.LotId == lot.Id && p.Seq == raised.Seq);
        Assert.Equal(raised.UnitId, arrived.UnitId);

        var streetOnB = await LiveTests.ClientOf(_b!, "street.fushan", _urlB);
        await using var onA = await Hub.ConnectAsync(_urlA);
        await onA.JoinAsync(ceremony.Auction.Id);
        Assert.Equal(HttpStatusCode.OK, (await streetOnB.PostAsync(ceremony.Url($"/lots/{lot.Id}/hammer"), null)).StatusCode);
        await Hub.Until(onA.Lots, c => c.Lot.Id == lot.Id && c.Lot.Status == LotStatus.Hammered);
    }

    [Fact]
    public async Task Raises_and_hammers_split_over_two_nodes_keep_one_paddle_per_unit_and_one_award_set()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 3);
        var units = new List<HttpClient>();
        for (var i = 1; i <= 20; i++)
        {
            var (node, url) = i % 2 == 0 ? (_a!, _urlA) : (_b!, _urlB);
            units.Add(await LiveTests.ClientOf(node, $"unit.fushan.{i:00}", url));
        }
        var raises = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => ceremony.Raise(units[i % 20], lot.Id)));
        Assert.Equal(20, raises.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(60, raises.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        var streets = new[] { await LiveTests.ClientOf(_a!, "street.fushan", _urlA), await LiveTests.ClientOf(_b!, "street.fushan", _urlB) };
        var hammers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => streets[i % 2].PostAsync(ceremony.Url($"/lots/{lot.Id}/hammer"), null)));
        var sets = await Task.WhenAll(hammers.Select(h => h.Read<HammerResult>()));
        Assert.All(sets, s => Assert.Equal(sets[0].Awards.Select(a => a.ContractId), s.Awards.Select(a => a.ContractId)));
        Assert.All(hammers, h => Assert.Equal(HttpStatusCode.OK, h.StatusCode));
        Assert.Equal(3, sets[0].Awards.Count);
        Assert.Equal(3, (await ceremony.Lot(lot.Id)).Awards.Count);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(3, await db.OrgContracts.CountAsync(c => c.Source == ContractSource.AuctionLot && c.SourceId == lot.Id));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPort(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"redis-server did not listen on {port}.");
    }
}
