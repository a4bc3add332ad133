using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClaimsApi.Synthetic;

/// <summary>
/// Prepared INSERTs, one transaction per batch. Durability is traded for speed while generating (synchronous=OFF,
/// write-ahead log): a crash mid-run leaves a database to throw away, never a half-trusted one in production.
/// </summary>
internal sealed class SqliteBatchWriter : IBatchWriter
{
    private readonly SqliteConnection _connection;
    private readonly TableSpec[] _schema;
    private readonly SqliteCommand[] _inserts;

    private SqliteBatchWriter(SqliteConnection connection, TableSpec[] schema)
    {
        _connection = connection;
        _schema = schema;
        _inserts = [.. schema.Select(table =>
        {
            var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < table.Columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), table.Columns[i].Type == ColumnType.Int ? SqliteType.Integer : SqliteType.Text));
            }

            return command;
        })];
    }

    public static async Task<SqliteBatchWriter> OpenAsync(string connectionString, TableSpec[] schema, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(ct);
        }

        return new SqliteBatchWriter(connection, schema);
    }

    public Task WriteAsync(SyntheticBatch batch, CancellationToken ct)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var table in _schema)
        {
            var command = _inserts[table.Ordinal];
            command.Transaction = transaction;
            var parameters = command.Parameters;
            foreach (var row in batch.Rows[table.Ordinal])
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] switch
                    {
                        null => DBNull.Value,
                        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        var value => value,
                    };
                }

                command.ExecuteNonQuery();
            }

            ct.ThrowIfCancellationRequested();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _inserts)
        {
            await command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
