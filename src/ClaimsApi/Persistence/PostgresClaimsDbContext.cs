using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>The PostgreSQL flavour: a shared server database for several instances.</summary>
public sealed class PostgresClaimsDbContext(DbContextOptions<PostgresClaimsDbContext> options) : ClaimsDbContext(options)
{
    /// <summary>An arbitrary, fixed key for the seed-import advisory lock ("claims" in ASCII).</summary>
    private const long SeedLockKey = 0x636C61696D73;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3)).UseSnakeCaseNamingConvention();

    /// <summary>A transaction-scoped advisory lock: released by commit or rollback, never leaked by a crash.</summary>
    public override async Task LockForSeedingAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);

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
