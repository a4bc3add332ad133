using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ClaimsApi.Tests.Cli;

/// <summary>
/// <c>import FILE</c> run as an operator runs it, as a process of its own on a SQLite file: it imports, prints its
/// summary on standard output and each rejected line on standard error as FILE:LINE: field: reason, and says by its
/// exit code whether every line was taken.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("claimsapi-import-");

    private string DatabasePath => Path.Combine(_work.FullName, "claims.db");

    [Fact]
    public async Task ImportImportsAFileAsDraftsUnderTheActorImportAndPrintsWhatItDid()
    {
        var set = new ImportTests<SqliteApi>.Records();
        var file = Write("records.ndjson", set.All());

        var (exit, output, error) = await RunAsync("import", file);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.StartsWith($"Imported {file}: 5 lines in 1 batches (1 committed)", output, StringComparison.Ordinal);
        Assert.Contains("as draft: 1 articles, 1 entities, 1 statements, 1 claims, 1 reviews created;", output, StringComparison.Ordinal);
        Assert.Contains("0 lines rejected", output, StringComparison.Ordinal);
        Assert.Equal("Draft", await ScalarAsync($"SELECT workflow FROM claims WHERE id = '{set.Claim}'"));
        Assert.Equal(5L, await ScalarAsync($"SELECT count(*) FROM history WHERE actor = 'import' AND action = 'create' AND resource_id LIKE '%{set.Suffix}'"));

        var (again, repeated, _) = await RunAsync("import", file);

        Assert.Equal(0, again);
        Assert.Contains("; 5 unchanged; 0 lines rejected", repeated, StringComparison.Ordinal);
        Assert.Equal(5L, await ScalarAsync($"SELECT count(*) FROM history WHERE resource_id LIKE '%{set.Suffix}'"));
    }

    [Fact]
    public async Task ARejectedLineIsPrintedAsFileLineFieldReasonAndTheExitCodeIs1()
    {
        var set = new ImportTests<SqliteApi>.Records();
        var file = Write("bad.ndjson", [set.EntityLine, set.ClaimLine.Replace(set.Entity, "no-such-claimant", StringComparison.Ordinal)]);

        var (exit, output, error) = await RunAsync("import", file, "--batch", "1");

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:2: claimant: There is no entity 'no-such-claimant'.", error, StringComparison.Ordinal);
        Assert.Contains("2 lines in 2 batches (1 committed)", output, StringComparison.Ordinal);
        Assert.Contains("1 lines rejected", output, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM entities WHERE id = '{set.Entity}'"));
    }

    [Fact]
    public async Task PublishedImportsPublishedClaimsAndStatements()
    {
        var set = new ImportTests<SqliteApi>.Records();
        var file = Write("published.ndjson", set.All());

        var (exit, output, error) = await RunAsync("import", file, "--published");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("as published:", output, StringComparison.Ordinal);
        Assert.Equal("Published", await ScalarAsync($"SELECT workflow FROM claims WHERE id = '{set.Claim}'"));
        Assert.Equal("Published", await ScalarAsync($"SELECT workflow FROM statements WHERE id = '{set.Statement}'"));
    }

    [Fact]
    public async Task ABatchOutOfRangeOrAMissingFileIsABadArgumentAndTouchesNoDatabase()
    {
        var file = Write("empty.ndjson", []);

        var (batch, _, batchError) = await RunAsync("import", file, "--batch", "0");
        var (missing, _, missingError) = await RunAsync("import", Path.Combine(_work.FullName, "missing.ndjson"));

        Assert.Equal(2, batch);
        Assert.Contains("--batch must be a whole number from 1 to 10000.", batchError, StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("Cannot read", missingError, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose() => _work.Delete(recursive: true);

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) =>
        ApiProcess.RunCommandAsync(ApiProcess.StartInfo(DatabasePath, _work.FullName, args: args));
}
