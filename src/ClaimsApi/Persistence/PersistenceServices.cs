using ClaimsApi.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

public static class PersistenceServices
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveSqlitePath(options.ConnectionString, environment.ContentRootPath);

        services.AddDbContext<SqliteClaimsDbContext>(db => db
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteClaimsDbContext).Assembly.GetName().Name))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddScoped<ClaimsDbContext>(sp => sp.GetRequiredService<SqliteClaimsDbContext>());
        services.AddScoped<SeedImporter>();
        return services;
    }

    /// <summary>
    /// SQLite resolves a relative path against the process's working directory, which differs between
    /// <c>dotnet run</c>, the tests and the container; resolve it against the content root instead, and create the folder.
    /// </summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
