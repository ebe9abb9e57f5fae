using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Accounts;

/// <summary>
/// A node of the test app over the fixture's database whose requests come from the address in <see cref="Header"/>
/// (TestServer gives no client address), set by a startup filter of this host only.
/// </summary>
internal static partial class AddressedNode
{
    public const string Header = "X-Test-Client";

    public static WebApplicationFactory<Program> Start(AppFixture app, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            b.ConfigureServices(s =>
            {
                s.AddSingleton<IStartupFilter, AddressFilter>();
                services?.Invoke(s);
            });
        });

    public static HttpClient From(this WebApplicationFactory<Program> node, string address)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    public static Task<HttpResponseMessage> Token(this HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, password));

    /// <summary>Signs in through the login page (antiforgery token and all); the client keeps the cookie.</summary>
    public static async Task<HttpResponseMessage> PageLogin(this HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName, ["Input.Password"] = password,
        }));
    }

    /// <summary>The problem's status, title and detail (its traceId differs per request).</summary>
    public static async Task<(int, string?, string?)> Said(this HttpResponseMessage response)
    {
        var p = await response.Problem();
        return (p.GetProperty("status").GetInt32(), p.GetProperty("title").GetString(), p.GetProperty("detail").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class AddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers[Header].ToString() is { Length: > 0 } address) http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
