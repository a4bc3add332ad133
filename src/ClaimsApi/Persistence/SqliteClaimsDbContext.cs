using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>The SQLite flavour: the embedded default.</summary>
public sealed class SqliteClaimsDbContext(DbContextOptions<SqliteClaimsDbContext> options) : ClaimsDbContext(options)
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention();

    /// <summary>
    /// Nothing to do: Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which takes the database's
    /// write lock at once, so a second importer waits (busy timeout) until the first commits.
    /// </summary>
    public override Task LockForSeedingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
