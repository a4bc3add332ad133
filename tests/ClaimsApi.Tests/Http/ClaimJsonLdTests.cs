using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.ReadModel;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// A claim and its reviews as schema.org JSON-LD: <c>GET /v1/claims/{id}</c> with <c>Accept: application/ld+json</c>,
/// and <c>GET /v1/claims/{id}/claim-review</c> for clients that cannot set headers. Parsed with System.Text.Json and
/// checked node by node: the Claim, one ClaimReview per review, every property Google's fact-check markup
/// documentation requires or recommends, and how Accept, ETags, visibility and the read model treat it.
/// </summary>
public abstract partial class ClaimJsonLdTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string LdJson = "application/ld+json";

    /// <summary>A seed claim of North Korea (a state, Wikidata Q423), quoted twice in the seed article; no test here reviews it.</summary>
    private const string SeedClaim = "dprk-fought-only-in-russia";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [MemberData(nameof(FactCheckMarkup.Properties), MemberType = typeof(FactCheckMarkup))]
    public async Task EveryPropertyOfTheFactCheckMarkupIsThere(string status, string path)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var written = await WriteReviewedClaimAsync(curator, ("2025-05-02", "mostly-true", true));
        using var anonymous = api.CreateClient();

        var graph = await ReadGraphAsync(anonymous, $"/v1/claims/{written.Claim}/claim-review");

        var segments = path.Split('.');
        var nodes = graph.Where(n => n.GetProperty("@type").GetString() == segments[0]).ToList();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, node =>
        {
            var value = node;
            foreach (var name in segments[1..])
            {
                Assert.True(value.TryGetProperty(name, out value), $"{status} {path}: '{name}' is missing in {node}");
            }

            Assert.True(value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Length > 0,
                JsonValueKind.Number => true,
                JsonValueKind.Object => value.TryGetProperty("@type", out _),
                JsonValueKind.Array => value.GetArrayLength() > 0,
                _ => false,
            }, $"{status} {path}: not a value: {value}");
        });
    }

    [SkippableFact]
    public async Task ASeededClaimIsASchemaOrgClaimWithItsClaimantArticleAndQuotedText()
    {
        using var client = api.CreateClient();
        var json = await (await client.GetAsync($"/v1/claims/{SeedClaim}")).ReadSuccessAsync();

        var response = await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LdJson, response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://schema.org", document.GetProperty("@context").GetString());
        var claim = Assert.Single(document.GetProperty("@graph").EnumerateArray()); // no reviews
        Assert.Equal("Claim", claim.GetProperty("@type").GetString());
        Assert.Equal($"/v1/claims/{SeedClaim}", claim.GetProperty("@id").GetString());
        Assert.Equal(json.GetProperty("text").GetString(), claim.GetProperty("text").GetString());
        Assert.Equal("2025-04-28", claim.GetProperty("datePublished").GetString());
        var author = claim.GetProperty("author");
        Assert.Equal("Organization", author.GetProperty("@type").GetString()); // a state
        Assert.Equal("/v1/entities/dprk", author.GetProperty("@id").GetString());
        Assert.Equal("North Korea", author.GetProperty("name").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q423", author.GetProperty("sameAs").GetString());

        var appearance = claim.GetProperty("appearance");
        Assert.Equal("NewsArticle", appearance.GetProperty("@type").GetString());
        Assert.Equal($"/v1/articles/{TestPaths.SeedArticleId}", appearance.GetProperty("@id").GetString());
        Assert.False(appearance.TryGetProperty("url", out _)); // the seed article has no source URL: left out, never null
        Assert.StartsWith("North Korea confirmed the participation", appearance.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("2025-04-28", appearance.GetProperty("datePublished").GetString());
        Assert.Equal("en", appearance.GetProperty("inLanguage").GetString());
        Assert.Equal("Organization", appearance.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal(
            json.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("text").GetString()),
            appearance.GetProperty("hasPart").EnumerateArray().Select(q => q.GetProperty("text").GetString()));
        Assert.All(appearance.GetProperty("hasPart").EnumerateArray(), q => Assert.Equal("Quotation", q.GetProperty("@type").GetString()));
        Assert.Equal("/v1/entities/dprk", appearance.GetProperty("hasPart")[0].GetProperty("spokenByCharacter").GetProperty("@id").GetString());
        var first = claim.GetProperty("firstAppearance");
        Assert.Equal(appearance.GetProperty("@id").GetString(), first.GetProperty("@id").GetString());
        Assert.False(first.TryGetProperty("hasPart", out _));
        Assert.DoesNotContain("null", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AWrittenClaimWithTwoReviewsHasOneClaimReviewEachNewestFirst()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var written = await WriteReviewedClaimAsync(curator, ("2025-05-02", "mostly-true", true), ("2025-05-03", "unproven", false));
        using var anonymous = api.CreateClient();
        var json = await (await anonymous.GetAsync($"/v1/claims/{written.Claim}")).ReadSuccessAsync();

        var graph = await ReadGraphAsync(anonymous, $"/v1/claims/{written.Claim}", LdJson);

        Assert.Equal(["Claim", "ClaimReview", "ClaimReview"], graph.Select(n => n.GetProperty("@type").GetString()));
        Assert.Equal([$"/v1/reviews/{written.Reviews[1]}", $"/v1/reviews/{written.Reviews[0]}"], graph.Skip(1).Select(n => n.GetProperty("@id").GetString()));
        var claim = graph[0];
        Assert.Equal("Person", claim.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Kim Jong-un", claim.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q56226", claim.GetProperty("author").GetProperty("sameAs").GetString());
        Assert.Equal("2025-05-01", claim.GetProperty("datePublished").GetString());
        var appearance = claim.GetProperty("appearance");
        Assert.Equal(written.SourceUrl, appearance.GetProperty("url").GetString());
        Assert.Equal(written.Publisher, appearance.GetProperty("publisher").GetProperty("@id").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q9684", appearance.GetProperty("publisher").GetProperty("sameAs").GetString());
        Assert.Equal(["the troops fought bravely in Kursk", "they would return home soon"], appearance.GetProperty("hasPart").EnumerateArray().Select(q => q.GetProperty("text").GetString()));
        Assert.Equal("Person", appearance.GetProperty("hasPart")[1].GetProperty("spokenByCharacter").GetProperty("@type").GetString());
        Assert.Equal(written.SourceUrl, claim.GetProperty("firstAppearance").GetProperty("url").GetString());

        var (unproven, rated) = (graph[1], graph[2]);
        foreach (var review in new[] { unproven, rated })
        {
            Assert.Equal(json.GetProperty("text").GetString(), review.GetProperty("claimReviewed").GetString());
            var item = review.GetProperty("itemReviewed");
            Assert.Equal("Claim", item.GetProperty("@type").GetString());
            Assert.Equal(claim.GetProperty("@id").GetString(), item.GetProperty("@id").GetString());
            Assert.Equal(claim.GetProperty("author").ToString(), item.GetProperty("author").ToString());
            Assert.Equal(claim.GetProperty("firstAppearance").ToString(), item.GetProperty("appearance").ToString()); // no quotations
            Assert.Equal("Organization", review.GetProperty("author").GetProperty("@type").GetString());
            Assert.Equal("Rating", review.GetProperty("reviewRating").GetProperty("@type").GetString());
        }

        Assert.Equal("https://factdesk.example/reviews/2025-05-02", rated.GetProperty("url").GetString());
        Assert.Equal("2025-05-02", rated.GetProperty("datePublished").GetString());
        Assert.Equal("Fact Desk 2025-05-02", rated.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("https://factdesk.example/", rated.GetProperty("author").GetProperty("url").GetString());
        Assert.Equal("Found wanting.", rated.GetProperty("reviewBody").GetString());
        var rating = rated.GetProperty("reviewRating");
        Assert.Equal(4, rating.GetProperty("ratingValue").GetInt32());
        Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
        Assert.Equal(1, rating.GetProperty("worstRating").GetInt32());
        Assert.Equal("Verdict: mostly-true", rating.GetProperty("alternateName").GetString());

        // Unproven is not on the scale: the reviewer's words only; no URL of the reviewer, no summary: left out.
        var words = unproven.GetProperty("reviewRating");
        Assert.Equal("Verdict: unproven", words.GetProperty("alternateName").GetString());
        Assert.Equal(["@type", "alternateName"], words.EnumerateObject().Select(p => p.Name));
        Assert.False(unproven.GetProperty("author").TryGetProperty("url", out _));
        Assert.False(unproven.TryGetProperty("reviewBody", out _));
    }

    [SkippableTheory]
    [InlineData("true", 5)]
    [InlineData("mostly-true", 4)]
    [InlineData("mixture", 3)]
    [InlineData("mostly-false", 2)]
    [InlineData("false", 1)]
    [InlineData("unproven", null)]
    public async Task TheNormalisedRatingIsAValueFromOneToFiveAndUnprovenHasNone(string rating, int? value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var written = await WriteReviewedClaimAsync(curator, ("2025-05-02", rating, false));

        var review = (await ReadGraphAsync(curator, $"/v1/claims/{written.Claim}/claim-review"))[1].GetProperty("reviewRating");

        Assert.Equal(value, review.TryGetProperty("ratingValue", out var number) ? number.GetInt32() : null);
        Assert.Equal(value is null ? null : (int?)5, review.TryGetProperty("bestRating", out var best) ? best.GetInt32() : null);
        Assert.Equal(value is null ? null : (int?)1, review.TryGetProperty("worstRating", out var worst) ? worst.GetInt32() : null);
        Assert.Equal($"Verdict: {rating}", review.GetProperty("alternateName").GetString());
    }

    private static readonly string[] Paragraphs = ["Kim Jong-un said the troops fought bravely in Kursk. He said they would return home soon."];

    private RepresentationStore Store => api.Services.GetRequiredService<RepresentationStore>();

    /// <summary>The ids a written claim's test needs: the claim, its reviews (oldest first), its article's publisher (/v1/entities/…) and source URL.</summary>
    internal sealed record Written(string Claim, IReadOnlyList<string> Reviews, string Publisher, string SourceUrl);

    /// <summary>
    /// A published claim of the test's own, by a person with a Wikidata id (Kim Jong-un, Q56226), carried by two of
    /// his statements in an article with a source URL and a publisher that has a Wikidata id; with a review for each
    /// (date, rating, whether the reviewer gives a home page and a summary), in that order.
    /// </summary>
    internal static async Task<Written> WriteReviewedClaimAsync(HttpClient curator, params (string On, string Rating, bool Full)[] reviews)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var publisher = (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = $"The Test Daily {marker}", kind = "publication", wikidata = "Q9684" })).ReadSuccessAsync())
            .GetProperty("id").GetString()!;
        var sourceUrl = $"https://news.example.org/{marker}";
        var article = (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new
        {
            publishedOn = "2025-05-01",
            title = $"Leader praises troops {marker}",
            paragraphs = Paragraphs,
            publisher,
            sourceUrl,
        })).ReadSuccessAsync()).GetProperty("id").GetString()!;
        var fought = await curator.PostStatementAsync(article, "the troops fought bravely in Kursk", speaker: "kim-jong-un");
        var home = await curator.PostStatementAsync(article, "they would return home soon", speaker: "kim-jong-un");
        var claim = (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            text = $"North Korean troops fought bravely in Kursk and will return home soon ({marker}).",
            claimant = "kim-jong-un",
            kind = "factual",
            claimedOn = "2025-05-01",
            article,
            evidence = new[] { new { statement = fought.Id }, new { statement = home.Id } },
        })).ReadSuccessAsync()).GetProperty("id").GetString()!;
        foreach (var (collection, id) in new[] { ("statements", fought.Id), ("statements", home.Id), ("claims", claim) })
        {
            foreach (var to in new[] { "in-review", "published" })
            {
                (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/{collection}/{id}/workflow", new { to }, "*")).EnsureSuccessStatusCode();
            }
        }

        var ids = new List<string>();
        foreach (var (on, rating, full) in reviews)
        {
            var review = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review(on, rating, full));
            ids.Add((await review.ReadSuccessAsync()).GetProperty("id").GetString()!);
        }

        return new Written(claim, ids, $"/v1/entities/{publisher}", sourceUrl);
    }

    private static object Review(string on, string rating, bool full) => new
    {
        reviewerName = $"Fact Desk {on}",
        reviewerUrl = full ? "https://factdesk.example/" : null,
        url = $"https://factdesk.example/reviews/{on}",
        reviewedOn = on,
        ratingText = $"Verdict: {rating}",
        rating,
        summary = full ? "Found wanting." : null,
    };

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? accept, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }

        return client.SendAsync(request);
    }

    /// <summary>The nodes of a JSON-LD answer's graph, after checking that it is JSON-LD in schema.org's vocabulary.</summary>
    private static async Task<List<JsonElement>> ReadGraphAsync(HttpClient client, string url, string? accept = null)
    {
        var response = await GetAsync(client, url, accept);
        var body = await response.ReadSuccessAsync();
        Assert.Equal(LdJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://schema.org", body.GetProperty("@context").GetString());
        return [.. body.GetProperty("@graph").EnumerateArray()];
    }
}

public sealed class ClaimJsonLdTestsOnSqlite(SqliteApi api) : ClaimJsonLdTests<SqliteApi>(api);

public sealed class ClaimJsonLdTestsOnPostgres(PostgresApi api) : ClaimJsonLdTests<PostgresApi>(api);
