using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Seeding;

/// <summary>
/// Brings the database up to date: validates the seeds first (so a bad seed never touches the database), then
/// applies migrations, then imports the seeds. Seeds the database already holds (the same fingerprint, taken from
/// the files' bytes) are neither parsed nor compared. Runs at start-up, and as the <c>migrate</c> command.
/// </summary>
public static partial class DatabaseInitializer
{
    /// <param name="app">The application.</param>
    /// <param name="asCommand">True for the <c>migrate</c> command: migrate and import whatever start-up settings say.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task InitializeDatabaseAsync(this WebApplication app, bool asCommand = false, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seedOptions = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        var databaseOptions = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var database = scope.ServiceProvider.GetRequiredService<PersistenceServices.ResolvedDatabase>();

        SeedFolder? folder = null;
        SeedSet? seeds = null;
        SeedSet Load()
        {
            try
            {
                return seeds ??= SeedLoader.Load(folder!.Path);
            }
            catch (SeedException e)
            {
                // Said once, plainly, before the exception ends the process: the operator needs the list, not a stack trace.
                Log.InvalidSeeds(app.Logger, e.Message);
                throw;
            }
        }

        if (seedOptions.ImportOnStartup || asCommand)
        {
            try
            {
                folder = SeedLoader.Scan(Path.GetFullPath(seedOptions.Path, app.Environment.ContentRootPath));
            }
            catch (SeedException e)
            {
                Log.InvalidSeeds(app.Logger, e.Message);
                throw;
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        try
        {
            if (databaseOptions.MigrateOnStartup || asCommand)
            {
                // Seeds about to be imported are validated before any migration, so a bad seed never touches the
                // database. With nothing to migrate the import validates them itself, inside its transaction and
                // only if the database does not hold them yet: a start over unchanged seeds never parses them.
                if (folder is not null && await HasPendingMigrationsAsync(db, cancellationToken))
                {
                    Load();
                }

                await db.MigrateExclusivelyAsync(databaseOptions.MigrationLockTimeout, cancellationToken);

                // Derived values a migration cannot compute in SQL: the folded reviewer names of reviews written before
                // they were stored (migration ReviewList). One indexed read when there is nothing to fill.
                if (await Features.Reviews.ReviewerKeys.FillMissingAsync(db, cancellationToken) is > 0 and var filled)
                {
                    Log.ReviewerKeysFilled(app.Logger, filled);
                }
            }

            if (folder is not null)
            {
                await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(folder, Load, cancellationToken);
            }

            if (!databaseOptions.MigrateOnStartup && folder is null)
            {
                // Nothing above touched the database: still refuse to start on one that cannot be reached.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (DatabaseMigrationException e)
        {
            // Said once, plainly: what is wrong and what to do (a stack trace adds nothing).
            Log.MigrationFailed(app.Logger, e.Message);
            throw;
        }
        catch (Exception e) when (Unreachable(e) is { } cause)
        {
            var where = database.Describe();
            Log.DatabaseUnreachable(app.Logger, where, cause.Message);
            throw;
        }
    }

    /// <summary>
    /// Whether migrations are pending; asks whether the database and its history table exist first, as connecting to
    /// a missing database or reading a missing table makes EF Core log an error on PostgreSQL (npgsql/efcore.pg#3407),
    /// and a fresh database must start without one.
    /// </summary>
    private static async Task<bool> HasPendingMigrationsAsync(ClaimsDbContext db, CancellationToken cancellationToken) =>
        !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken)
        || !await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
        || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();

    /// <summary>
    /// The cause, if the failure is that the database cannot be reached or refused us (a configuration problem):
    /// network errors, PostgreSQL authentication / unknown database / no privilege, SQLite unable to open the file.
    /// A server-side error about the data itself is not a configuration problem and is left as it is.
    /// </summary>
    private static Exception? Unreachable(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case Npgsql.PostgresException postgres:
                    return postgres.SqlState.StartsWith("28", StringComparison.Ordinal) // invalid authorisation
                        || postgres.SqlState is "3D000" or "42501" // unknown database, insufficient privilege
                        ? postgres : null;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 or 23 }: // SQLITE_CANTOPEN, SQLITE_AUTH
                case Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException:
                    return current;
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Critical, Message = "{Problems}")]
        public static partial void InvalidSeeds(ILogger logger, string problems);

        [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
        public static partial void MigrationFailed(ILogger logger, string problem);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stored the folded reviewer name of {Count} reviews written before it was kept (GET /v1/reviews?reviewer=)")]
        public static partial void ReviewerKeysFilled(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot use the {Database} (check Database:Provider and Database:ConnectionString): {Reason}")]
        public static partial void DatabaseUnreachable(ILogger logger, string database, string reason);
    }
}
