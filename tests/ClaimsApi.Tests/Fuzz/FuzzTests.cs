using ClaimsApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// The seeded HTTP fuzz pass over every operation of the OpenAPI document (docs/security.md#hostile-input):
/// hostile paths, queries, bodies, content types, If-Match values, headers and keys, for a bounded time. Every
/// answer is a 2xx, a declared 3xx or a 4xx problem document, never a 5xx, and no refused write changes the database.
/// </summary>
public abstract class FuzzTests<TApi>(TApi fixture, ITestOutputHelper output) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryOperationAnswersHostileInputWithoutA5xxAndRefusedWritesLeaveNoTrace()
    {
        await using var run = await FuzzRun.StartAsync(api, FuzzSettings.FromEnvironment());

        await run.RunAsync();

        output.WriteLine(run.Summary());
        Assert.True(run.Failures.Count == 0, run.Report());
        Assert.True(run.Requests >= ApiOperations.All.Count, $"only {run.Requests} requests in the budget: not every operation was reached.\n{run.Summary()}");
    }
}

public sealed class FuzzTestsOnSqlite(SqliteFuzzApi api, ITestOutputHelper output) : FuzzTests<SqliteFuzzApi>(api, output);

public sealed class FuzzTestsOnPostgres(PostgresFuzzApi api, ITestOutputHelper output) : FuzzTests<PostgresFuzzApi>(api, output);
