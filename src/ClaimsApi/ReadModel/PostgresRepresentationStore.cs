using System.Diagnostics;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimsApi.ReadModel;

/// <summary>
/// The read model on PostgreSQL: its own Npgsql data source (a pool apart from EF Core's), every statement
/// prepared once per physical connection, so a read is one round trip. A fill takes the change log's advisory lock
/// shared: writers hold it exclusively from their turn to their commit, so under it every change that has a
/// position is committed and the check sees it, and a writer that takes its turn later removes what the fill stored.
/// </summary>
internal sealed class PostgresRepresentationStore(string connectionString, ClaimsMetrics metrics) : RepresentationStore(metrics)
{
    private const string Provider = "postgresql";

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override async ValueTask<StoredRepresentation?> ReadAsync(string resource, string id, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var read = new NpgsqlCommand(ReadModelSql.ReadPostgres, connection) { Parameters = { new() { Value = resource }, new() { Value = id }, new() { Value = Format } } };
        await read.PrepareAsync(cancellationToken);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        StoredRepresentation? found = await reader.ReadAsync(cancellationToken) ? new StoredRepresentation(reader.GetFieldValue<byte[]>(1), reader.GetString(0)) : null;
        Timed(Provider, started);
        return found;
    }

    public override async ValueTask<long> PositionAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var position = new NpgsqlCommand(ReadModelSql.Position, connection);
        await position.PrepareAsync(cancellationToken);
        var value = (long)(await position.ExecuteScalarAsync(cancellationToken))!;
        Timed(Provider, started);
        return value;
    }

    public override async Task<bool> FillAsync(
        string resource, string id, StoredRepresentation representation, IReadOnlyCollection<string> refs, long position, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var turn = new NpgsqlCommand($"SELECT pg_advisory_xact_lock_shared({ClaimsDbContext.ChangeLogLockKey})", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        var changes = new List<(string, string, string?, string?)>();
        await using (var since = new NpgsqlCommand(ReadModelSql.Since("$1", MaxChangesToCheck + 1), connection, transaction) { Parameters = { new() { Value = position } } })
        await using (var reader = await since.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        if (changes.Count > MaxChangesToCheck || Touches(changes, refs))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await using (var fill = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(ReadModelSql.UnrefPostgres) { Parameters = { new() { Value = resource }, new() { Value = id } } },
                new(ReadModelSql.StorePostgres)
                {
                    Parameters = { new() { Value = resource }, new() { Value = id }, new() { Value = Format }, new() { Value = representation.ETag }, new() { Value = representation.Body } },
                },
                new(ReadModelSql.RefPostgres) { Parameters = { new() { Value = refs.ToArray() }, new() { Value = resource }, new() { Value = id } } },
            },
        })
        {
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Timed(Provider, started);
        return true;
    }

    public override async Task InvalidateAsync(ClaimsDbContext db, IReadOnlyCollection<string> touched, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(ReadModelSql.InvalidatePostgres, [touched.ToArray()], cancellationToken);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
