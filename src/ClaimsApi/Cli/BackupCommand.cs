using System.CommandLine;
using ClaimsApi.Persistence;
using Microsoft.Data.Sqlite;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>backup OUTPUT-FILE [--force]</c>: a consistent copy of the live SQLite database, taken while the server runs
/// (docs/reliability.md#backup-and-restore). It never migrates or imports: it reads the database as it is.
/// </summary>
internal static class BackupCommand
{
    public const string Name = "backup";

    public static Command Create(CliHost host)
    {
        var output = new Argument<string>("output-file") { Description = "Where to write the copy (a new SQLite database file)." };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists." };
        // Arguments after the output file may be host settings (--Database:ConnectionString=…), read by the host, as for migrate.
        var backup = new Command(Name, "Copy the SQLite database consistently while the server runs (VACUUM INTO), check the copy, then exit. "
            + "On PostgreSQL, use pg_dump.")
        {
            output, force,
        };
        backup.TreatUnmatchedTokensAsErrors = false;
        backup.SetAction((result, ct) => RunAsync(host, result.GetRequiredValue(output), result.GetValue(force), ct));
        return backup;
    }

    private static async Task<int> RunAsync(CliHost host, string output, bool force, CancellationToken ct)
    {
        var database = host.Services.GetRequiredService<PersistenceServices.ResolvedDatabase>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await host.Error.WriteLineAsync(
                "backup copies SQLite databases. For PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=claims.dump \"host=… dbname=claims user=…\", "
                + "and pg_restore to restore (docs/reliability.md#backup-and-restore).");
            return ClaimsCli.BadArguments;
        }

        var source = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:" || !File.Exists(source.DataSource))
        {
            await host.Error.WriteLineAsync($"There is no SQLite database file at '{source.DataSource}' to back up (check Database:ConnectionString).");
            return ClaimsCli.Refused;
        }

        var target = Path.GetFullPath(output);
        if (string.Equals(target, Path.GetFullPath(source.DataSource), StringComparison.Ordinal))
        {
            await host.Error.WriteLineAsync($"'{target}' is the database itself: choose another file.");
            return ClaimsCli.Refused;
        }

        if (File.Exists(target) && !force)
        {
            await host.Error.WriteLineAsync($"'{target}' exists: choose another file, or pass --force to replace it.");
            return ClaimsCli.Refused;
        }

        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            await host.Error.WriteLineAsync($"The folder of '{target}' does not exist.");
            return ClaimsCli.Refused;
        }

        // Written beside the target and renamed into place once complete and checked: a backup stopped halfway
        // never leaves a file that looks like a backup, nor replaces a good one.
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            var problem = await CopyAsync(source, partial, ct);
            if (problem is not null)
            {
                await host.Error.WriteLineAsync($"The copy of '{source.DataSource}' failed its integrity check ({problem}); nothing was written to '{target}'.");
                return ClaimsCli.Refused;
            }

            File.Move(partial, target, overwrite: force);
        }
        finally
        {
            File.Delete(partial);
        }

        await host.Error.WriteLineAsync($"Backed up '{source.DataSource}' to '{target}' ({new FileInfo(target).Length:N0} bytes, integrity check ok).");
        return ClaimsCli.Done;
    }

    /// <returns>Null when the copy is complete and sound; otherwise what the integrity check found.</returns>
    private static async Task<string?> CopyAsync(SqliteConnectionStringBuilder source, string copy, CancellationToken ct)
    {
        string journalMode;
        // ReadWrite without Create: a missing file is an error, not a new empty database. VACUUM INTO only reads it:
        // one read transaction, a snapshot of the last commit, which writers (WAL) do not wait for.
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            journalMode = (string)(await ScalarAsync(connection, "PRAGMA journal_mode;", ct))!;
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $copy;";
            vacuum.Parameters.AddWithValue("$copy", copy);
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            // VACUUM INTO writes a rollback-journal file; keep the database's mode, so a restored copy behaves the same.
            await ScalarAsync(connection, $"PRAGMA journal_mode = {(journalMode == "wal" ? "wal" : "delete")};", ct);
            var check = (string?)await ScalarAsync(connection, "PRAGMA integrity_check;", ct);
            if (check != "ok")
            {
                return check;
            }
        }

        // SQLite does not sync what VACUUM INTO wrote: do it before the rename makes the file the backup.
        await using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Flush(flushToDisk: true);
        }

        return null;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
