using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CoBuild.Web.Infrastructure.Data;

internal static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/cobuild.db";

    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var connection = config.GetConnectionString("Default");
        if (IsPostgres(config))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider=Postgres needs ConnectionStrings:Default.");
            services.AddLeasedContext<PostgresAppDbContext>(o => o.UseNpgsql(connection).AddInterceptors(Input.TextColumnGuard.Instance).AddInterceptors(WriteGeneration.Interceptors));
        }
        else
        {
            var sqlite = PrepareSqlite(connection ?? DefaultSqlite, contentRoot);
            services.AddLeasedContext<SqliteAppDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(Input.TextColumnGuard.Instance).AddInterceptors(WriteGeneration.Interceptors));
        }
        return services;
    }

    /// <summary>
    /// Pooled contexts, one per DI scope as before, each leased for the request of its scope (see DistrictFilter.cs):
    /// EF's pooled factory rather than <c>AddDbContextPool</c>, whose lease cannot be given per-lease state.
    /// </summary>
    private static void AddLeasedContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> options) where TContext : AppDbContext
    {
        services.AddHttpContextAccessor();
        services.AddPooledDbContextFactory<TContext>(options);
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()
            .Lease(sp.GetRequiredService<IHttpContextAccessor>().HttpContext));
    }

    /// <summary>
    /// Anchors a relative file at the content root (not the working directory), creates its folder and turns on WAL
    /// once; foreign keys are on by default in EF's SQLite provider.
    /// </summary>
    private static string PrepareSqlite(string connection, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connection) { ForeignKeys = true, DefaultTimeout = 30 };
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
            builder.DataSource = Path.GetFullPath(file, contentRoot);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var conn = new SqliteConnection(builder.ToString());
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
        return builder.ToString();
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
    }
}

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
