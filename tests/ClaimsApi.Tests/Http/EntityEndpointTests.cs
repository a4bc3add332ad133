using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

public abstract class EntityEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [InlineData("North Korea")]
    [InlineData("the DPRK")]
    [InlineData("THE dprk")]
    [InlineData("Democratic People’s Republic of Korea")]
    public async Task LookingUpAnyAliasFindsTheEntity(string name)
    {
        var page = await api.GetJsonAsync<Page<EntityResponse>>($"/v1/entities?name={Uri.EscapeDataString(name)}");

        Assert.Equal(["dprk"], page.Items.Select(e => e.Id));
    }

    [SkippableTheory]
    [InlineData("%EF%BF%BE")]
    [InlineData("%EF%BF%BF%20dprk")]
    [InlineData("%F0%9F%98%80")]
    public async Task UnusualCharactersInANameFindNothingRatherThanFail(string name)
    {
        var page = await api.GetJsonAsync<Page<EntityResponse>>($"/v1/entities?name={name}");

        Assert.Empty(page.Items);
    }

    [SkippableFact]
    public async Task AnAmbiguousNameFindsEveryEntityItNames()
    {
        var page = await api.GetJsonAsync<Page<EntityResponse>>("/v1/entities?name=pyongyang");

        Assert.Equal(["dprk", "pyongyang"], page.Items.Select(e => e.Id));
    }

    [SkippableFact]
    public async Task LookingUpKimJongUnByTitleFindsHim()
    {
        var page = await api.GetJsonAsync<Page<EntityResponse>>("/v1/entities?name=the%20head%20of%20state");

        var kim = Assert.Single(page.Items);
        Assert.Equal("kim-jong-un", kim.Id);
        Assert.Equal(EntityKind.Person, kim.Kind);
        Assert.Contains("the head of the DPRK", kim.Aliases);
    }

    [SkippableFact]
    public async Task FilteringByKindReturnsOnlyThatKind()
    {
        var page = await api.GetJsonAsync<Page<EntityResponse>>("/v1/entities?kind=state&limit=100");

        Assert.Equal(["dprk", "russia", "ukraine"], page.Items.Select(e => e.Id));
    }

    [SkippableFact]
    public async Task GettingAnEntityShowsWhatItIsPartOf()
    {
        var article = await api.GetJsonAsync<EntityResponse>("/v1/entities/dprk-russia-treaty-article-4");

        Assert.Equal(EntityKind.TreatyArticle, article.Kind);
        Assert.Equal("dprk-russia-treaty", article.PartOf?.Id);
    }

    [SkippableFact]
    public async Task AnEntitysClaimsAreThoseItMakesOrIsMentionedIn()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/entities/russia/claims?sort=id&limit=100");
        var all = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?limit=100");
        var mentioning = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/claims?entity=russia&limit=100");

        var expected = all.Items.Where(c => c.Claimant.Id == "russia").Select(c => c.Id)
            .Union(mentioning.Items.Select(c => c.Id))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, page.Items.Select(c => c.Id));
        Assert.Contains("kursk-region-liberated", page.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task AnEntitysClaimsTakeTheClaimFilters()
    {
        var page = await api.GetJsonAsync<Page<ClaimSummary>>("/v1/entities/dprk/claims?kind=legal&sort=id");

        Assert.Equal(["legal-basis-treaty-article-4", "participation-consistent-with-un-charter"], page.Items.Select(c => c.Id));
    }

    [SkippableTheory]
    [InlineData("/v1/entities/nobody")]
    [InlineData("/v1/entities/nobody/claims")]
    public async Task UnknownEntityIsANotFoundProblem(string url)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, detailContains: "nobody");
    }

    [SkippableTheory]
    [InlineData("/v1/entities?kind=country", "kind")]
    [InlineData("/v1/entities?name=%20", "name")]
    [InlineData("/v1/entities?name=a%00b", "name")]
    [InlineData("/v1/entities?name=tab%09here", "name")]
    [InlineData("/v1/entities?limit=0", "limit")]
    [InlineData("/v1/entities/dprk/claims?limit=abc", "limit")]
    public async Task BadQueryParametersAreValidationProblems(string url, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}

public sealed class EntityEndpointTestsOnSqlite(SqliteApi api) : EntityEndpointTests<SqliteApi>(api);

public sealed class EntityEndpointTestsOnPostgres(PostgresApi api) : EntityEndpointTests<PostgresApi>(api);
