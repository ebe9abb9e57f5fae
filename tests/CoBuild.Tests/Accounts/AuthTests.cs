using System.Net;
using System.Net.Http.Json;
using System.Text;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoBuild.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class AuthTests(AppFixture app)
{
    [Fact]
    public void The_app_hashes_passwords_with_identitys_full_iteration_count()
    {
        // The test apps lower it (DemoTemplate.HashIterations); the app's own registration must not.
        var services = new ServiceCollection().AddLogging().AddAppAuth(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.True(services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount >= 100_000);
        Assert.True(DemoTemplate.HashIterations < 100_000);
    }

    [Fact]
    public async Task Token_opens_me_with_role_and_scope()
    {
        var client = await app.ClientFor("unit.drainage");
        var me = (await client.Get<MeResponse>("/api/v1/me"))!;
        Assert.Equal("UnitRep", me.Role);
        Assert.NotNull(me.UnitId);
        Assert.NotNull(me.ScopePath);

        var member = (await (await app.ClientFor("member.demo")).Get<MeResponse>("/api/v1/me"))!;
        Assert.Equal("PartyMember", member.Role);
        Assert.NotNull(member.PartyMemberId);
    }

    [Fact]
    public async Task Token_response_carries_expiry()
    {
        var client = await app.ClientFor(null);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("street.dongpu", "Demo@2018"));
        var token = await response.Read<TokenResponse>();
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Theory]
    [InlineData("street.fushan", "wrong-password")]
    [InlineData("nobody.here", "Demo@2018")]
    public async Task Bad_credentials_are_401_problem(string user, string password)
    {
        var client = await app.ClientFor(null);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("用户名或密码错误。", (await response.Problem()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"userName\":")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"userName\":42,\"password\":true}")]
    [InlineData("not json at all")]
    public async Task Malformed_token_requests_are_400(string body)
    {
        var client = await app.ClientFor(null);
        var response = await client.PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.Problem();
    }

    [Fact]
    public async Task Anonymous_me_is_401_problem_and_a_forged_token_too()
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.Problem();

        client.DefaultRequestHeaders.Authorization = new("Bearer", "forged.token.value");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_logins_make_the_name_wait_at_that_address()
    {
        var client = await app.ClientFor(null);
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("unit.fushan.80", "guess-" + i));
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("unit.fushan.80", "Demo@2018"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.StartsWith("登录尝试过多", (await response.Problem()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Pages_redirect_anonymous_users_to_login()
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_page_lists_the_demo_accounts()
    {
        var client = await app.ClientFor(null);
        var html = await client.GetStringAsync("/account/login");
        foreach (var user in new[] { "district.admin", "street.fushan", "community.jishan", "unit.drainage", "member.demo", "resident.demo", "dept.housing" })
            Assert.Contains(user, html);
    }
}
