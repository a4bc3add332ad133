using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClaimsApi.Persistence;

// How SQLite migrates, so that a process killed at any point leaves a database the next start can use
// (docs/reliability.md#crash-safety).
//
// EF Core's own migrator on SQLite (a) takes a lock by inserting a row into __EFMigrationsLock, outside any
// transaction, and waits for that row forever; a process killed while holding it leaves the row, and every later
// start hangs without a word; and (b) commits around every table rebuild, because the rebuild turns foreign keys off
// and SQLite ignores that pragma inside a transaction; a process killed between those commits leaves a migration
// half-applied (columns added but not recorded), and the next start fails ("duplicate column name: deleted_at").
//
// Here instead: foreign keys are turned off before BEGIN IMMEDIATE, which takes SQLite's write lock; every pending
// migration runs in that one transaction (EF Core applies migrations inside a transaction it did not start without
// taking its row lock, and the pragmas it would commit around are dropped by AtomicSqliteMigrationsSqlGenerator);
// foreign keys are checked, then COMMIT. The write lock is the mutual exclusion: a second instance starting at the
// same time waits for it (bounded by Database:MigrationLockTimeout), then finds nothing pending. SQLite releases it
// when the process holding it dies, and the next opener rolls the uncommitted work back from the journal, so it is
// never stale, and no migration is ever half-applied.
//
// A row in __EFMigrationsLock is therefore never held by a live ClaimsApi of this version: whoever wrote it used EF
// Core's own migrator (an older ClaimsApi, or `dotnet ef database update`), and since it holds no SQLite lock we could
// not be holding the write lock now if it were inside one of its migration transactions. It is released, with a
// warning. (The one owner that could still be alive is a `dotnet ef database update` between two of its commits; do
// not run that against the database of a running app: use the `migrate` command.)
public sealed partial class SqliteClaimsDbContext
{
    /// <summary>The table EF Core's SQLite migrator (EF Core 9 and later) uses as its lock.</summary>
    private const string EfLockTable = "__EFMigrationsLock";

