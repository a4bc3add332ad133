using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>
/// A read snapshot: every query of this context until it is disposed sees the knowledge base as one commit left it,
/// whatever writers commit meanwhile, and <see cref="Position"/> is the change log's last position in it (the history
/// ids are handed out in commit order, decision 0029, so the snapshot holds exactly the changes up to it). A bulk
/// export reads in one, so that it is the base at <see cref="Position"/>, and the change feed after that position
/// is everything it lacks.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly Func<ValueTask> _end;

    internal ReadSnapshot(long position, Func<ValueTask> end)
    {
        Position = position;
        _end = end;
    }

    /// <summary>The id of the last history entry the snapshot holds (0 when there is none).</summary>
    public long Position { get; }

    /// <summary>Ends the read transaction (it wrote nothing).</summary>
    public ValueTask DisposeAsync() => _end();
}

public abstract partial class ClaimsDbContext
{
    /// <summary>
    /// Begins a <see cref="ReadSnapshot"/> on this context's connection and reads its position as its first statement.
    /// Each provider takes the snapshot the cheapest way that does not hold writers back: a deferred read transaction
    /// on SQLite (in WAL mode a reader never blocks the writer; the snapshot is taken by the first read), a read-only
    /// <c>REPEATABLE READ</c> transaction on PostgreSQL (its snapshot is taken by the first statement too). Queries on
    /// this context inside an execution strategy's operation, as the provider's retrying strategy requires.
    /// </summary>
    public async Task<ReadSnapshot> BeginReadSnapshotAsync(CancellationToken cancellationToken)
    {
        var end = await BeginReadTransactionAsync(cancellationToken);
        try
        {
            var position = await History.MaxAsync(h => (long?)h.Id, cancellationToken) ?? 0;
            return new ReadSnapshot(position, end);
        }
        catch
        {
            await end();
            throw;
        }
    }

    /// <summary>Begins the provider's read transaction (see <see cref="BeginReadSnapshotAsync"/>); returns what ends it.</summary>
    protected abstract Task<Func<ValueTask>> BeginReadTransactionAsync(CancellationToken cancellationToken);
}

public sealed partial class SqliteClaimsDbContext
{
    /// <inheritdoc/>
    /// <remarks>
    /// EF Core's <c>BeginTransaction</c> would send BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which takes the
    /// write lock for as long as the export runs; BEGIN DEFERRED takes nothing until the first read.
    /// </remarks>
    protected override async Task<Func<ValueTask>> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        var transaction = ((SqliteConnection)Database.GetDbConnection()).BeginTransaction(deferred: true);
        await Database.UseTransactionAsync(transaction, cancellationToken);
        return async () =>
        {
            await Database.UseTransactionAsync(null);
            await transaction.DisposeAsync(); // rolls back: nothing was written
            await Database.CloseConnectionAsync();
        };
    }
}

public sealed partial class PostgresClaimsDbContext
{
    /// <inheritdoc/>
    protected override async Task<Func<ValueTask>> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            return transaction.DisposeAsync; // rolls back: nothing was written
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
