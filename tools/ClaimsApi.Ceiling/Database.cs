using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClaimsApi.Ceiling;

/// <summary>A statement the ceiling runs: its SQL, the columns of its rows, and the names of its parameters, in the order values are given.</summary>
internal sealed class Query(string sql, RowShape shape, params string[] parameters)
{
    public string Sql { get; } = sql;

    public RowShape Shape { get; } = shape;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    public override string ToString() => Sql;
}

/// <summary>The rows of one query, on a connection lent for one request; disposing it gives the connection back.</summary>
internal abstract class Reading : IAsyncDisposable
{
    public abstract DbDataReader Reader { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// The database the API is configured with (the same settings: <c>Database:Provider</c>, <c>Database:ConnectionString</c>),
/// read the cheapest way each provider offers: every request is one prepared statement, run on a connection that is
/// already open and has it prepared.
/// </summary>
internal abstract class Database : IAsyncDisposable
{
    public abstract Dialect Dialect { get; }

    public static Database Open(string? provider, string connectionString) =>
        string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase)
            ? new PostgresDatabase(connectionString)
            : new SqliteDatabase(connectionString);

    /// <summary>Runs <paramref name="query"/> with <paramref name="values"/> (one per parameter, in order).</summary>
    public abstract ValueTask<Reading> ReadAsync(Query query, object[] values, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// SQLite in process: a pool of open connections, each keeping its prepared statements (a
/// <see cref="SqliteCommand"/> that is executed again reuses its compiled statement). Reads are synchronous, as
/// Microsoft.Data.Sqlite's asynchronous methods are anyway: a point read takes microseconds, less than a thread switch.
/// </summary>
internal sealed class SqliteDatabase(string connectionString) : Database
{
    private readonly ConcurrentBag<Session> _idle = [];

    public override Dialect Dialect => Dialect.Sqlite;

    public override ValueTask<Reading> ReadAsync(Query query, object[] values, CancellationToken cancellationToken)
    {
        // As many sessions as requests have ever run at once (Kestrel's concurrency on this machine's threads).
        var session = _idle.TryTake(out var idle) ? idle : new Session(connectionString);
        try
        {
            var command = session.Prepared(query);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            return ValueTask.FromResult<Reading>(new SessionReading(this, session, command.ExecuteReader()));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<Query, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);

        public Session(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public SqliteCommand Prepared(Query query)
        {
            if (!_commands.TryGetValue(query, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = query.Sql;
                foreach (var name in query.Parameters)
                {
                    command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                }

                command.Prepare();
                _commands.Add(query, command);
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }

    private sealed class SessionReading(SqliteDatabase database, Session session, SqliteDataReader reader) : Reading
    {
        public override DbDataReader Reader => reader;

        public override ValueTask DisposeAsync()
        {
            reader.Dispose();
            database._idle.Add(session);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// PostgreSQL over the network: Npgsql's connection pool, and each statement prepared on the server once per physical
/// connection (preparing again SQL that the pooled connection has already prepared costs no round trip), so a
/// request is one round trip: bind and execute.
/// </summary>
internal sealed class PostgresDatabase(string connectionString) : Database
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override Dialect Dialect => Dialect.Postgres;

    public override async ValueTask<Reading> ReadAsync(Query query, object[] values, CancellationToken cancellationToken)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken);
        try
        {
            var command = new NpgsqlCommand(query.Sql, connection);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter(query.Parameters[i], values[i]));
            }

            await command.PrepareAsync(cancellationToken);
            return new ConnectionReading(connection, command, await command.ExecuteReaderAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    private sealed class ConnectionReading(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader) : Reading
    {
        public override DbDataReader Reader => reader;

        public override async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
