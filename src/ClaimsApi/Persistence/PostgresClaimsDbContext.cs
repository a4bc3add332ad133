using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClaimsApi.Persistence;

/// <summary>The PostgreSQL flavour: a shared server database for several instances.</summary>
public sealed partial class PostgresClaimsDbContext(DbContextOptions<PostgresClaimsDbContext> options) : ClaimsDbContext(options)
{
    /// <summary>Arbitrary, fixed keys for the advisory locks ("claims" and "migrate" in ASCII).</summary>
    private const long SeedLockKey = 0x636C61696D73;
    private const long MigrationLockKey = 0x6D696772617465;

    /// <inheritdoc/>
    public override Task TakeChangeLogTurnAsync(CancellationToken cancellationToken) =>
        // Held until commit or rollback: identity values taken after it are visible in the order they were taken.
        Database.CurrentTransaction is null
            ? throw new InvalidOperationException("The change log's turn is taken inside the write's transaction.")
            : Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChangeLogLockKey})", cancellationToken);

    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromHours(1);

    /// <summary>The ids as one text[] parameter.</summary>
    protected override string InIds(string column, int parameter) => $"{column} = ANY({{{parameter}}})";

    protected override object IdsParameter(IReadOnlyCollection<string> ids) => ids.ToArray();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3)).UseSnakeCaseNamingConvention();

    private static readonly HashSet<string> LockableTables = new(StringComparer.Ordinal) { "articles", "entities", "statements", "claims", "claim_reviews" };

    public override async Task LockRowsAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        if (!LockableTables.Contains(table))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table of curated records.");
        }

        // In id order, so that two writers locking overlapping sets cannot deadlock. The table name is checked
        // against the fixed list above; the ids are a parameter.
        var sql = "SELECT 1 FROM " + table + " WHERE id = ANY({0}) ORDER BY id FOR " + (exclusive ? "UPDATE" : "SHARE");
        await Database.ExecuteSqlRawAsync(sql, [ids.Distinct(StringComparer.Ordinal).ToArray()], cancellationToken);
    }

    /// <summary>A transaction-scoped advisory lock: released by commit or rollback, never leaked by a crash.</summary>
    public override async Task LockForSeedingAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);

    /// <summary>
    /// Creates the database if it is missing (tolerating another instance doing the same), then migrates while
    /// holding a session-level advisory lock on a connection of its own, so concurrent starts migrate one at a time;
    /// the later ones find nothing pending. Each migration is a transaction (PostgreSQL's DDL is transactional), and
    /// the server drops the advisory lock with the session of a process that dies, so no lock is ever stale: a start
    /// waits for another instance's migration however long it takes, and <paramref name="lockTimeout"/> is not used.
    /// </summary>
    public override async Task MigrateExclusivelyAsync(string? targetMigration, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var creator = this.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it first.
            }
        }

        var lockConnectionString = new NpgsqlConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // EF Core reads the history table before it creates it, and logs the failed read of a new database as an
            // error (npgsql/efcore.pg#3407): create it first, so a first start logs no "fail:" line.
            await Database.ExecuteSqlRawAsync(this.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);

            // A migration that fills a table from a large base (entity_claims: minutes at millions of claims) runs
            // far past the 30 s default for a command; cancelling it would only roll it back and fail the start.
            var timeout = Database.GetCommandTimeout();
            Database.SetCommandTimeout(MigrationCommandTimeout);
            try
            {
                await Database.MigrateAsync(targetMigration, cancellationToken);
            }
            finally
            {
                Database.SetCommandTimeout(timeout);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Order text by code point, as SQLite does, so keyset cursors, sorts and JSON are the same on both
        // providers whatever collation the server was initialised with.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }
}
