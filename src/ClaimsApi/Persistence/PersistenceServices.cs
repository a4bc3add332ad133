using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClaimsApi.Persistence;

public static class PersistenceServices
{
    /// <summary>The role whose principals see unpublished records (the role claim authentication gives a curator key, and above).</summary>
    private static readonly string CuratorRole = Domain.EnumNames.Of(Domain.ApiRole.Curator);

    /// <summary>Whether <paramref name="user"/> reads unpublished records (curators and above).</summary>
    internal static bool SeesUnpublished(System.Security.Claims.ClaimsPrincipal? user) => user?.IsInRole(CuratorRole) == true;

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is empty.")
            .Validate(o => IsWellFormed(o), "Database:ConnectionString is not a valid connection string for Database:Provider.")
            .Validate(o => o.MigrationLockTimeout > TimeSpan.Zero, "Database:MigrationLockTimeout must be a positive time span, such as 00:01:00.")
            .ValidateOnStart();

        // Options are read when the first context is built, not here, so hosts that override configuration late
        // (tests) are honoured. Both pools are registered; only the configured provider's is ever used.
        services.AddSingleton(sp => new ResolvedDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.AddDbContextPool<SqliteClaimsDbContext>((sp, db) => SqliteClaimsDbContext.Configure(db, sp.GetRequiredService<ResolvedDatabase>().ConnectionString));
        services.AddDbContextPool<PostgresClaimsDbContext>((sp, db) => PostgresClaimsDbContext.Configure(db, sp.GetRequiredService<ResolvedDatabase>().ConnectionString));
        services.AddHttpContextAccessor();
        services.AddScoped<ClaimsDbContext>(sp =>
        {
            ClaimsDbContext db = sp.GetRequiredService<ResolvedDatabase>().Provider switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<PostgresClaimsDbContext>(),
                _ => sp.GetRequiredService<SqliteClaimsDbContext>(),
            };

            // Pooled contexts are reused: always set who is reading (curators see drafts; see ClaimsDbContext).
            var accessor = sp.GetRequiredService<IHttpContextAccessor>();
            db.SeeUnpublishedWhen(() => SeesUnpublished(accessor.HttpContext?.User));
            return db;
        });
        return services;
    }

    private static bool IsWellFormed(DatabaseOptions options)
    {
        try
        {
            _ = options.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(options.ConnectionString).Host
                : new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The provider and the connection string as the app will use them.</summary>
    internal sealed class ResolvedDatabase(DatabaseOptions options, IHostEnvironment environment)
    {
        public DatabaseProvider Provider { get; } = options.Provider;

        public string ConnectionString { get; } = options.Provider == DatabaseProvider.Sqlite
            ? ResolveSqlitePath(options.ConnectionString, environment.ContentRootPath)
            : options.ConnectionString;

        /// <summary>Where the database is, for messages: never the password.</summary>
        public string Describe()
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                return $"SQLite database {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
            }

            var npgsql = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL database '{npgsql.Database}' on {npgsql.Host}:{npgsql.Port} as '{npgsql.Username}'";
        }
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
