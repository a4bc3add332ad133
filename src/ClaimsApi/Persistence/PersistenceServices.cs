using ClaimsApi.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Persistence;

public static class PersistenceServices
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));

        // Options are read when the first context is built, not here, so hosts that override configuration late (tests) are honoured.
        services.AddSingleton(sp => new ResolvedConnectionString(ResolveSqlitePath(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddDbContextPool<SqliteClaimsDbContext>((sp, db) => db.UseSqlite(sp.GetRequiredService<ResolvedConnectionString>().Value).UseSnakeCaseNamingConvention());
        services.AddScoped<ClaimsDbContext>(sp => sp.GetRequiredService<SqliteClaimsDbContext>());
        services.AddScoped<SeedImporter>();
        return services;
    }

    private sealed record ResolvedConnectionString(string Value);

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
