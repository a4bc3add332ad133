using System.Globalization;
using ClaimsApi.Cli;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClaimsApi.Tests.Cli;

/// <summary><c>migrate --to MIGRATION</c>: a database at an older migration (to rehearse an upgrade on), never a step back.</summary>
public sealed class MigrateToTests : IDisposable
{
    private const string Older = "20261127082435_ImmutableUnaccent";

    private readonly SqliteTestDatabase _database = new();
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);
    private readonly StringWriter _error = new(CultureInfo.InvariantCulture);
    private readonly ServiceProvider _services;

    public MigrateToTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = _database.ConnectionString })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(Path.GetTempPath()))
            .AddPersistence(configuration)
            .BuildServiceProvider();
    }

    [Theory]
    [InlineData(Older)]
    [InlineData("ImmutableUnaccent")]
    public async Task ItStopsAtTheMigrationNamedAndImportsNothing(string target)
    {
        var exit = await RunAsync("migrate", "--to", target);

        Assert.True(exit == ClaimsCli.Done, _error.ToString());
        Assert.Equal(Older, await ScalarAsync("SELECT MAX(migration_id) FROM \"__EFMigrationsHistory\""));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM claims"));
        Assert.Contains($"at migration {Older}", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItNeverGoesBack()
    {
        Assert.Equal(ClaimsCli.Done, await RunAsync("migrate", "--to", Older));

        var exit = await RunAsync("migrate", "--to", "InitialCreate");

        Assert.Equal(ClaimsCli.Refused, exit);
        Assert.Contains("already past", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(Older, await ScalarAsync("SELECT MAX(migration_id) FROM \"__EFMigrationsHistory\""));
    }

    [Fact]
    public async Task AnUnknownMigrationIsNamedWithTheKnownOnes()
    {
        var exit = await RunAsync("migrate", "--to", "Tomorrow");

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Contains("'Tomorrow' is not a migration", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Older, _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _output.Dispose();
        _error.Dispose();
        _database.Dispose();
    }

    private Task<int?> RunAsync(params string[] args) =>
        ClaimsCli.RunAsync(new CliHost(_services, (_, _) => throw new InvalidOperationException("migrate --to must not run start-up's database step"), _output, _error), args, CancellationToken.None);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
