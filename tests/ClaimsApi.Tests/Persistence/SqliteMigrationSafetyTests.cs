using System.Data.Common;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Persistence;

/// <summary>
/// SQLite migrations survive being stopped at any point (docs/reliability.md#crash-safety): all pending migrations
/// run in one transaction holding the database's write lock, so a kill leaves the database as it was; a migration
/// lock row left by a killed process is released with a log line; waiting for another process's lock is bounded.
/// A thrown command stands in for the kill: the outcome on disk is the same (the transaction never commits).
/// </summary>
public sealed class SqliteMigrationSafetyTests : IDisposable
{
    /// <summary>The migration before CurationWrites, the one that was once left half-applied.</summary>
    private const string BeforeCurationWrites = "20261127082435_ImmutableUnaccent";

    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly SqliteTestDatabase _database = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public SqliteMigrationSafetyTests() => _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs));

    [Fact]
    public async Task AMigrationLockLeftByAKilledProcessIsReleasedWithALogLine()
    {
        await MigrateAsync();
        // What EF Core's own migrator leaves behind when killed between taking its lock and releasing it.
        await ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-27 09:00:00+00:00');
            """);

        await MigrateAsync().WaitAsync(Hang);

        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        var line = Assert.Single(_logs.Entries, e => e.Contains("migration lock", StringComparison.Ordinal));
        Assert.Contains("stale", line, StringComparison.Ordinal);
        Assert.Contains("2026-11-27 09:00:00+00:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFreshDatabaseIsMigratedWithoutEverTakingEfCoresLockRow()
    {
        await MigrateAsync();

        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'"));
        Assert.DoesNotContain(_logs.Entries, e => e.Contains("migration lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMigrationCommandRunsInsideOneTransaction()
    {
        var recorder = new CommandRecorder();

        await MigrateAsync(recorder);

        // Creating the file (WAL mode) comes before; it is not a migration, and an empty WAL file is a fine place to restart.
        var outside = recorder.Commands.Where(c => !c.InTransaction && c.Sql != "PRAGMA journal_mode = 'wal';").ToList();
        Assert.True(outside.Count == 0, "run outside the transaction: " + string.Join(" | ", outside.Select(c => c.Sql)));
        Assert.Single(recorder.Commands.Select(c => c.Transaction).OfType<DbTransaction>().Distinct());
        Assert.Contains(recorder.Commands, c => c.Sql.Contains("ef_temp_", StringComparison.Ordinal)); // a table rebuild was among them
    }

    [Fact]
    public async Task AnUpgradeStoppedHalfwayThroughATableRebuildLeavesTheDatabaseAtItsOldMigration()
    {
        await MigrateToAsync(BeforeCurationWrites);
        var before = await SchemaAsync();

        // Stopped after CurationWrites has added its columns and filled its ef_temp_ tables, before it drops the old table.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => MigrateAsync(new FailOn("DROP TABLE")));

        Assert.Contains("simulated crash", Messages(error), StringComparison.Ordinal);
        Assert.Equal(before, await SchemaAsync());
        Assert.Equal(BeforeCurationWrites, await ScalarAsync("SELECT MAX(migration_id) FROM \"__EFMigrationsHistory\""));

        // The next start applies the same migrations from the beginning (once, this failed with "duplicate column name: deleted_at").
        await MigrateAsync();

        await using var db = NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    [Fact]
    public async Task AHalfMigratedDatabaseLeftByAnOlderVersionIsNamedWithWhatToDo()
    {
        await MigrateToAsync(BeforeCurationWrites);
        // The state an older ClaimsApi (EF Core committing each part of a table rebuild on its own) could be killed in.
        await ExecuteAsync("ALTER TABLE statements ADD COLUMN deleted_at TEXT NULL; CREATE TABLE ef_temp_entities (id TEXT);");
        var before = await SchemaAsync();

        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(() => MigrateAsync());

        Assert.Contains("half-migrated", error.Message, StringComparison.Ordinal);
        Assert.Contains("ef_temp_entities", error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SchemaAsync());
    }

    [Fact]
    public async Task AMigrationThatFailsOnWhatIsAlreadyThereSaysSo()
    {
        await MigrateToAsync(BeforeCurationWrites);
        await ExecuteAsync("ALTER TABLE statements ADD COLUMN deleted_at TEXT NULL;");

        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(() => MigrateAsync());

        Assert.Contains("duplicate column name: deleted_at", error.Message, StringComparison.Ordinal);
        Assert.Contains("20261127084604_CurationWrites", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing of them was kept", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitingForTheWriteLockIsBoundedAndSaysWhatToDo()
    {
        await MigrateToAsync(BeforeCurationWrites);
        await using var holder = new SqliteConnection(_database.ConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: another process writing

        var started = TimeProvider.System.GetTimestamp();
        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(() => MigrateAsync(lockTimeout: TimeSpan.FromSeconds(1)).WaitAsync(Hang));

        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Contains("Database:MigrationLockTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains(_database.FilePath, error.Message, StringComparison.Ordinal);
        await held.RollbackAsync();
        await MigrateAsync(); // and once the other process is done, it goes through
    }

    [Fact]
    public async Task StartUpFailsWithinTheConfiguredTimeWhenTheLockIsHeld()
    {
        await MigrateToAsync(BeforeCurationWrites);
        await using var holder = new SqliteConnection(_database.ConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        using var factory = new ClaimsApiFactory(_database, ownsDatabase: false) { Settings = { ["Database:MigrationLockTimeout"] = "00:00:01" } };

        var error = await Task.Run(() => Assert.ThrowsAny<Exception>(() => factory.CreateClient())).WaitAsync(Hang);

        Assert.Contains("raise Database:MigrationLockTimeout", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignKeysAreOnAgainAfterMigrating()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync();

        await db.MigrateExclusivelyAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _database.Dispose();
    }

    private SqliteClaimsDbContext NewContext(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<SqliteClaimsDbContext>().UseLoggerFactory(_loggerFactory);
        SqliteClaimsDbContext.Configure(builder, _database.ConnectionString);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        return new SqliteClaimsDbContext(builder.Options);
    }

    private async Task MigrateAsync(IInterceptor? interceptor = null, TimeSpan? lockTimeout = null)
    {
        await using var db = interceptor is null ? NewContext() : NewContext(interceptor);
        await db.MigrateExclusivelyAsync(lockTimeout ?? TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    /// <summary>An older database: EF Core's migrator, up to a given migration.</summary>
    private async Task MigrateToAsync(string migration)
    {
        await using var db = NewContext();
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every table, index and column, as text.</summary>
    private async Task<string> SchemaAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    /// <summary>Throws instead of running the first command containing <paramref name="text"/>: the process "dies" there.</summary>
    private sealed class FailOn(string text) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains(text, StringComparison.Ordinal)
                ? throw new InvalidOperationException($"simulated crash before: {command.CommandText}")
                : ValueTask.FromResult(result);

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            command.CommandText.Contains(text, StringComparison.Ordinal)
                ? throw new InvalidOperationException($"simulated crash before: {command.CommandText}")
                : result;
    }

    /// <summary>Records each command EF Core runs and the transaction it ran in.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, bool InTransaction, DbTransaction? Transaction)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText.Trim(), command.Transaction is not null, command.Transaction));
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Commands.Add((command.CommandText.Trim(), command.Transaction is not null, command.Transaction));
            return result;
        }
    }
}
