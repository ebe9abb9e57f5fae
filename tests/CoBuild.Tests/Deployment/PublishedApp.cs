using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using CoBuild.Tests.Infrastructure;
using Npgsql;

namespace CoBuild.Tests.Deployment;

/// <summary>
/// The web project published into a temporary folder and started as a service would be: <c>dotnet &lt;folder&gt;/CoBuild.Web.dll</c>
/// from another working directory, in Production, on a free loopback port, on SQLite with the default relative
/// connection string, or on a database of its own with COBUILD_TEST_DB=Postgres. One publish per build: the folder is
/// published once into obj/ (keyed by the build's files) and copied for each class, so the run on the second provider
/// starts from the same publish output without paying for `dotnet publish` again, and never sees the first one's data.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _pgDatabase;

    public string PublishDir { get; } = Directory.CreateTempSubdirectory("cobuild-publish-").FullName;
    public string WorkingDir { get; } = Directory.CreateTempSubdirectory("cobuild-cwd-").FullName;
    public HttpClient Client { get; private set; } = default!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task InitializeAsync()
    {
        await PublishAsync();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PublishDir, "CoBuild.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        if (AppFixture.IsPostgres)
        {
            var server = Environment.GetEnvironmentVariable("COBUILD_TEST_PG")!;
            _pgDatabase = "cobuild_publish_" + Guid.NewGuid().ToString("N")[..12];
            await PgAsync($"CREATE DATABASE {_pgDatabase} ENCODING 'UTF8'");
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Default"] = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The published app exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await Client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The published app did not answer /healthz:\n{Output}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Publishes the build the test project was compiled against (no second compile, so it costs seconds, and the
    /// build outputs are only read) into a cache folder named by the build, unless it is there, and copies it to
    /// <see cref="PublishDir"/>.
    /// </summary>
    private async Task PublishAsync()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var web = Path.Combine(RepositoryRoot(), "src", "CoBuild.Web");
        var cacheRoot = Path.Combine(web, "obj", configuration, "test-publish");
        var cached = Path.Combine(cacheRoot, BuildKey(web, configuration));
        Directory.CreateDirectory(cacheRoot);
        if (!Directory.Exists(cached))
        {
            var fresh = cached + "." + Guid.NewGuid().ToString("N")[..8];
            var publish = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "publish", Path.Combine(web, "CoBuild.Web.csproj"), "-c", configuration, "--no-build", "--nologo", "-o", fresh })
                publish.ArgumentList.Add(arg);
            using var process = Process.Start(publish)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}\n{await stderr}");
            foreach (var old in Directory.GetDirectories(cacheRoot).Where(d => !d.StartsWith(cached, StringComparison.Ordinal)))
                try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            try { Directory.Move(fresh, cached); }
            catch (IOException) { Directory.Delete(fresh, recursive: true); } // another run published the same build meanwhile
        }
        foreach (var dir in Directory.GetDirectories(cached, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(PublishDir, Path.GetRelativePath(cached, dir)));
        foreach (var file in Directory.GetFiles(cached, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(PublishDir, Path.GetRelativePath(cached, file)));
    }

    /// <summary>The build's identity: name, size and time of every file in the build output and under wwwroot.</summary>
    private static string BuildKey(string web, string configuration)
    {
        var text = new StringBuilder();
        foreach (var root in new[] { Path.Combine(web, "bin", configuration), Path.Combine(web, "wwwroot") })
            foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.Append(file).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CoBuild.slnx"))) return dir.FullName;
        throw new InvalidOperationException("CoBuild.slnx not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await PgAsync($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)");
        }
        foreach (var dir in new[] { PublishDir, WorkingDir })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task PgAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("COBUILD_TEST_PG"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
