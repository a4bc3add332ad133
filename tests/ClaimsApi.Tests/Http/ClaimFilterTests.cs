using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// The claim filter is one filter on the claim list, an entity's claims and search: the parameters each of them
/// lacked before (language on the lists, workflow on search) mean the same there as on the others.
/// </summary>
public abstract class ClaimFilterTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheClaimListsKeepTheClaimsOfArticlesInTheGivenLanguage()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var language = $"qa-{Guid.NewGuid().ToString("N")[..8]}"; // a tag no other article has
        var article = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?language={language}", TestArticles.Text("The ministry said the border was calm."))
            .ReadAsync<ArticleDetail>();
        var statement = await curator.PostStatementAsync(article.Id, "the border was calm", speaker: "wpk-cmc");
        var id = TestClaims.NewId("in-language");
        var body = TestClaims.Body(id, "The border was calm.");
        body["article"] = article.Id;
        body["evidence"]![0]!["statement"] = statement.Id;
        await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString())).ReadSuccessAsync();

        var inLanguage = await curator.GetAsync($"/v1/claims?language={language}").ReadAsync<Page<ClaimSummary>>();
        var ofClaimant = await curator.GetAsync($"/v1/entities/wpk-cmc/claims?language={language}").ReadAsync<Page<ClaimSummary>>();
        var english = await curator.GetAsync("/v1/claims?language=en&limit=100").ReadAsync<Page<ClaimSummary>>();
        var upperCase = await curator.GetAsync($"/v1/claims?language={language.ToUpperInvariant()}").ReadAsync<Page<ClaimSummary>>();

        Assert.Equal([id], inLanguage.Items.Select(c => c.Id));
        Assert.Equal([id], ofClaimant.Items.Select(c => c.Id));
        Assert.NotEmpty(english.Items);
        Assert.DoesNotContain(english.Items, c => c.Id == id);
        Assert.Empty(upperCase.Items); // compared exactly, as on search
    }

    [SkippableFact]
    public async Task TheClaimListShowsOtherWorkflowStagesToCuratorsOnly()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("draft-listed");
        await TestClaims.CreateAsync(curator, id);
        using var anonymous = api.CreateClient();

        var drafts = await curator.GetAsync("/v1/claims?workflow=draft&limit=100").ReadAsync<Page<ClaimSummary>>();
        var anonymousDrafts = await anonymous.GetAsync("/v1/claims?workflow=draft&limit=100").ReadAsync<Page<ClaimSummary>>();
        var published = await curator.GetAsync("/v1/claims?workflow=published&limit=100").ReadAsync<Page<ClaimSummary>>();

        Assert.Contains(drafts.Items, c => c.Id == id);
        Assert.All(drafts.Items, c => Assert.Equal(WorkflowState.Draft, c.Workflow));
        Assert.Empty(anonymousDrafts.Items);
        Assert.DoesNotContain(published.Items, c => c.Id == id);
    }

    [SkippableFact]
    public async Task SearchFiltersClaimsByWorkflowStageAndFindsOnlyPublishedOnes()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var id = TestClaims.NewId("searched-stage");
        var word = $"zw{Guid.NewGuid().ToString("N")[..10]}"; // a word no other record has
        var (_, etag) = await TestClaims.CreateAsync(curator, id, $"Troops crossed near {word} at dawn.");

        Assert.Empty(await FoundAsync(curator, $"q={word}&workflow=draft")); // drafts are not indexed, not even for curators
        etag = await MoveAsync(curator, id, "in-review", etag);
        await MoveAsync(curator, id, "published", etag);

        Assert.Equal([id], await FoundAsync(curator, $"q={word}&workflow=published"));
        Assert.Equal([id], await FoundAsync(anonymous, $"q={word}&workflow=published"));
        Assert.Empty(await FoundAsync(curator, $"q={word}&workflow=in-review"));
        Assert.Empty(await FoundAsync(anonymous, $"q={word}&workflow=retracted"));
    }

    [SkippableFact]
    public async Task WorkflowOnSearchReturnsOnlyClaims()
    {
        using var client = api.CreateClient();

        var staged = await client.GetAsync("/v1/search?q=Kursk&workflow=published&limit=100").ReadAsync<SearchResponse>();
        var claims = await client.GetAsync("/v1/search?q=Kursk&type=claim&limit=100").ReadAsync<SearchResponse>();

        Assert.NotEmpty(staged.Items);
        Assert.All(staged.Items, r => Assert.Equal("claim", r.Type));
        Assert.Equal(claims.Items.Select(r => r.Id), staged.Items.Select(r => r.Id));
    }

    [SkippableTheory]
    [InlineData("/v1/claims?workflow=published&limit=100", "/v1/claims?workflow=Published&limit=100")]
    [InlineData("/v1/claims?kind=legal&limit=100", "/v1/claims?kind=LEGAL&limit=100")]
    [InlineData("/v1/search?q=Kursk&workflow=published", "/v1/search?q=Kursk&workflow=PUBLISHED")]
    [InlineData("/v1/statements?kind=direct-quote&limit=100", "/v1/statements?kind=Direct-Quote&limit=100")]
    public async Task EnumValuesInTheQueryIgnoreCaseAsInBodies(string lowerCase, string otherCase)
    {
        using var client = api.CreateClient();

        var expected = await (await client.GetAsync(lowerCase)).ReadSuccessAsync();
        var actual = await (await client.GetAsync(otherCase)).ReadSuccessAsync();

        Assert.Equal(expected.GetRawText(), actual.GetRawText());
    }

    [SkippableTheory]
    [InlineData("/v1/claims?language=en_US!", "language")]
    [InlineData("/v1/claims?language=", "language")]
    [InlineData("/v1/entities/dprk/claims?language=english-language", "language")]
    [InlineData("/v1/claims?workflow=live", "workflow")]
    [InlineData("/v1/search?q=Kursk&workflow=live", "workflow")]
    [InlineData("/v1/search?q=Kursk&type=article&workflow=published", "type")]
    public async Task BadValuesAreProblemsNamingTheParameter(string url, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), $"errors should name '{parameter}': {problem}");
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains($"'{parameter}'", messages[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> FoundAsync(HttpClient client, string query)
    {
        var page = await client.GetAsync($"/v1/search?{query}").ReadAsync<SearchResponse>();
        return [.. page.Items.Select(r => r.Id)];
    }

    private static async Task<string> MoveAsync(HttpClient curator, string id, string to, string etag)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to }, etag);
        await response.ReadSuccessAsync();
        return response.ETag();
    }
}

public sealed class ClaimFilterTestsOnSqlite(SqliteApi api) : ClaimFilterTests<SqliteApi>(api);

public sealed class ClaimFilterTestsOnPostgres(PostgresApi api) : ClaimFilterTests<PostgresApi>(api);
