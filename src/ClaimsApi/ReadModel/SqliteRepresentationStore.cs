using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.ReadModel;

/// <summary>
/// The read model on SQLite, in process: a pool of open connections, each keeping its statements compiled, read
/// synchronously (a point read takes microseconds, less than a thread switch; Microsoft.Data.Sqlite's asynchronous
/// methods run synchronously anyway). A fill is a short write: it takes the process's write turn, as the API's
/// writes do, and commits with <c>synchronous=NORMAL</c>, as what it stores can always be rendered again.
/// </summary>
internal sealed class SqliteRepresentationStore(string connectionString, ClaimsMetrics metrics) : RepresentationStore(metrics)
{
    private const string Provider = "sqlite";

    private readonly ConcurrentBag<Session> _idle = [];

    public override ValueTask<StoredRepresentation?> ReadAsync(string resource, string id, CancellationToken cancellationToken)
    {
        var session = Rent();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var read = session.Read;
            read.Parameters[0].Value = resource;
            read.Parameters[1].Value = id;
            read.Parameters[2].Value = Format;
            using var reader = read.ExecuteReader();
            StoredRepresentation? found = reader.Read() ? new StoredRepresentation((byte[])reader.GetValue(1), reader.GetString(0)) : null;
            Timed(Provider, started);
            return ValueTask.FromResult(found);
        }
        finally
        {
            _idle.Add(session);
        }
    }

    public override ValueTask<long> PositionAsync(CancellationToken cancellationToken)
    {
        var session = Rent();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var position = (long)session.Position.ExecuteScalar()!;
            Timed(Provider, started);
            return ValueTask.FromResult(position);
        }
        finally
        {
            _idle.Add(session);
        }
    }

    public override async Task<bool> FillAsync(
        string resource, string id, StoredRepresentation representation, IReadOnlyCollection<string> refs, long position, CancellationToken cancellationToken)
    {
        // One writer at a time in this process, as for the API's writes (SqliteClaimsDbContext); BEGIN IMMEDIATE
        // then waits out a writer of another process. Under the write lock every change is committed, so the
        // changes after the render's position are all there to check.
        using var turn = await SqliteClaimsDbContext.WaitForWriteTurnAsync(connectionString, cancellationToken);
        var session = Rent();
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            var since = session.Since;
            since.Transaction = transaction;
            since.Parameters[0].Value = position;
            var changes = new List<(string, string, string?, string?)>();
            using (var reader = since.ExecuteReader())
            {
                while (reader.Read())
                {
                    changes.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            if (changes.Count > MaxChangesToCheck || Touches(changes, refs))
            {
                transaction.Rollback();
                return false;
            }

            var fill = session.Fill;
            fill.Transaction = transaction;
            fill.Parameters[0].Value = resource;
            fill.Parameters[1].Value = id;
            fill.Parameters[2].Value = Format;
            fill.Parameters[3].Value = representation.ETag;
            fill.Parameters[4].Value = representation.Body;
            fill.Parameters[5].Value = JsonSerializer.Serialize(refs);
            fill.ExecuteNonQuery();
            transaction.Commit();
            Timed(Provider, started);
            return true;
        }
        finally
        {
            session.Since.Transaction = null;
            session.Fill.Transaction = null;
            _idle.Add(session);
        }
    }

    public override async Task InvalidateAsync(ClaimsDbContext db, IReadOnlyCollection<string> touched, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(ReadModelSql.InvalidateSqlite, [JsonSerializer.Serialize(touched)], cancellationToken);

    public override ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>As many sessions as reads have ever run at once.</summary>
    private Session Rent() => _idle.TryTake(out var session) ? session : new Session(connectionString);

    /// <summary>An open connection and its compiled statements.</summary>
    private sealed class Session : IDisposable
    {
        public Session(string connectionString)
        {
            // Never from or back to Microsoft.Data.Sqlite's pool: synchronous=NORMAL below must not reach a
            // connection the API's writes later take from the pool (they commit with FULL).
            Connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            Connection.Open();
            using (var pragma = Connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            Read = Prepare(ReadModelSql.ReadSqlite, "$resource", "$id", "$format");
            Position = Prepare(ReadModelSql.Position);
            Since = Prepare(ReadModelSql.Since("$position", MaxChangesToCheck + 1), "$position");
            Fill = Prepare(ReadModelSql.FillSqlite, "$resource", "$id", "$format", "$etag", "$body", "$refs");
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Read { get; }

        public SqliteCommand Position { get; }

        public SqliteCommand Since { get; }

        public SqliteCommand Fill { get; }

        public void Dispose()
        {
            Read.Dispose();
            Position.Dispose();
            Since.Dispose();
            Fill.Dispose();
            Connection.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}
