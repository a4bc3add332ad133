using Npgsql;
using NpgsqlTypes;

namespace ClaimsApi.Synthetic;

/// <summary>Binary COPY per table, one transaction per batch.</summary>
internal sealed class PostgresBatchWriter : IBatchWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly TableSpec[] _schema;

    private PostgresBatchWriter(NpgsqlConnection connection, TableSpec[] schema)
    {
        _connection = connection;
        _schema = schema;
    }

    public static async Task<PostgresBatchWriter> OpenAsync(string connectionString, TableSpec[] schema, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return new PostgresBatchWriter(connection, schema);
    }

    public async Task WriteAsync(SyntheticBatch batch, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        foreach (var table in _schema)
        {
            var rows = batch.Rows[table.Ordinal];
            if (rows.Count == 0)
            {
                continue;
            }

            await using var import = await _connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    switch (row[i])
                    {
                        case null:
                            await import.WriteNullAsync(ct);
                            break;
                        case string text:
                            await import.WriteAsync(text, NpgsqlDbType.Text, ct);
                            break;
                        case int number:
                            await import.WriteAsync(number, NpgsqlDbType.Integer, ct);
                            break;
                        case DateOnly date:
                            await import.WriteAsync(date, NpgsqlDbType.Date, ct);
                            break;
                        default:
                            throw new InvalidOperationException($"{table.Name}.{table.Columns[i].Name}: no COPY mapping for {row[i]!.GetType()}.");
                    }
                }
            }

            await import.CompleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
