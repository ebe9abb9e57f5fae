using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Accounts;

/// <summary>
/// Two nodes over one Redis (Debian's redis-server on loopback): failed logins and ended sessions count on every node,
/// and parallel failures are not lost (an atomic increment, not a read and a write).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SharedLimitTests(AppFixture app, PerClass shared) : IAsyncLifetime, IClassFixture<PerClass>
{
    private const int Limit = 12;
    private WebApplicationFactory<Program>? _a, _b;

    /// <summary>Redis and the two nodes start once for the class; the tests use addresses and accounts of their own.</summary>
    public async Task InitializeAsync()
    {
        var nodes = await shared.GetAsync(StartAsync);
        (_a, _b) = (nodes.A, nodes.B);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Nodes> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        for (var i = 0; i < 100; i++)
        {
            try { using var tcp = new TcpClient(); await tcp.ConnectAsync(IPAddress.Loopback, port); break; }
            catch (SocketException) { await Task.Delay(50); }
        }
        var settings = new Dictionary<string, string>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{port}",
            ["RateLimits:Login:FailuresPerAddress"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Login:FailuresBeforeDelay"] = "1000",
        };
        return new Nodes(redis, AddressedNode.Start(app, settings), AddressedNode.Start(app, settings));
    }

    private sealed record Nodes(Process Redis, WebApplicationFactory<Program> A, WebApplicationFactory<Program> B) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            if (!Redis.HasExited) { Redis.Kill(); await Redis.WaitForExitAsync(); }
            Redis.Dispose();
        }
    }

    [Fact]
    public async Task Parallel_failures_through_both_nodes_all_count_and_stop_the_address_on_both()
    {
        var (a, b) = (_a!.From("10.14.1.1"), _b!.From("10.14.1.1"));
        var failures = await Task.WhenAll(Enumerable.Range(0, Limit).Select(i => (i % 2 == 0 ? a : b).Token($"unit.fushan.{i + 1:00}", "wrong-" + i)));
        Assert.All(failures, f => Assert.Equal(HttpStatusCode.Unauthorized, f.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.Token("unit.fushan.40", "Demo@2018")).StatusCode);
        var onB = await b.Token("unit.fushan.40", "Demo@2018");
        Assert.Equal(HttpStatusCode.TooManyRequests, onB.StatusCode);
        Assert.NotNull(onB.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _b!.From("10.14.1.2").Token("unit.fushan.40", "Demo@2018")).StatusCode);
    }

    [Fact]
    public async Task A_token_logged_out_on_one_node_is_refused_on_the_other()
    {
        var onA = _a!.From("10.14.2.1");
        var token = (await (await onA.Token("member.demo", "Demo@2018")).Read<TokenResponse>()).AccessToken;
        onA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var onB = _b!.From("10.14.2.1");
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/me")).StatusCode);
    }
}
