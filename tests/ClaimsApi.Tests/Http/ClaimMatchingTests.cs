using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>POST /v1/claims/match, and q on the list endpoints.</summary>
public abstract class ClaimMatchingTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task ASentenceAboutTheDeploymentMatchesTheParticipationClaimFirst()
    {
        var result = await MatchAsync("Kim Jong-un sent soldiers to fight Ukraine in Kursk");

        var best = result.Matches[0];
        Assert.Equal("dprk-troops-fought-in-kursk", best.Claim.Id);
        Assert.InRange(best.Score, ClaimMatcher.Threshold, 1);
        Assert.Contains(best.SharedEntities, e => e.Id == "kursk-region");
        Assert.Contains("fight", best.SharedTerms);
        Assert.Contains(result.Matches, m => m.Claim.Id == "dprk-troops-acted-on-kim-orders");
        Assert.Equal(result.Matches.OrderByDescending(m => m.Score).Select(m => m.Score), result.Matches.Select(m => m.Score));
    }

    [SkippableFact]
    public async Task TheUnCharterSentenceMatchesTheUnCharterClaimFirst()
    {
        var result = await MatchAsync("North Korea says its deployment complies with the UN Charter");

        Assert.Equal("participation-consistent-with-un-charter", result.Matches[0].Claim.Id);
        Assert.Equal(["dprk", "un-charter"], result.Matches[0].SharedEntities.Select(e => e.Id).Order());
    }

    [SkippableTheory]
    [InlineData("The central bank raised interest rates again")]
    [InlineData("Russia won the Eurovision song contest")]
    public async Task AnUnrelatedSentenceMatchesNothing(string text)
    {
        var result = await MatchAsync(text);

        Assert.Empty(result.Matches);
        Assert.Equal(ClaimMatcher.Threshold, result.Threshold);
    }

    [SkippableTheory]
    [InlineData("{}", "text")]
    [InlineData("{\"text\":\"\"}", "text")]
    [InlineData("{\"text\":\"the of and\"}", "text")]
    [InlineData("{\"text\":\"Kursk\",\"limit\":0}", "limit")]
    [InlineData("{\"text\":\"Kursk\",\"limit\":21}", "limit")]
    public async Task BadRequestsAreValidationProblemsNamingTheField(string body, string field)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/claims/match", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [SkippableTheory]
    [InlineData("{\"text\":")]
    [InlineData("not json")]
    [InlineData("{\"text\": 5}")]
    public async Task MalformedJsonIsABadRequestProblemSayingWhere(string body)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/claims/match", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, detailContains: "not valid JSON");
        Assert.Contains("$", problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // the JSON path
    }

    [SkippableFact]
    public async Task AWrongContentTypeIsAnUnsupportedMediaTypeProblem()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/claims/match", new StringContent("Kursk", Encoding.UTF8, "text/plain"));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, detailContains: "application/json");
    }

    [SkippableFact]
    public async Task AnOversizedBodyIsAContentTooLargeProblem()
    {
        // The test server does not enforce request size limits; Kestrel does, so this one goes over a real socket.
        using var kestrel = new ClaimsApiFactory(api.Database, ownsDatabase: false);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        var body = JsonContent.Create(new { text = new string('k', ClaimMatcher.MaxBodyBytes) });

        var response = await client.PostAsync("/v1/claims/match", body);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [SkippableFact]
    public async Task QOnTheClaimListFiltersAndKeepsTheListOrder()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?q=Moscow&sort=id&limit=100");
        var all = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?sort=id&limit=100");

        Assert.Contains(page.Items, c => c.Id == "kursk-region-liberated");
        Assert.True(page.Items.Count < all.Items.Count);
        Assert.Equal(page.Items.Select(c => c.Id).Order(StringComparer.Ordinal), page.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task QOnTheStatementAndArticleListsFilters()
    {
        var statements = await api.GetJsonAsync<Page<StatementResponse>>("/v1/statements?q=monument");
        var articles = await api.GetJsonAsync<Page<ArticleSummary>>("/v1/articles?q=monument");
        var noArticles = await api.GetJsonAsync<Page<ArticleSummary>>("/v1/articles?q=eurovision");

        Assert.Equal(["p7-monument"], statements.Items.Select(s => s.Id));
        Assert.Single(articles.Items);
        Assert.Empty(noArticles.Items);
    }

    [SkippableTheory]
    [InlineData("/v1/claims?q=%20")]
    [InlineData("/v1/statements?q=the")]
    [InlineData("/v1/articles?q=%22%22")]
    public async Task AnEmptyQOnAListIsAProblemNamingQ(string url)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    private async Task<ClaimMatchResponse> MatchAsync(string text)
    {
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/claims/match", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ClaimMatchResponse>(ClaimsApiFactory.Json))!;
    }
}

public sealed class ClaimMatchingTestsOnSqlite(SqliteApi api) : ClaimMatchingTests<SqliteApi>(api);

public sealed class ClaimMatchingTestsOnPostgres(PostgresApi api) : ClaimMatchingTests<PostgresApi>(api);
