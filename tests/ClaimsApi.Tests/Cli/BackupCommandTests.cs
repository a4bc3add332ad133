using System.Globalization;
using System.Net;
using System.Text.Json;
using ClaimsApi.Cli;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Cli;

/// <summary>
/// <c>backup</c>: a consistent copy of the live SQLite database while writes go on, restored as docs/reliability.md
/// says (stop the app, replace the file, start); its refusals; and PostgreSQL, where pg_dump is the tool.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("claimsapi-backup-").FullName;
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);
    private readonly StringWriter _error = new(CultureInfo.InvariantCulture);

    private string Backup => Path.Combine(_folder, "claims-backup.db");

    [Fact]
    public async Task ABackupTakenDuringWritesRestoresToADatabaseWithEveryWriteAcknowledgedBeforeIt()
    {
        List<string> before = [], after = [];
        var during = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int? exit;
        using (var api = new ClaimsApiFactory(_database, ownsDatabase: false))
        {
            using var curator = await api.CreateClientAsync(ApiRole.Curator);
            for (var i = 0; i < 5; i++)
            {
                before.Add(await CreateClaimAsync(curator));
            }

            // A writer keeps going through the backup; every write it saw acknowledged is in `during`.
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    during.Enqueue(await CreateClaimAsync(curator));
                }
            });
            await WaitUntilAsync(() => during.Count >= 3);

            exit = await RunAsync(api.Services, "backup", Backup);

            await WaitUntilAsync(() => during.Count >= 6);
            await stop.CancelAsync();
            await writer;
            after.Add(await CreateClaimAsync(curator));
        }

        Assert.True(exit == ClaimsCli.Done, _error.ToString());
        Assert.Contains("integrity check ok", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());

        // Restore: the app is stopped (above); the database and its WAL files are replaced by the backup; start.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database.FilePath, _database.FilePath + "-wal", _database.FilePath + "-shm" })
        {
            File.Delete(file);
        }

        File.Copy(Backup, _database.FilePath);
        using var restored = new ClaimsApiFactory(_database, ownsDatabase: false);
        using var reader = await restored.CreateClientAsync(ApiRole.Curator);

        foreach (var id in before)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/claims/{id}")).StatusCode);
            var history = JsonDocument.Parse(await reader.GetStringAsync($"/v1/claims/{id}/history")).RootElement;
            Assert.Equal(1, history.GetProperty("items").GetArrayLength());
        }

        foreach (var id in after)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/claims/{id}")).StatusCode);
        }

        // The copy is one moment: the writes acknowledged during the backup are a prefix of those made.
        var present = new List<bool>();
        foreach (var id in during)
        {
            present.Add((await reader.GetAsync($"/v1/claims/{id}")).StatusCode == HttpStatusCode.OK);
        }

        Assert.Equal(present.OrderByDescending(p => p), present);
        Assert.Equal("ok", await ScalarAsync(_database.ConnectionString, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task AnExistingFileIsReplacedOnlyWithForce()
    {
        using var api = new ClaimsApiFactory(_database, ownsDatabase: false);
        using var client = api.CreateClient();
        await File.WriteAllTextAsync(Backup, "an older backup");

        Assert.Equal(ClaimsCli.Refused, await RunAsync(api.Services, "backup", Backup));
        Assert.Contains("pass --force to replace it", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(Backup));

        Assert.Equal(ClaimsCli.Done, await RunAsync(api.Services, "backup", Backup, "--force"));
        Assert.Equal([Path.GetFileName(Backup)], Directory.EnumerateFiles(_folder).Select(Path.GetFileName)); // no partial file left
        Assert.Equal(12L, await ScalarAsync($"Data Source={Backup};Mode=ReadOnly;Pooling=False", "SELECT COUNT(*) FROM claims"));
        Assert.Equal("wal", await ScalarAsync($"Data Source={Backup};Mode=ReadOnly;Pooling=False", "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task WithoutADatabaseFileNothingIsCreated()
    {
        var exit = await RunAsync(Services(DatabaseProvider.Sqlite, $"Data Source={_database.FilePath}"), "backup", Backup);

        Assert.Equal(ClaimsCli.Refused, exit);
        Assert.Contains("There is no SQLite database file at", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_database.FilePath));
        Assert.False(File.Exists(Backup));
    }

    [Fact]
    public async Task OnPostgresItPointsToPgDumpAndExits2()
    {
        var exit = await RunAsync(Services(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=claims;Username=claims"), "backup", Backup);

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Contains("pg_dump", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("pg_restore", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Backup));
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<string> CreateClaimAsync(HttpClient curator)
    {
        var id = TestClaims.NewId("backup");
        await TestClaims.CreateAsync(curator, id);
        return id;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60), "timed out waiting for the writer");
            await Task.Delay(20);
        }
    }

    private static ServiceProvider Services(DatabaseProvider provider, string connectionString)
    {
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        return new ServiceCollection()
            .AddSingleton(new PersistenceServices.ResolvedDatabase(options, new TestHostEnvironment(Path.GetTempPath())))
            .BuildServiceProvider();
    }

    private Task<int?> RunAsync(IServiceProvider services, params string[] args) =>
        ClaimsCli.RunAsync(new CliHost(services, (_, _) => throw new InvalidOperationException("backup must not migrate or seed"), _output, _error), args, CancellationToken.None);

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
