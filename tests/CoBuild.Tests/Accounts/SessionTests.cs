using System.Net;
using System.Net.Http.Headers;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Accounts;

/// <summary>Logging out ends the session: a copy of the old cookie or token is refused afterwards.</summary>
[Collection(AppCollection.Name)]
public sealed class SessionTests(AppFixture app)
{
    [Fact]
    public async Task The_old_cookie_is_refused_after_logout()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await browser.PageLogin("community.jishan", "Demo@2018");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cobuild.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/admin")).StatusCode); // pages send it to the login page
        // Signing in again opens a new session.
        Assert.Equal(HttpStatusCode.Found, (await browser.PageLogin("community.jishan", "Demo@2018")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_logged_out_through_the_api_is_refused_and_other_tokens_are_not()
    {
        var anonymous = await app.ClientFor(null);
        var first = await Bearer("member.demo");
        var second = await Bearer("member.demo");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/auth/logout", null)).StatusCode);
    }

    private async Task<HttpClient> Bearer(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await (await client.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new TokenRequest(userName, "Demo@2018")))).Read<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }
}
