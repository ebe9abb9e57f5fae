using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// The demo district loaded once per test process into a template, and a copy of it per app that needs one:
/// loading the demo takes 6-15 s, a copy well under one. SQLite: the template's data folder (database file,
/// personal-data key, data-protection keys) is copied. PostgreSQL (COBUILD_TEST_DB=Postgres, server in
/// COBUILD_TEST_PG): <c>CREATE DATABASE copy TEMPLATE template</c>, which needs the template to have no open
/// connections, so the loading app's pools are cleared and stragglers ended first. An app started on a copy finds
/// the demo there and DemoDistrict.LoadIfEmptyAsync skips the load.
/// </summary>
public static class DemoTemplate
{
    private static readonly Lazy<Task<Template>> Loaded = new(LoadAsync);
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("COBUILD_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    private static string PgServer => Environment.GetEnvironmentVariable("COBUILD_TEST_PG")
        ?? throw new InvalidOperationException("COBUILD_TEST_DB=Postgres needs COBUILD_TEST_PG (server connection string).");

    /// <summary>
    /// Password hashes in the test apps take 1,000 PBKDF2 iterations instead of Identity's 100,000: a login cost
    /// 50-150 ms of CPU on this machine and the suite logs in thousands of times. What the tests check of hashing
    /// (one verification per attempt, known or unknown name) does not depend on the count; production keeps
    /// Identity's default (Accounts/AuthTests checks it). Every app of a test process must use the same count, or a
    /// login would rehash the stored password and write it back.
    /// </summary>
    public const int HashIterations = 1_000;

    /// <summary>The personal-data key of every test app (ID-card numbers in the template are encrypted with it).</summary>
    public static readonly string PersonalDataKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray());

    /// <summary>The settings every app started from the template uses (the copy must match what was loaded).</summary>
    public static IWebHostBuilder UseDemoSettings(this IWebHostBuilder b, string dataDir, string connectionString) => b
        .UseEnvironment("Development")
        .UseSetting("DataDirectory", dataDir)
        .UseSetting("ConnectionStrings:Default", connectionString)
        .UseSetting("Database:Provider", IsPostgres ? "Postgres" : "Sqlite")
        .UseSetting("Demo:Enabled", "true")
        .UseTestHashing();

    /// <summary>Cheap password hashes (<see cref="HashIterations"/>) and the shared personal-data key.</summary>
    public static IWebHostBuilder UseTestHashing(this IWebHostBuilder b) => b
        .UseSetting("PersonalData:Key", PersonalDataKey)
        .ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = HashIterations));

    /// <summary>The day the template's demo times count from (DemoTime.Base), or null when that day changed while it loaded.</summary>
    public static async Task<DateTimeOffset?> BaseAsync() => (await Loaded.Value).Base;

    /// <summary>A fresh copy of the demo in <paramref name="dataDir"/> (empty or absent) and, on PostgreSQL, a database of its own.</summary>
    public static async Task<DemoCopy> CopyAsync(string dataDir)
    {
        var template = await Loaded.Value;
        Directory.CreateDirectory(dataDir);
        CopyFolder(template.DataDir, dataDir);
        if (!IsPostgres) return new DemoCopy($"Data Source={Path.Combine(dataDir, "cobuild.db")}", null);

        var database = "cobuild_copy_" + Guid.NewGuid().ToString("N")[..12];
        await CopyLock.WaitAsync();
        try
        {
            await PgAsync($"CREATE DATABASE {database} TEMPLATE {template.PgDatabase}");
        }
        finally { CopyLock.Release(); }
        return new DemoCopy(new NpgsqlConnectionStringBuilder(PgServer) { Database = database }.ToString(), database);
    }

    /// <summary>Drops a copy's database (PostgreSQL); the caller deletes its data folder.</summary>
    public static async Task DropAsync(DemoCopy copy)
    {
        if (copy.PgDatabase is null) return;
        NpgsqlConnection.ClearAllPools();
        await PgAsync($"DROP DATABASE IF EXISTS {copy.PgDatabase} WITH (FORCE)");
    }

    private static async Task<Template> LoadAsync()
    {
        var dir = Directory.CreateTempSubdirectory("cobuild-template-").FullName;
        string connectionString;
        string? database = null;
        if (IsPostgres)
        {
            database = "cobuild_template_" + Guid.NewGuid().ToString("N")[..12];
            await PgAsync($"CREATE DATABASE {database} ENCODING 'UTF8'");
            connectionString = new NpgsqlConnectionStringBuilder(PgServer) { Database = database }.ToString();
        }
        else connectionString = $"Data Source={Path.Combine(dir, "cobuild.db")}";

        var before = CoBuild.Web.Features.Demo.DemoTime.Base(TimeProvider.System);
        await using (var loader = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseDemoSettings(dir, connectionString)))
        {
            _ = loader.Server; // migrations and the demo load run at start
        }
        var after = CoBuild.Web.Features.Demo.DemoTime.Base(TimeProvider.System);
        if (database is null) SqliteConnection.ClearAllPools(); // the last connection to close folds the WAL into the file
        else
        {
            NpgsqlConnection.ClearAllPools();
            await PgAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(dir, database);
        return new Template(dir, database, before == after ? before : null);
    }

    private static void Remove(string dir, string? database)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (database is null) return;
        try { PgAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)").GetAwaiter().GetResult(); }
        catch (NpgsqlException) { } // the server may be gone already; it is a throwaway one in CI
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var sub in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, sub)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    private static async Task PgAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(PgServer);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed record Template(string DataDir, string? PgDatabase, DateTimeOffset? Base);
}

/// <summary>A copy of the demo template: its connection string and, on PostgreSQL, its database's name.</summary>
public sealed record DemoCopy(string ConnectionString, string? PgDatabase);
