using System.Security.Cryptography;
using System.Text;
using ClaimsApi.Persistence;

namespace ClaimsApi.TextSearch;

public static class TextSearchServices
{
    /// <summary>The text index of this instance and the follower that keeps it in step with the database (decision 0032).</summary>
    public static IServiceCollection AddTextSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TextSearchOptions>().Bind(configuration.GetSection(TextSearchOptions.Section));
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TextSearchOptions>>().Value.IndexPath;
            var folder = path == ":memory:" ? null : Folder(path, sp.GetRequiredService<PersistenceServices.ResolvedDatabase>(), sp.GetRequiredService<IHostEnvironment>());
            return folder is null ? TextIndex.InMemory() : TextIndex.Open(folder);
        });
        services.AddSingleton<TextIndexFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<TextIndexFollower>());
        return services;
    }

    /// <summary>
    /// The index's folder: the configured one (relative to the content root); by default, beside a SQLite file
    /// (<c>claims.db.search-index</c>; none for an in-memory database: the index is in memory too), or for PostgreSQL <c>data/search-index/</c> and a digest of the connection string.
    /// </summary>
    internal static string? Folder(string? configured, PersistenceServices.ResolvedDatabase database, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString);
            return sqlite.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:"
                ? null // an in-memory database: an in-memory index, built at start
                : Path.GetFullPath(sqlite.DataSource + ".search-index", environment.ContentRootPath);
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database.ConnectionString)))[..16];
        return Path.Combine(environment.ContentRootPath, "data", "search-index", digest);
    }
}
