using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClaimsApi.Persistence;

/// <summary>The SQLite flavour: the embedded default.</summary>
public sealed partial class SqliteClaimsDbContext(DbContextOptions<SqliteClaimsDbContext> options) : ClaimsDbContext(options)
{
    /// <summary>
    /// The options of every SQLite context. Migrations run inside a transaction this context opens
    /// (SqliteClaimsDbContext.Migrations.cs), which EF Core would otherwise warn about on every start.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention()
            .ReplaceService<IMigrationsSqlGenerator, AtomicSqliteMigrationsSqlGenerator>()
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.MigrationsUserTransactionWarning));

    /// <summary>
    /// Nothing to do: Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which takes the database's
    /// write lock at once, so a second importer waits (busy timeout) until the first commits.
    /// </summary>
    public override Task LockForSeedingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The ids as a JSON array, read back with json_each (an IN of one parameter per id would need as many parameters).</summary>
    protected override string InIds(string column, int parameter) => $"{column} IN (SELECT value FROM json_each({{{parameter}}}))";

    protected override object IdsParameter(IReadOnlyCollection<string> ids) => System.Text.Json.JsonSerializer.Serialize(ids);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteTurns = new(StringComparer.Ordinal);

    public override async ValueTask<IDisposable?> WaitForWriteTurnAsync(CancellationToken cancellationToken) =>
        await WaitForWriteTurnAsync(Database.GetConnectionString() ?? "", cancellationToken);

    /// <summary>The write turn of this process on the database of <paramref name="connectionString"/>, for writers outside a context (the read model's fills).</summary>
    internal static async Task<IDisposable> WaitForWriteTurnAsync(string connectionString, CancellationToken cancellationToken)
    {
        var turn = WriteTurns.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
