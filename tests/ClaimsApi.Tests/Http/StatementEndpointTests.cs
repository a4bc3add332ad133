using System.Net;
using System.Net.Http.Json;
using ClaimsApi.Domain;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

public abstract class StatementEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task ListingStatementsByArticleReturnsAllFifteenOrderedById()
    {
        var page = await api.GetJsonAsync<Page<StatementResponse>>($"/v1/statements?article={TestPaths.SeedArticleId}&limit=100");

        Assert.Equal(15, page.Items.Count);
        Assert.Equal(page.Items.Select(s => s.Id).Order(StringComparer.Ordinal), page.Items.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task FilteringBySpeakerReturnsOnlyThatSpeakersStatements()
    {
        var page = await api.GetJsonAsync<Page<StatementResponse>>("/v1/statements?speaker=dprk&limit=100");

        Assert.Equal(["p5-pyongyang-claims", "p5-un-charter-partial", "title-dprk-confirmed"], page.Items.Select(s => s.Id));
        Assert.All(page.Items, s => Assert.Equal("dprk", s.Speaker.Id));
    }

    [SkippableFact]
    public async Task FilteringByKindReturnsTheThreeUnmarkedQuotes()
    {
        var page = await api.GetJsonAsync<Page<StatementResponse>>("/v1/statements?kind=unmarked-quote");

        Assert.Equal(["p2-quote", "p4-quote", "p6-quote"], page.Items.Select(s => s.Id));
        Assert.All(page.Items, s => Assert.Equal("wpk-cmc", s.Speaker.Id));
    }

    [SkippableFact]
    public async Task FilteringByAnArticleThatDoesNotExistReturnsAnEmptyPage()
    {
        var page = await api.GetJsonAsync<Page<StatementResponse>>("/v1/statements?article=ffffffffffffffff");

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [SkippableFact]
    public async Task PagingThroughStatementsVisitsEachOnce()
    {
        using var client = api.CreateClient();
        var seen = new List<string>();
        for (var url = "/v1/statements?limit=4"; url is not null;)
        {
            var page = (await client.GetFromJsonAsync<Page<StatementResponse>>(url, ClaimsApiFactory.Json))!;
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(s => s.Id));
            url = page.Next;
        }

        Assert.Equal(15, seen.Count);
        Assert.Equal(15, seen.Distinct().Count());
    }

    [SkippableFact]
    public async Task GettingAStatementShowsSpeakerCueSpanParentAndTheClaimsItSupports()
    {
        var statement = await api.GetJsonAsync<StatementResponse>("/v1/statements/p5-un-charter-partial");

        Assert.Equal(StatementKind.PartialQuote, statement.Kind);
        Assert.Equal("dprk", statement.Speaker.Id);
        Assert.Equal("p5-pyongyang-claims", statement.ParentId);
        Assert.Equal("fully consistent with the provisions of the UN Charter and other international treaties.", statement.Text);
        Assert.Equal(["participation-consistent-with-un-charter"], statement.ClaimIds);
    }

    [SkippableFact]
    public async Task ReportedSpeechCarriesItsCue()
    {
        var statement = await api.GetJsonAsync<StatementResponse>("/v1/statements/p3-noted-treaty");

        Assert.Equal(StatementKind.ReportedSpeech, statement.Kind);
        Assert.Equal("It is noted that", statement.Cue);
        Assert.StartsWith("North Korean military personnel were sent", statement.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UnknownStatementIsANotFoundProblem()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v1/statements/nope");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, detailContains: "nope");
    }

    [SkippableTheory]
    [InlineData("kind=quote", "kind")]
    [InlineData("speaker=DPRK", "speaker")]
    [InlineData("limit=1000", "limit")]
    [InlineData("article=", "article")]
    public async Task BadQueryParametersAreValidationProblems(string query, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/statements?{query}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}

public sealed class StatementEndpointTestsOnSqlite(SqliteApi api) : StatementEndpointTests<SqliteApi>(api);

public sealed class StatementEndpointTestsOnPostgres(PostgresApi api) : StatementEndpointTests<PostgresApi>(api);
