using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoBuild.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// One app with the demo district per test run, on the provider named by COBUILD_TEST_DB (Sqlite by default,
/// Postgres with COBUILD_TEST_PG as the server's connection string; each run gets a database of its own). The demo
/// comes from a copy of the process's <see cref="DemoTemplate"/> (loaded once), unless <see cref="LoadsDemo"/>.
/// <see cref="TestDistrictFixture"/> is the same app without the demo, for tests that build what they need.
/// </summary>
public class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cobuild-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, string> _tokens = [];
    private string? _pgDatabase;

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("COBUILD_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public string ConnectionString { get; private set; } = "";

    public SqlCounter Sql { get; } = new();

    /// <summary>The app's clock: the real time, which a test may move on instead of waiting.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Whether the app has the demo district (its accounts sign in with the demo password).</summary>
    protected virtual bool Demo => true;

    /// <summary>The app loads the demo itself at start instead of starting from a copy of the template (DemoDataTests).</summary>
    public bool LoadsDemo { get; init; }

    /// <summary>The password of the accounts <see cref="ClientFor"/> signs in.</summary>
    public virtual string Password => "Demo@2018";

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        if (Demo && !LoadsDemo)
        {
            var copy = await DemoTemplate.CopyAsync(_dataDir);
            ConnectionString = copy.ConnectionString;
            _pgDatabase = copy.PgDatabase;
        }
        else if (IsPostgres)
        {
            var server = Environment.GetEnvironmentVariable("COBUILD_TEST_PG")
                ?? throw new InvalidOperationException("COBUILD_TEST_DB=Postgres needs COBUILD_TEST_PG (server connection string).");
            _pgDatabase = "cobuild_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase} ENCODING 'UTF8'", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(_dataDir, "cobuild.db")}";
        }
        _ = Server; // start the host: migrations (and, without a copy, the demo district load) run here, once.
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("DataDirectory", _dataDir);
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Auctions:ReplayPaceMs", "10"); // a replayed ceremony runs through in seconds
        // Every test shares the demo accounts and one (absent) client address; the limits themselves are tested on
        // nodes of their own (Accounts/LoginLimitTests, WriteLimitTests).
        builder.UseSetting("RateLimits:Writes:Burst", "1000000");
        builder.UseSetting("RateLimits:Login:FailuresPerAddress", "1000000");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        builder.UseTestHashing();
    }

    /// <summary>A client carrying a bearer token of the demo account (no token for null).</summary>
    public async Task<HttpClient> ClientFor(string? userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is null) return client;
        if (!_tokens.TryGetValue(userName, out var token))
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, Password));
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
            _tokens[userName] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Sql.Dispose();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("COBUILD_TEST_PG"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>The system clock plus an offset: a test moves the app's time on (and back) instead of waiting real seconds.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the time on by <paramref name="by"/> until the returned handle is disposed.</summary>
    public IDisposable Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return new Back(this, by);
    }

    private sealed class Back(TestClock clock, TimeSpan by) : IDisposable
    {
        public void Dispose() => Interlocked.Add(ref clock._offsetTicks, -by.Ticks);
    }
}
