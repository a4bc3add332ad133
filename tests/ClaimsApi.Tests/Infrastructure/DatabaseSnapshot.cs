using System.Data.Common;
using System.Globalization;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Every row of every table as text, to compare a database before and after something.</summary>
internal static class DatabaseSnapshot
{
    /// <param name="database">The database.</param>
    /// <param name="columns">
    /// For the tables it names, the columns to read and their order (by default every column in the table's own
    /// order, which differs between providers once a migration has rebuilt a SQLite table).
    /// </param>
    public static async Task<IReadOnlyDictionary<string, List<string>>> TakeAsync(TestDatabase database, IReadOnlyDictionary<string, string[]>? columns = null)
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync();
        }
        catch (DbException)
        {
            return tables; // not created yet
        }

        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = database.Provider == ClaimsApi.Persistence.DatabaseProvider.Postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = columns is not null && columns.TryGetValue(name, out var selected)
                ? $"SELECT {string.Join(", ", selected.Select(c => $"\"{c}\""))} FROM \"{name}\""
                : $"SELECT * FROM \"{name}\"";
            await using var reader = await command.ExecuteReaderAsync();
            // Columns by name, not position: a column added by a migration is last on PostgreSQL but may not be on
            // SQLite, whose migrations rebuild a table in model order.
            var byName = Enumerable.Range(0, reader.FieldCount).OrderBy(reader.GetName, StringComparer.Ordinal).ToArray();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join("\u001f", byName.Select(i => Format(values[i]))));
            }

            rows.Sort(StringComparer.Ordinal);
            tables[name] = rows;
        }

        return tables;
    }

    /// <summary>The columns of each table, in the table's own order.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ColumnsAsync(TestDatabase database, IEnumerable<string> tables)
    {
        var columns = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
            await using var reader = await command.ExecuteReaderAsync();
            columns[table] = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }

        return columns;
    }

    public static async Task<long> CountAsync(TestDatabase database, string table)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string? Format(object? value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
