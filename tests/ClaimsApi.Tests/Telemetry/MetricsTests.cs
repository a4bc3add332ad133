using System.Diagnostics.Metrics;
using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Seeding;
using ClaimsApi.Telemetry;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>
/// The meters emit with no exporter attached, as a listener sees them: ASP.NET Core's request duration, ClaimsApi's
/// database time, committed writes by kind and action (a write that rolls back is not counted) and the seed import.
/// </summary>
public abstract class MetricsTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private string Provider => api.Provider == DatabaseProvider.Postgres ? "postgresql" : "sqlite";

    [SkippableFact]
    public async Task ARequestIsTimedWithItsDatabaseCommands()
    {
        using var metrics = new MetricRecorder(api.Services.GetRequiredService<IMeterFactory>());
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims?limit=5")).StatusCode);

        var request = Assert.Single(await metrics.WaitForAsync("http.server.request.duration", m => m["http.route"] == "/v1/claims/"));
        Assert.Equal("200", request["http.response.status_code"]);
        var commands = metrics.Of("claimsapi.db.command.duration");
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Equal(Provider, c["db.system.name"]));
        // The recorder hears every command of this API, not only the request's (a command of the fixture's own,
        // e.g. a pooled connection's reset on PostgreSQL, can land in the window): the request's commands fit in it.
        Assert.Contains(commands, c => c.Value >= 0 && c.Value <= request.Value);
    }

    [SkippableFact]
    public async Task ACommittedWriteIsCountedByKindAndAction()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var metrics = new MetricRecorder(api.Services.GetRequiredService<IMeterFactory>());

        await TestClaims.CreateAsync(curator, TestClaims.NewId("counted"));
        var taken = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body("dprk-troops-fought-in-kursk").ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var write = Assert.Single(metrics.Of("claimsapi.writes"));
        Assert.Equal((1, "claim", "create"), (write.Value, write["claimsapi.kind"], write["claimsapi.action"]));
        Assert.Empty(metrics.Of("claimsapi.seed.records"));
    }

    [SkippableFact]
    public async Task AChangeIsCountedOnlyWhenItsTransactionCommits()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var hooks = scope.ServiceProvider.GetRequiredService<CommitHooks>();
        var ran = new List<string>();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            hooks.WhenCommitted(db, () => ran.Add("rolled back"));
            await rolledBack.RollbackAsync();
        }

        await using (var abandoned = await db.Database.BeginTransactionAsync())
        {
            hooks.WhenCommitted(db, () => ran.Add("abandoned"));
        }

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            hooks.WhenCommitted(db, () => ran.Add("committed"));
            Assert.Empty(ran);
            await committed.CommitAsync();
        }

        Assert.Equal(["committed"], ran);
    }

    [SkippableFact]
    public async Task TheSeedImportIsTimedAndItsRecordsCounted()
    {
        using var database = TestDatabase.Create(api.Provider);
        using var unseeded = new ClaimsApiFactory(database, ownsDatabase: false) { Settings = { ["Seeds:ImportOnStartup"] = "false" } };
        using var metrics = new MetricRecorder(unseeded.Services.GetRequiredService<IMeterFactory>());
        var seeds = SeedLoader.Load(unseeded.SeedsPath);

        for (var import = 0; import < 2; import++)
        {
            await using var scope = unseeded.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(seeds, CancellationToken.None);
        }

        Assert.Equal(["imported", "unchanged"], metrics.Of("claimsapi.seed.import.duration").Select(m => m["claimsapi.outcome"]));
        var records = metrics.Of("claimsapi.seed.records");
        Assert.Equal(seeds.Claims.Count, records.Where(r => r["claimsapi.kind"] == "claim").Sum(r => r.Value));
        Assert.All(records, r => Assert.Equal("create", r["claimsapi.action"]));
        Assert.Empty(metrics.Of("claimsapi.writes"));
    }
}

public sealed class MetricsTestsOnSqlite(SqliteApi api) : MetricsTests<SqliteApi>(api);

public sealed class MetricsTestsOnPostgres(PostgresApi api) : MetricsTests<PostgresApi>(api);
