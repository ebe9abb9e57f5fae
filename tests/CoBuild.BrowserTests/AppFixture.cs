using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using CoBuild.Tests.Infrastructure;
using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CoBuild.BrowserTests;

/// <summary>
/// One real Kestrel on 127.0.0.1 with its own demo database, and one Chromium, shared by the tests of a class.
/// The database is a copy of the run's demo template (<see cref="DemoTemplate"/>): a SQLite file, or with
/// COBUILD_TEST_DB=Postgres a database of its own on the server named by COBUILD_TEST_PG (dropped at the end).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cobuild-browser-").FullName;
    private WebApplicationFactory<Program>? _factory;
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];
    private DemoCopy? _copy;
    private readonly ConcurrentQueue<string> _cspViolations = new();

    public string BaseUrl { get; private set; } = "";
    /// <summary>Errors the server logged while this class ran.</summary>
    public ServerLog ServerLog { get; } = new();
    public IServiceProvider Services => _factory!.Services;
    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotDir
    {
        get
        {
            var dir = Path.Combine(Directory.GetCurrentDirectory(), "test-output", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _copy = await DemoTemplate.CopyAsync(_dataDir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseDemoSettings(_dataDir, _copy.ConnectionString)
            .ConfigureLogging(l => l.AddProvider(ServerLog)));
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        // A copy that lost the demo would load it again, slowly and silently.
        if (ServerLog.DemoLoaded) throw new InvalidOperationException("The app loaded the demo district again instead of starting from the template copy.");
        BaseUrl = $"http://127.0.0.1:{port}";

        Browser = await SharedBrowser.Value;
    }

    /// <summary>
    /// One Chromium for the test process: starting Playwright's driver and Chromium took 3 s per class under load.
    /// Each page still gets a browser context of its own (no cookies or storage shared), closed with its class.
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    });

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Generous: a wait that passes costs nothing, and the browser tests run beside the integration tests on two cores.
        page.SetDefaultTimeout(45_000);
        // Expect() waits 5 s by default: too short for a page's first answer while the integration tests load both cores.
        Assertions.SetDefaultExpectTimeout(20_000);
        // Chromium reports what the Content-Security-Policy blocked on the console; the class fails on any of it.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _cspViolations.Enqueue($"{page.Url}: {message.Text}");
        };
        return page;
    }

    public static async Task LogInAsync(IPage page, string userName, string expectedPath)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync("Demo@2018");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expectedPath);
    }

    /// <summary>Navigates to a back-office page and waits until its circuit is live, so clicks reach the server.</summary>
    public static async Task OpenInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-interactive=true]");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_copy is not null) await DemoTemplate.DropAsync(_copy);
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        AssertNoCspViolations();
    }

    /// <summary>Fails when a page of this class had something refused by the Content-Security-Policy.</summary>
    public void AssertNoCspViolations()
    {
        if (!_cspViolations.IsEmpty) throw new Xunit.Sdk.XunitException("Content-Security-Policy violations:\n" + string.Join("\n", _cspViolations));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
