using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Fuzz;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// A query parameter the operation does not take, or one given twice, is a 400 naming it and listing the ones it
/// takes (decision 0026), on every kind of route, before any work; what the OpenAPI document lists is accepted.
/// </summary>
public abstract class QueryParameterTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Claim = "dprk-troops-fought-in-kursk";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AListRejectsAParameterItDoesNotTakeNamingTheOnesItDoes()
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync("/v1/entities?q=korea"), HttpStatusCode.BadRequest, "Unknown query parameter 'q'");

        Assert.Equal("Unknown query parameter 'q'; accepted: kind, name, limit, cursor.", Single(problem, "q"));
    }

    [SkippableTheory]
    [InlineData("/v1/claims?lang=en", "lang")]
    [InlineData("/v1/claims?fields=text", "fields")]
    [InlineData("/v1/statements?speakers=dprk", "speakers")]
    [InlineData("/v1/claims/" + Claim + "/reviews?sort=date", "sort")]
    public async Task AMisspeltOrInventedFilterIsABadRequestNotIgnored(string url, string name)
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.StartsWith($"Unknown query parameter '{name}'; accepted: ", Single(problem, name), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/v1/claims/" + Claim)]
    [InlineData("/v1/entities/dprk")]
    [InlineData("/v1/articles/" + TestPaths.SeedArticleId)]
    public async Task ADetailTakesNoQueryParameters(string url)
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync(url + "?fields=text"), HttpStatusCode.BadRequest);

        Assert.Equal("Unknown query parameter 'fields'; this operation takes no query parameters.", Single(problem, "fields"));
    }

    [SkippableFact]
    public async Task SearchRejectsAParameterItDoesNotTake()
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync("/v1/search?q=Kursk&lang=en"), HttpStatusCode.BadRequest);

        Assert.Equal(
            "Unknown query parameter 'lang'; accepted: q, type, facets, claimant, entity, article, kind, status, workflow, language, from, to, limit, cursor.",
            Single(problem, "lang"));
    }

    [SkippableFact]
    public async Task AWriteWithAnUnknownParameterIsRefusedBeforeAnythingIsWritten()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("query-dry-run");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims?dryRun=true", TestClaims.Body(id).ToJsonString());

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Unknown query parameter 'dryRun'; this operation takes no query parameters.", Single(problem, "dryRun"));
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task AnAnonymousWriteWithAnUnknownParameterIsUnauthorisedFirst()
    {
        using var client = api.CreateClient();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/v1/claims?dryRun=true", TestClaims.Body(TestClaims.NewId()).ToJsonString());

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task AWorkflowMoveWithAnUnknownParameterLeavesTheClaimAsItWas()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("query-workflow");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow?force=true", new { to = "in-review" }, etag);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Unknown query parameter 'force'; this operation takes no query parameters.", Single(problem, "force"));
        var after = await curator.GetAsync($"/v1/claims/{id}");
        Assert.Equal(etag, after.ETag());
        Assert.Equal("draft", (await after.ReadSuccessAsync()).GetProperty("workflow").GetString());
    }

    [SkippableFact]
    public async Task KeyOperationsRejectAnUnknownParameterAndRevokeNothing()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var (name, _) = await api.CreateKeyAsync(ApiRole.Reader);

        await Problem.AssertAsync(await admin.GetAsync("/v1/keys?all=true"), HttpStatusCode.BadRequest, "Unknown query parameter 'all'");
        await Problem.AssertAsync(await admin.DeleteAsync($"/v1/keys/{name}?force=true"), HttpStatusCode.BadRequest, "Unknown query parameter 'force'");

        var key = await (await admin.GetAsync($"/v1/keys/{name}")).ReadSuccessAsync();
        Assert.Equal(JsonValueKind.Null, key.GetProperty("revokedAt").ValueKind);
    }

    [SkippableFact]
    public async Task AnArticleSentAsTextTakesItsMetadataInTheQuery()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = $"query-{Guid.NewGuid():N}"[..22];

        var created = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}&language=de&sourceUrl=https%3A%2F%2Fexample.org%2Fa", TestArticles.Text("Ein Absatz."));

        var article = await created.ReadSuccessAsync();
        Assert.Equal(id, article.GetProperty("id").GetString());
        Assert.Equal("de", article.GetProperty("language").GetString());
        var misspelt = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?lang=de", TestArticles.Text("Ein Absatz."));
        var problem = await Problem.AssertAsync(misspelt, HttpStatusCode.BadRequest);
        Assert.Equal("Unknown query parameter 'lang'; accepted: propose, id, language, publisher, sourceUrl.", Single(problem, "lang"));
    }

    [SkippableFact]
    public async Task NamesMatchInAnyCaseAsBindingDoes()
    {
        using var client = api.CreateClient();

        var page = await (await client.GetAsync("/v1/entities?LIMIT=1&Kind=person")).ReadSuccessAsync();

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("person", item.GetProperty("kind").GetString());
    }

    [SkippableTheory]
    [InlineData("/v1/claims?q=troops&q=kursk", "q", 2)]
    [InlineData("/v1/entities?limit=1&LIMIT=2&Limit=3", "limit", 3)]
    [InlineData("/v1/search?q=Kursk&type=claim&type=article", "type", 2)]
    public async Task AParameterGivenMoreThanOnceIsABadRequest(string url, string name, int times)
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Equal($"Query parameter '{name}' is given {times} times; give it once.", Single(problem, name));
    }

    [SkippableFact]
    public async Task EveryUnknownParameterIsNamedUpToTen()
    {
        using var client = api.CreateClient();
        var query = string.Join('&', Enumerable.Range(1, 12).Select(i => $"p{i}=1"));

        var problem = await Problem.AssertAsync(await client.GetAsync($"/v1/entities?kind=person&{query}"), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"p{i}"), errors);
        Assert.EndsWith("(2 more not listed.)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/health/live?verbose=1")]
    [InlineData("/health/ready?verbose=1")]
    [InlineData("/openapi/v1.json?v=2")]
    public async Task RoutesOutsideTheDocumentAreLeftAlone(string url)
    {
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [SkippableFact]
    public async Task EveryOperationTakesExactlyTheQueryParametersTheDocumentListsAndDeclaresThe400()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var failures = new List<string>();
        foreach (var operation in ApiOperations.All)
        {
            var documented = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
            var expected = documented.Count == 0
                ? "Unknown query parameter 'not-a-parameter'; this operation takes no query parameters."
                : $"Unknown query parameter 'not-a-parameter'; accepted: {string.Join(", ", documented)}.";

            var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), Url(operation) + "?not-a-parameter=1"));

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || Message(body, "not-a-parameter") != expected || !operation.Statuses.Contains(400))
            {
                failures.Add($"{operation} (declares 400: {operation.Statuses.Contains(400)}): {(int)response.StatusCode} {body}");
            }
        }

        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task EveryDocumentedQueryParameterIsAccepted()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var failures = new List<string>();
        foreach (var operation in ApiOperations.All.Where(o => o.Parameters.Any(p => p.In == "query")))
        {
            // Every parameter at once, each with a value its validator may refuse: a refusal names the parameter
            // with its own message, never as unknown or repeated. Paths name nothing, so no write can happen.
            var query = string.Join('&', operation.Parameters.Where(p => p.In == "query").Select(p => $"{p.Name}=1"));

            var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), $"{Url(operation)}?{query}"));

            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("Unknown query parameter", StringComparison.Ordinal) || body.Contains("; give it once.", StringComparison.Ordinal))
            {
                failures.Add($"{operation}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The operation's path with ids that name no record, so that a request that got through would change nothing.</summary>
    private static string Url(ApiOperation operation) => operation.Path
        .Replace("{revision}", "1", StringComparison.Ordinal)
        .Replace("{claimId}", "no-such-claim", StringComparison.Ordinal)
        .Replace("{deliveryId}", "1", StringComparison.Ordinal)
        .Replace("{id}", "no-such-record", StringComparison.Ordinal)
        .Replace("{name}", "no-such-key", StringComparison.Ordinal);

    private static string? Message(string problem, string name) =>
        JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(name, out var messages)
            ? messages[0].GetString()
            : null;

    private static string Single(JsonElement problem, string name)
    {
        var errors = problem.GetProperty("errors");
        Assert.Equal(name, Assert.Single(errors.EnumerateObject()).Name);
        return Assert.Single(errors.GetProperty(name).EnumerateArray()).GetString()!;
    }
}

public sealed class QueryParameterTestsOnSqlite(SqliteApi api) : QueryParameterTests<SqliteApi>(api);

public sealed class QueryParameterTestsOnPostgres(PostgresApi api) : QueryParameterTests<PostgresApi>(api);
