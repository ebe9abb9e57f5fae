using System.Net;
using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoBuild.Tests.Deployment;

/// <summary>Security headers on every answer, proxies named in configuration, and 404 for pages that do not exist.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SecurityHeadersTests(AppFixture app)
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/communities")]
    [InlineData("/api/v1/me")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await (await app.ClientFor(null)).GetAsync(path);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        var csp = Policy(response);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["default-src"]);
    }

    [Fact]
    public async Task Pages_carry_no_inline_script_the_policy_would_block()
    {
        var client = await app.ClientFor(null);
        foreach (var path in new[] { "/", "/account/login", "/communities" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            foreach (Match script in ScriptTag().Matches(html))
                Assert.Contains(" src=", script.Value);
            Assert.DoesNotMatch(InlineHandler(), html);
        }
    }

    [Fact]
    public async Task The_api_reference_page_has_its_own_policy_for_its_inline_start_script()
    {
        using var response = await (await app.ClientFor(null)).GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Policy(response);
        Assert.Contains("'unsafe-inline'", csp["script-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/not-found")]
    [InlineData("/no-such-page")]
    [InlineData("/communities/999999999/nothing-here")]
    public async Task Pages_that_do_not_exist_answer_404_with_the_chinese_page(string path)
    {
        using var response = await (await app.ClientFor(null)).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_a_configured_tls_proxy_the_login_cookie_is_secure_and_hsts_is_sent()
    {
        await using var host = ProxiedHost();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://cobuild.example.cn") });

        var viaProxy = await LogInAsync(client, peer: Proxy, forwardedProto: "https");
        Assert.Contains("max-age=", viaProxy.Hsts);
        Assert.Contains("secure", viaProxy.AuthCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", viaProxy.AuthCookie, StringComparison.OrdinalIgnoreCase);

        // The same claim from an address that is not a configured proxy is ignored.
        var direct = await LogInAsync(client, peer: "203.0.113.9", forwardedProto: "https");
        Assert.Null(direct.Hsts);
        Assert.DoesNotContain("secure", direct.AuthCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_configured_proxy_network_is_trusted_and_its_client_address_is_taken()
    {
        await using var host = ProxiedHost();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://cobuild.example.cn") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add(PeerHeader, "172.20.3.4");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);
        Assert.Contains("max-age=", Header(response, "Strict-Transport-Security"));
        Assert.Equal("203.0.113.7", Header(response, SeenHeader));
    }

    private const string PeerHeader = "X-Test-Peer";
    private const string SeenHeader = "X-Test-Seen-Client";

    /// <summary>
    /// A second app on the same database in Production (HSTS on), trusting 10.0.0.5 and 172.20.0.0/16. The test
    /// server has no remote address, so a startup filter takes it from a test header before the app's pipeline.
    /// </summary>
    private WebApplicationFactory<Program> ProxiedHost() => app.WithWebHostBuilder(b => b
        .UseEnvironment("Production")
        .UseSetting("Demo:Enabled", "false")
        .UseSetting("ForwardedHeaders:KnownProxies:0", Proxy)
        .UseSetting("ForwardedHeaders:KnownNetworks", "192.168.100.0/24, 172.20.0.0/16")
        .ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter, PeerFromHeader>();
            var job = s.Single(d => d.ImplementationType == typeof(CoBuild.Web.Features.Contracts.OverdueJob));
            s.Remove(job); // the shared app already runs the sweep
        }));

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[SeenHeader] = context.Connection.RemoteIpAddress?.ToString();
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<(string? Hsts, string AuthCookie)> LogInAsync(HttpClient client, string peer, string forwardedProto)
    {
        HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add(PeerHeader, peer);
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "198.51.100.20");
            return request;
        }

        using var page = await client.SendAsync(Request(HttpMethod.Get, "/account/login"));
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync();
        var hsts = page.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = HiddenToken().Match(html).Groups[1].Value,
            ["Input.UserName"] = "unit.fushan.77",
            ["Input.Password"] = "Demo@2018",
        };
        var post = Request(HttpMethod.Post, "/account/login");
        post.Content = new FormUrlEncodedContent(form);
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var answer = await client.SendAsync(post);
        var auth = answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith("cobuild.auth=", StringComparison.Ordinal)) : null;
        Assert.True(auth is not null, $"no auth cookie: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return (hsts, auth);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri}");

    private static Dictionary<string, string[]> Policy(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\son[a-z]+\\s*=\\s*\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();
}
