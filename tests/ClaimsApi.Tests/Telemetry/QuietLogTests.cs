using System.Net.Http.Json;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>
/// What runs every day logs no warning: a warning an operator learns to ignore hides the one that matters.
/// </summary>
public abstract class QuietLogTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task MatchingAClaimLogsNoWarning()
    {
        // EF Core warned, when it compiled the query of the candidates with their mentions and evidence, that it
        // had no QuerySplittingBehavior. Each host compiles its queries afresh (this one too, whatever ran before).
        var logs = new LogRecorder();
        using var logged = Logged(logs);
        using var client = logged.CreateClient();

        var response = await client.PostAsJsonAsync("/v1/claims/match", new { text = "North Korean troops fought in the Kursk region under the treaty." });

        await response.ReadSuccessAsync();
        var warnings = logs.Entries
            .Where(e => e["RequestPath"] == "/v1/claims/match" && e.Level >= LogLevel.Warning)
            .Where(e => !e.Message.Contains("does not support the IHttpMaxRequestBodySizeFeature", StringComparison.Ordinal)) // TestServer's; Kestrel has it
            .Select(e => $"{e.Category}: {e.Message}");
        Assert.Empty(warnings);
    }

    [SkippableFact]
    public async Task AFreshDatabaseStartsWithoutAWarning()
    {
        // SQLite's migrations warned on every new database that a table rebuild's PRAGMA could not run in a
        // transaction (they now run in one: SqliteClaimsDbContext.Migrations.cs), and PostgreSQL's logged an error
        // reading the history table before it existed (PostgresClaimsDbContext.MigrateExclusivelyAsync).
        var logs = new LogRecorder();
        using var fresh = new ClaimsApiFactory(TestDatabase.Create(api.Provider), ownsDatabase: true);
        using var logged = Logged(fresh, logs);
        using var client = logged.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal)
            || e.Message.Contains("migrations", StringComparison.OrdinalIgnoreCase)); // it did migrate, and we heard it
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}"));
    }

    private WebApplicationFactory<Program> Logged(LogRecorder logs) => Logged(api, logs);

    private static WebApplicationFactory<Program> Logged(ClaimsApiFactory api, LogRecorder logs) => api.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
    {
        logging.AddFilter<LogRecorder>(null, LogLevel.Trace);
        logging.AddProvider(logs);
    }));
}

public sealed class QuietLogTestsOnSqlite(SqliteApi api) : QuietLogTests<SqliteApi>(api);

public sealed class QuietLogTestsOnPostgres(PostgresApi api) : QuietLogTests<PostgresApi>(api);
