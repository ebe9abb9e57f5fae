using System.Net;
using System.Net.Http.Headers;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoBuild.Tests.Accounts;

/// <summary>Logging out ends the session: a copy of the old cookie or token is refused afterwards.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class SessionTests(TestDistrictFixture app)
{
    [Fact]
    public async Task The_old_cookie_is_refused_after_logout()
    {
        var cadre = (await app.District.Street().WithCommunity().BuildAsync()).Cadre!;
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await browser.PageLogin(cadre, app.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cobuild.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/admin")).StatusCode); // pages send it to the login page
        // Signing in again opens a new session.
        Assert.Equal(HttpStatusCode.Found, (await browser.PageLogin(cadre, app.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_logged_out_through_the_api_is_refused_and_other_tokens_are_not()
    {
        var resident = (await app.District.Street().WithCommunity().BuildAsync()).Resident!;
        var anonymous = await app.ClientFor(null);
        var first = await Bearer(resident);
        var second = await Bearer(resident);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/auth/logout", null)).StatusCode);
    }

    private async Task<HttpClient> Bearer(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await (await client.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new TokenRequest(userName, app.Password)))).Read<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }
}
