using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// entity_claims (decision 0030) follows every write of a claim, in the write's transaction, and the lists of an
/// entity's claims, which read it, answer what the claims say.
/// </summary>
public abstract class EntityClaimsTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheSeededBaseIsInStep()
    {
        using var client = api.CreateClient(); // starts the app: migrations and the seeds import
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await EntityClaimsCheck.AssertInStepAsync(api.Database);
    }

    [SkippableFact]
    public async Task EveryWriteOfAClaimKeepsItsRowsInStepAndItsListsTrue()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"First Listed Office {suffix}");
        var second = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Second Listed Office {suffix}");
        var third = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Third Listed Office {suffix}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: first, mentions: [first, second]);
        var on = (await (await curator.GetAsync($"/v1/claims/{claim}")).ReadSuccessAsync()).GetProperty("claimedOn").GetString();

        Assert.Equal([$"{first} 0 {on}", $"{first} 1 {on}", $"{second} 0 {on}", $"{second} 1 {on}"], await EntityClaimsCheck.RowsOfAsync(api.Database, claim));
        Assert.Equal([claim], await ListedAsync(curator, $"/v1/entities/{first}/claims"));
        Assert.Equal([claim], await ListedAsync(curator, $"/v1/claims?entity={second}"));
        using var anonymous = api.CreateClient();
        Assert.Empty(await ListedAsync(anonymous, $"/v1/claims?entity={second}")); // a draft: curators only

        // Another claimant, mentions and date.
        var replaced = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{claim}", new
        {
            text = "A claim made for a test, replaced.",
            claimant = third,
            kind = "factual",
            claimedOn = "2001-02-03",
            article = TestPaths.SeedArticleId,
            evidence = new[] { new { statement = TestClaims.Statement } },
            mentions = new[] { second },
        }, "\"1\"");
        await replaced.ReadSuccessAsync();
        Assert.Equal([$"{second} 0 2001-02-03", $"{second} 1 2001-02-03", $"{third} 0 2001-02-03"], await EntityClaimsCheck.RowsOfAsync(api.Database, claim));
        Assert.Empty(await ListedAsync(curator, $"/v1/entities/{first}/claims"));
        Assert.Equal([claim], await ListedAsync(curator, $"/v1/entities/{third}/claims"));
        Assert.Empty(await ListedAsync(curator, $"/v1/claims?entity={third}")); // the claimant, not mentioned
        Assert.Equal([claim], await ListedAsync(curator, $"/v1/entities/{second}/claims?from=2001-02-03&to=2001-02-03"));
        Assert.Empty(await ListedAsync(curator, $"/v1/entities/{second}/claims?from=2001-02-04"));
        Assert.Empty(await ListedAsync(curator, $"/v1/claims?entity={second}&kind=opinion"));

        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim}", null, "\"2\"")).StatusCode);
        Assert.Empty(await EntityClaimsCheck.RowsOfAsync(api.Database, claim));
        Assert.Empty(await ListedAsync(curator, $"/v1/entities/{third}/claims"));

        (await admin.PostAsync($"/v1/claims/{claim}/restore", null)).EnsureSuccessStatusCode();
        Assert.Equal(3, (await EntityClaimsCheck.RowsOfAsync(api.Database, claim)).Count);

        // A merge repoints the claim: its rows follow.
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{second}/merge", new { into = first }, "\"1\"")).EnsureSuccessStatusCode();
        Assert.Equal([$"{first} 0 2001-02-03", $"{first} 1 2001-02-03", $"{third} 0 2001-02-03"], await EntityClaimsCheck.RowsOfAsync(api.Database, claim));
        Assert.Equal([claim], await ListedAsync(curator, $"/v1/claims?entity={first}"));
        await EntityClaimsCheck.AssertInStepAsync(api.Database);
    }

    [SkippableFact]
    public async Task AFailedWriteLeavesTheRowsAsTheyWere()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var entity = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Unchanged Office {Guid.NewGuid().ToString("N")[..8]}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: entity, mentions: [entity]);
        var rows = await EntityClaimsCheck.RowsOfAsync(api.Database, claim);

        var stale = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{claim}", new
        {
            text = "A claim that is not replaced.",
            claimant = "dprk",
            kind = "factual",
            article = TestPaths.SeedArticleId,
            evidence = new[] { new { statement = TestClaims.Statement } },
        }, "\"7\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(rows, await EntityClaimsCheck.RowsOfAsync(api.Database, claim));
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string path)
    {
        var page = await (await client.GetAsync(path)).ReadSuccessAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }
}

public sealed class EntityClaimsTestsOnSqlite(SqliteApi api) : EntityClaimsTests<SqliteApi>(api);

public sealed class EntityClaimsTestsOnPostgres(PostgresApi api) : EntityClaimsTests<PostgresApi>(api);
