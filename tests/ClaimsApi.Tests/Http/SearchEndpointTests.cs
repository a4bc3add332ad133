using System.Net;
using System.Net.Http.Json;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Search;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

public abstract class SearchEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheParticipationClaimRanksFirstForNorthKoreanTroopsKursk()
    {
        var result = await api.GetJsonAsync<SearchResponse>("/v1/search?q=North%20Korean%20troops%20Kursk&type=claim");

        Assert.Equal("dprk-troops-fought-in-kursk", result.Items[0].Id);
        Assert.Equal(result.Items.OrderByDescending(r => r.Score).Select(r => r.Id), result.Items.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task AnAliasFindsTextThatUsesAnotherAlias()
    {
        // "North Korea" is never written in the body; "the DPRK" and "Pyongyang" are.
        var result = await api.GetJsonAsync<SearchResponse>("/v1/search?q=North%20Korea&type=statement&limit=100");

        Assert.Contains(result.Query.Entities, e => e.Entity.Id == "dprk" && e.Alias == "north korea");
        Assert.Contains(result.Items, r => r.Id == "p5-un-charter-partial" || r.Id == "p5-pyongyang-claims");
        var statement = Assert.Single(result.Items, r => r.Id == "p5-pyongyang-claims");
        Assert.Contains("dprk", statement.MatchedEntities);
        Assert.DoesNotContain("North Korea", statement.Title, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task MoscowFindsRussia()
    {
        var result = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Moscow&type=claim&limit=100");

        Assert.Equal(["russia"], result.Query.Entities.Select(e => e.Entity.Id));
        Assert.Contains(result.Items, r => r.Id == "kursk-region-liberated");
        Assert.All(result.Items, r => Assert.Contains("russia", r.MatchedEntities));
    }

    [SkippableFact]
    public async Task SnippetsHighlightTheMatchedWords()
    {
        var result = await api.GetJsonAsync<SearchResponse>("/v1/search?q=monument&type=claim");

        var hit = Assert.Single(result.Items);
        Assert.Equal("pyongyang-monument-announced", hit.Id);
        var highlight = Assert.Single(hit.Snippet.Highlights);
        Assert.Equal("monument", CodePoints.Slice(hit.Snippet.Text, highlight.Start, highlight.End).ToLowerInvariant());
    }

    [SkippableTheory]
    [InlineData("MONUMENT")]
    [InlineData("monumént")]
    [InlineData("“monument”")]
    public async Task CaseDiacriticsAndCurlyQuotesDoNotMatter(string q)
    {
        var result = await api.GetJsonAsync<SearchResponse>($"/v1/search?q={Uri.EscapeDataString(q)}&type=claim");

        Assert.Equal(["pyongyang-monument-announced"], result.Items.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task FiltersNarrowTheResults()
    {
        var all = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&limit=100");
        var legal = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&kind=factual&claimant=russia&limit=100");
        var statements = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&type=statement&limit=100");
        var none = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&from=2026-01-01&limit=100");
        var english = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&language=en&limit=100");
        var german = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&language=de&limit=100");
        var inArticle = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&article=9c422c9df4965fec&limit=100");
        var otherArticle = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&article=0000000000000000&limit=100");
        var mentioning = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&entity=kim-jong-un&status=unverified&limit=100");

        Assert.Contains(all.Items, r => r.Type == "article");
        Assert.Equal(["kursk-region-liberated"], legal.Items.Select(r => r.Id));
        Assert.All(statements.Items, r => Assert.Equal("statement", r.Type));
        Assert.Empty(none.Items);
        Assert.Equal(all.Items.Count, english.Items.Count);
        Assert.Empty(german.Items);
        Assert.Equal(all.Items.Count, inArticle.Items.Count);
        Assert.Empty(otherArticle.Items);
        Assert.NotEmpty(mentioning.Items);
        Assert.All(mentioning.Items, r => Assert.Equal("claim", r.Type));
        Assert.True(mentioning.Items.Count < all.Items.Count(r => r.Type == "claim"));
    }

    [SkippableFact]
    public async Task FacetsCountTheMatchingClaims()
    {
        var result = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&type=claim&limit=1&facets=true");
        var everything = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk&type=claim&limit=100");

        Assert.NotNull(result.Facets);
        Assert.Equal(everything.Items.Count, result.Facets.Claimant.Sum(f => f.Count));
        Assert.Equal(everything.Items.Count, result.Facets.Kind.Sum(f => f.Count));
        Assert.Equal(everything.Items.Count, result.Facets.Status.Sum(f => f.Count));
        Assert.Contains(result.Facets.Year, y => y.Value == "2025");
        Assert.Contains(result.Facets.Claimant, f => f is { Value: "wpk-cmc", Label: "Central Military Commission of the Workers' Party of Korea" });
        Assert.Contains(result.Facets.Entity, f => f.Value == "kursk-region");
        Assert.Null((await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk")).Facets);
    }

    [SkippableFact]
    public async Task PagesFollowTheRankingWithoutRepeatsAndCarryALinkHeader()
    {
        var all = await api.GetJsonAsync<SearchResponse>("/v1/search?q=Kursk%20DPRK&limit=100");
        using var client = api.CreateClient();
        var seen = new List<string>();
        for (var url = "/v1/search?q=Kursk%20DPRK&limit=4"; url is not null;)
        {
            var response = await client.GetAsync(url);
            var page = (await response.Content.ReadFromJsonAsync<SearchResponse>(ClaimsApiFactory.Json))!;
            seen.AddRange(page.Items.Select(r => $"{r.Type}/{r.Id}"));
            Assert.Equal(page.Next is not null, response.Headers.Contains("Link"));
            url = page.Next;
        }

        Assert.True(all.Items.Count > 4);
        Assert.Equal(all.Items.Select(r => $"{r.Type}/{r.Id}"), seen);
    }

    [SkippableTheory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("Kursk*")]
    [InlineData("(Kursk")]
    [InlineData("Kursk NEAR/3 DPRK")]
    [InlineData("Kursk OR DPRK")]
    [InlineData("-Kursk")]
    [InlineData("^Kursk")]
    [InlineData("title:Kursk")]
    [InlineData("Kursk AND NOT DPRK")]
    [InlineData("'; DROP TABLE claims; --")]
    [InlineData("Kursk 🇰🇵 🚀")]
    [InlineData("Курск")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("ʻOahu")]
    [InlineData("ŉ")]
    [InlineData("aːb")]
    [InlineData("⑴ Kursk")]
    [InlineData("\uFFFE Kursk")]
    [InlineData("ﷺ")]
    public async Task WhatUsersTypeNeverBreaksAQuery(string q)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/search?q={Uri.EscapeDataString(q)}");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{q} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
        }
    }

    [SkippableFact]
    public async Task SyntaxCharactersAreReadAsPlainWords()
    {
        var result = await api.GetJsonAsync<SearchResponse>($"/v1/search?q={Uri.EscapeDataString("\"monument\" NEAR( *")}&type=claim");

        Assert.Contains(result.Items, r => r.Id == "pyongyang-monument-announced");
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and")]
    [InlineData("!!! ???")]
    [InlineData("a%00b")]
    public async Task AQueryWithNothingToSearchForIsAProblemNamingQ(string q)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/search?q={q}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [SkippableFact]
    public async Task AMissingQIsAProblemNamingQ()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v1/search");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [SkippableFact]
    public async Task TenThousandCharactersAreAProblemNamingQ()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/search?q={new string('k', 10_000)}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [SkippableTheory]
    [InlineData("type=claims", "type")]
    [InlineData("type=article&kind=legal", "type")]
    [InlineData("facets=yes", "facets")]
    [InlineData("language=en_US!", "language")]
    [InlineData("cursor=abc", "cursor")]
    public async Task BadParametersAreProblemsNamingThem(string query, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/search?q=Kursk&{query}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}

public sealed class SearchEndpointTestsOnSqlite(SqliteApi api) : SearchEndpointTests<SqliteApi>(api);

public sealed class SearchEndpointTestsOnPostgres(PostgresApi api) : SearchEndpointTests<PostgresApi>(api);