    public override async Task MigrateExclusivelyAsync(string? targetMigration, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var logger = this.GetService<ILoggerFactory>().CreateLogger<SqliteClaimsDbContext>();
        var creator = this.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken); // as EF Core makes it: in WAL mode
        }

        await Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)Database.GetDbConnection();
        try
        {
            await ExecuteAsync(connection, "PRAGMA foreign_keys = 0;", cancellationToken);
            await using var transaction = await BeginImmediateAsync(connection, lockTimeout, cancellationToken);
            await ReleaseStaleEfLockAsync(connection, logger, cancellationToken);
            var pending = (await Database.GetPendingMigrationsAsync(cancellationToken))
                .Where(id => targetMigration is null || string.CompareOrdinal(id, targetMigration) <= 0).ToList();
            if (pending.Count > 0)
            {
                await ThrowIfHalfMigratedAsync(connection, pending[0], cancellationToken);
                try
                {
                    await Database.MigrateAsync(targetMigration, cancellationToken);
                }
                catch (SqliteException e)
                {
                    throw new DatabaseMigrationException(
                        $"Applying migrations {string.Join(", ", pending)} to {connection.DataSource} failed, and nothing of them was kept (they run in one transaction): {e.Message}. "
                        + "If that names a table or column that already exists, an older ClaimsApi was stopped while applying a migration and left the database half-migrated: "
                        + "restore the backup taken before the upgrade (docs/reliability.md#backup-and-restore), then start again.", e);
                }

                if (await ScalarAsync(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check;", cancellationToken) is long broken and > 0)
                {
                    throw new DatabaseMigrationException($"Applying migrations {string.Join(", ", pending)} to {connection.DataSource} would leave {broken} rows whose foreign keys point nowhere; nothing was changed.");
                }

                Log.Migrated(logger, pending.Count, connection.DataSource, pending[^1]);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            try
            {
                await ExecuteAsync(connection, "PRAGMA foreign_keys = 1;", CancellationToken.None);
            }
            catch (SqliteException)
            {
                // Never hand a pooled connection back with foreign keys off.
                SqliteConnection.ClearPool(connection);
            }

            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>BEGIN IMMEDIATE: the database's write lock, waited for at most <paramref name="timeout"/>.</summary>
    private async Task<IDbContextTransaction> BeginImmediateAsync(SqliteConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite retries a busy BEGIN until the connection's default timeout (whole seconds; 0 = forever).
        var defaultTimeout = connection.DefaultTimeout;
        connection.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        try
        {
            return await Database.BeginTransactionAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new DatabaseMigrationException(
                $"Cannot apply migrations: another process has held the write lock of the SQLite database {connection.DataSource} for {timeout} "
                + "(Database:MigrationLockTimeout). Another ClaimsApi or `migrate` may be migrating or importing seeds, or a tool (sqlite3, a script) "
                + "holds a write transaction. Let it finish or stop it, then start again; or raise Database:MigrationLockTimeout.", e);
        }
        finally
        {
            connection.DefaultTimeout = defaultTimeout;
        }
    }

    private static async Task ReleaseStaleEfLockAsync(SqliteConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{EfLockTable}';", cancellationToken) is not (long and > 0))
        {
            return;
        }

        var taken = await ScalarAsync(connection, $"SELECT group_concat(\"Timestamp\", ', ') FROM \"{EfLockTable}\";", cancellationToken);
        if (taken is string since)
        {
            await ExecuteAsync(connection, $"DELETE FROM \"{EfLockTable}\";", cancellationToken);
            Log.StaleLockReleased(logger, connection.DataSource, since);
        }
    }

    /// <summary>
    /// An older ClaimsApi killed inside a table rebuild leaves EF Core's ef_temp_ tables behind: say so before the
    /// migration trips over what that run left, naming what to do.
    /// </summary>
    private static async Task ThrowIfHalfMigratedAsync(SqliteConnection connection, string firstPending, CancellationToken cancellationToken)
    {
        var leftovers = await ScalarAsync(connection, @"SELECT group_concat(name, ', ') FROM sqlite_master WHERE type = 'table' AND name LIKE 'ef\_temp\_%' ESCAPE '\';", cancellationToken);
        if (leftovers is string tables)
        {
            throw new DatabaseMigrationException(
                $"The SQLite database {connection.DataSource} was left half-migrated: an older ClaimsApi was stopped while applying {firstPending} "
                + $"(its temporary tables {tables} are still there). Nothing was changed. Restore the backup taken before the upgrade "
                + "(docs/reliability.md#backup-and-restore), then start again; migrations now run in one transaction, so this cannot happen again.");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(); // enlisted in the open transaction, if any
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Released a stale migration lock on {Database} (EF Core's __EFMigrationsLock, taken at {Taken}): its owner is gone, a process killed while migrating")]
        public static partial void StaleLockReleased(ILogger logger, string database, string taken);

        [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migrations to {Database} in one transaction, up to {Last}")]
        public static partial void Migrated(ILogger logger, int count, string database, string last);
    }
}

/// <summary>
/// SQLite's migration SQL, less the two pragmas EF Core wraps around a table rebuild (<c>PRAGMA foreign_keys = 0</c>
/// and <c>= 1</c>) when migrations run inside a transaction that ClaimsApi opened: there SQLite ignores them, foreign
/// keys are already off, and EF Core would refuse them (they are marked to run outside a transaction). Any other
/// command that cannot run in a transaction is refused, so no migration work ever runs outside it. Scripts
/// (<c>dotnet ef migrations script</c>, no transaction) keep the pragmas.
/// </summary>
internal sealed class AtomicSqliteMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider migrationsAnnotations)
    : SqliteMigrationsSqlGenerator(dependencies, migrationsAnnotations)
{
    public override IReadOnlyList<MigrationCommand> Generate(IReadOnlyList<MigrationOperation> operations, IModel? model = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        var commands = base.Generate(operations, model, options);
        if (Dependencies.CurrentContext.Context.Database.CurrentTransaction is null)
        {
            return commands;
        }

        var kept = commands.Where(c => !(c.TransactionSuppressed && IsForeignKeysPragma(c.CommandText))).ToList();
        if (kept.FirstOrDefault(c => c.TransactionSuppressed) is { } outside)
        {
            throw new DatabaseMigrationException($"A migration asks to run this outside a transaction, which ClaimsApi does not do on SQLite (a crash there would leave it half-applied): {outside.CommandText}");
        }

        return kept;
    }

    private static bool IsForeignKeysPragma(string sql) =>
        sql.Trim() is "PRAGMA foreign_keys = 0;" or "PRAGMA foreign_keys = 1;";
}
