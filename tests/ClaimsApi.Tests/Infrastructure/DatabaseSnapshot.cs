using Microsoft.Data.Sqlite;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Every row of every table as text, to compare a database before and after something.</summary>
internal static class DatabaseSnapshot
{
    public static async Task<IReadOnlyDictionary<string, List<string>>> TakeAsync(string databasePath)
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!File.Exists(databasePath))
        {
            return tables;
        }

        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
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
            command.CommandText = $"SELECT * FROM \"{name}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join("\u001f", values.Select(v => v?.ToString())));
            }

            rows.Sort(StringComparer.Ordinal);
            tables[name] = rows;
        }

        return tables;
    }

    public static async Task<long> CountAsync(string databasePath, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
