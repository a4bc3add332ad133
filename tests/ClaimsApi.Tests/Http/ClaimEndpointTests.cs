using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

public abstract class ClaimEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task ListingClaimsReturnsEveryCuratedClaimNewestFirst()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?limit=100");

        Assert.Equal(12, page.Items.Count);
        Assert.Null(page.Next);
        Assert.Equal(page.Items.OrderByDescending(c => c.ClaimedOn).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), page.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task ClaimsAreSerialisedWithKebabCaseEnumsAndIsoDates()
    {
        using var client = api.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/v1/claims/legal-basis-treaty-article-4"));
        var root = json.RootElement;

        Assert.Equal("legal", root.GetProperty("kind").GetString());
        Assert.Equal("unverified", root.GetProperty("status").GetString());
        Assert.Equal("2025-04-28", root.GetProperty("claimedOn").GetString());
        Assert.Equal("treaty-article", root.GetProperty("qualifiers")[0].GetProperty("entity").GetProperty("kind").GetString());
    }

    [SkippableTheory]
    [InlineData("claimant=dprk", new[] { "dprk-fought-only-in-russia", "participation-consistent-with-un-charter" })]
    [InlineData("claimant=russia", new[] { "kursk-region-liberated" })]
    [InlineData("kind=legal", new[] { "legal-basis-treaty-article-4", "participation-consistent-with-un-charter" })]
    [InlineData("kind=prediction", new[] { "pyongyang-monument-announced" })]
    [InlineData("entity=un-charter", new[] { "participation-consistent-with-un-charter" })]
    [InlineData("to=2025-04-27", new[] { "kursk-region-liberated" })]
    [InlineData("status=true", new string[0])]
    public async Task FiltersSelectTheMatchingClaims(string filter, string[] expected)
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>($"/v1/claims?{filter}&sort=id&limit=100");

        Assert.Equal(expected, page.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task DateRangeIsInclusiveOnBothEnds()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?from=2025-04-28&to=2025-04-28&limit=100");

        Assert.Equal(11, page.Items.Count);
        Assert.All(page.Items, c => Assert.Equal(new DateOnly(2025, 4, 28), c.ClaimedOn));
    }

    [SkippableFact]
    public async Task FiltersCombine()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?claimant=wpk-cmc&entity=kim-jong-un&kind=factual&sort=id");

        Assert.Equal(["dprk-troops-acted-on-kim-orders", "kim-decided-and-informed-russia"], page.Items.Select(c => c.Id));
    }

    [SkippableTheory]
    [InlineData("-claimedOn")]
    [InlineData("claimedOn")]
    [InlineData("id")]
    public async Task FollowingNextLinksVisitsEveryClaimOnceInOrder(string sort)
    {
        var all = await api.GetJsonAsync<Page<ClaimSummary>>($"/v1/claims?sort={sort}&limit=100");
        using var client = api.CreateClient();
        var seen = new List<string>();
        var url = $"/v1/claims?sort={sort}&limit=5";
        var pages = 0;
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            var page = (await response.Content.ReadFromJsonAsync<Page<ClaimSummary>>(ClaimsApiFactory.Json))!;
            seen.AddRange(page.Items.Select(c => c.Id));
            if (page.Next is not null)
            {
                Assert.Equal($"<{page.Next}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
                Assert.Contains("cursor=" + page.NextCursor, page.Next, StringComparison.Ordinal);
            }
            else
            {
                Assert.False(response.Headers.Contains("Link"));
            }

            url = page.Next;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(all.Items.Select(c => c.Id), seen);
    }

    [SkippableFact]
    public async Task GettingAClaimReturnsItsEvidenceWithSpansIntoTheArticle()
    {
        var claim = await api.GetJsonAsync<ClaimDetail>("/v1/claims/dprk-troops-fought-in-kursk");
        var article = await File.ReadAllTextAsync(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

        Assert.Equal("wpk-cmc", claim.Claimant.Id);
        Assert.NotEmpty(claim.Evidence);
        Assert.All(claim.Evidence, e =>
        {
            Assert.Equal(e.Text, article[e.Span.Start..e.Span.End]);
            Assert.Equal(e.Text, e.StatementText[e.StatementSpan.Start..e.StatementSpan.End]);
        });
        Assert.Contains(claim.Evidence, e => e.StatementId == "lead-cmc-confirmed");
        Assert.Contains(claim.Mentions, m => m.Id == "kursk-region");
    }

    [SkippableFact]
    public async Task GettingAClaimShowsLinksInBothDirections()
    {
        var echo = await api.GetJsonAsync<ClaimDetail>("/v1/claims/kursk-region-liberated-dprk-echo");
        var original = await api.GetJsonAsync<ClaimDetail>("/v1/claims/kursk-region-liberated");

        Assert.Contains(echo.Links, l => l is { Kind: ClaimLinkKind.SameAs, Direction: LinkDirection.Outgoing, ClaimId: "kursk-region-liberated" });
        Assert.Contains(original.Links, l => l is { Kind: ClaimLinkKind.SameAs, Direction: LinkDirection.Incoming, ClaimId: "kursk-region-liberated-dprk-echo" });
    }

    [SkippableFact]
    public async Task UnknownClaimIsANotFoundProblem()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v1/claims/no-such-claim");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, detailContains: "no-such-claim");
    }

    [SkippableFact]
    public async Task UnknownClaimIsANotFoundProblemWithItsTraceIdWhateverTheClientAccepts()
    {
        // Found by the fuzz pass: for Accept: text/html the handler's problem was written without instance and traceId.
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");

        var response = await client.GetAsync("/v1/claims/no-such-claim");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, detailContains: "no-such-claim");
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=%201", "limit")]
    [InlineData("from=2025-02-30", "from")]
    [InlineData("to=28.04.2025", "to")]
    [InlineData("from=2025-05-01&to=2025-04-01", "from")]
    [InlineData("sort=text", "sort")]
    [InlineData("kind=rumour", "kind")]
    [InlineData("status=truthy", "status")] // not a status in any case (values ignore case: EnumValuesInTheQueryIgnoreCaseAsInBodies)
    [InlineData("claimant=Not%20An%20Id", "claimant")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task BadQueryParametersAreValidationProblemsNamingTheParameter(string query, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/claims?{query}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), $"errors should name '{parameter}': {problem}");
        Assert.Contains(parameter, messages[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/v1/claims/a%01b")]
    [InlineData("/v1/claims/UPPER")]
    [InlineData("/v1/entities/%E2%80%8Bdprk")]
    [InlineData("/v1/statements/-p3")]
    [InlineData("/v1/articles/x%20y")]
    public async Task AnIdThatCannotBeAnIdIsANotFoundProblem(string url)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task ACursorCarryingAnImpossibleIdIsRejected()
    {
        var forged = System.Buffers.Text.Base64Url.EncodeToString("{\"s\":\"id\",\"k\":null,\"i\":\"a\u0000b\"}"u8);
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/claims?sort=id&cursor={forged}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [SkippableFact]
    public async Task ACursorIssuedForOneSortIsRejectedForAnother()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?sort=id&limit=2");
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/claims?sort=claimedOn&cursor={page.NextCursor}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }
}

public sealed class ClaimEndpointTestsOnSqlite(SqliteApi api) : ClaimEndpointTests<SqliteApi>(api);

public sealed class ClaimEndpointTestsOnPostgres(PostgresApi api) : ClaimEndpointTests<PostgresApi>(api);
