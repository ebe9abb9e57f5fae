using System.Net;
using System.Net.Http.Headers;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Accounts;

/// <summary>The per-user write limiter on a node of its own with a bucket of three writes.</summary>
[Collection(AppCollection.Name)]
public sealed class WriteLimitTests(AppFixture app) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _node = default!;

    public Task InitializeAsync()
    {
        _node = AddressedNode.Start(app, new Dictionary<string, string> { ["RateLimits:Writes:Burst"] = "3", ["RateLimits:Writes:PerMinute"] = "1" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_user_past_the_bucket_gets_429_with_retry_after_while_others_and_reads_go_on()
    {
        var fushan = await Signed("street.fushan", "10.13.1.1");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await fushan.PostAsync("/api/v1/needs/999999999/close", null)).StatusCode);
        var refused = await fushan.PostAsync("/api/v1/needs/999999999/close", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (await refused.Problem()).GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await fushan.GetAsync("/api/v1/me")).StatusCode);
        // Another user from the same address has a bucket of its own.
        var dongpu = await Signed("street.dongpu", "10.13.1.1");
        Assert.Equal(HttpStatusCode.NotFound, (await dongpu.PostAsync("/api/v1/needs/999999999/close", null)).StatusCode);
    }

    private async Task<HttpClient> Signed(string userName, string address)
    {
        var client = _node.From(address);
        var token = await (await client.Token(userName, "Demo@2018")).Read<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }
}
