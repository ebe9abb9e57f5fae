using System.Net;
using CoBuild.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Accounts;

/// <summary>An API write authenticated by the sign-in cookie must come from our own pages; bearer callers are unaffected.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class SameOriginTests(TestDistrictFixture app)
{
    private const string Close = "/api/v1/needs/999999999/close"; // 404 once past the check: nothing is changed

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("http://evil.example", null, null)]
    [InlineData("null", null, null)]
    [InlineData(null, "http://evil.example/page", null)]
    [InlineData(null, null, "cross-site")]
    [InlineData("http://localhost.evil.example", null, "same-site")]
    public async Task A_cookie_write_from_elsewhere_is_403(string? origin, string? referer, string? fetchSite)
    {
        var browser = await CookieClient();
        var response = await browser.SendAsync(Post(origin, referer, fetchSite));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("跨站", (await response.Problem()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("http://localhost", null, null)]
    [InlineData(null, "http://localhost/live/1/moderator", null)]
    [InlineData(null, null, "same-origin")]
    public async Task A_cookie_write_from_our_pages_passes(string? origin, string? referer, string? fetchSite)
    {
        var browser = await CookieClient();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(Post(origin, referer, fetchSite))).StatusCode);
    }

    [Fact]
    public async Task Bearer_writes_need_no_origin()
    {
        var client = await app.ClientFor((await app.District.Street().WithCommunity().BuildAsync()).Cadre);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Post(null, null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Post("http://evil.example", null, null))).StatusCode);
    }

    private async Task<HttpClient> CookieClient()
    {
        var cadre = (await app.District.Street().WithCommunity().BuildAsync()).Cadre!;
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Found, (await browser.PageLogin(cadre, app.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        return browser;
    }

    private static HttpRequestMessage Post(string? origin, string? referer, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Close);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (referer is not null) request.Headers.Referrer = new Uri(referer);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }
}
