using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>The JSON-LD representation as HTTP serves it: chosen by Accept, its own ETag, the crawler route, visibility, the read model.</summary>
public abstract partial class ClaimJsonLdTests<TApi>
{
    /// <summary>
    /// JSON-LD only when Accept prefers it to JSON (a higher quality, through the most specific range); anything else,
    /// ties and types the API does not have included, is JSON, never 406, as on every route (RFC 9110 lets a server
    /// disregard Accept). The JSON is the bytes and ETag of a plain read.
    /// </summary>
    [SkippableTheory]
    [InlineData(null, false)]
    [InlineData("application/ld+json", true)]
    [InlineData("application/ld+json; profile=\"http://www.w3.org/ns/json-ld#compacted\"", true)]
    [InlineData("application/ld+json, application/json;q=0.9", true)]
    [InlineData("text/html, application/ld+json;q=0.8, */*;q=0.5", true)]
    [InlineData("application/json;q=0, application/ld+json;q=0.1", true)]
    [InlineData("application/json", false)]
    [InlineData("*/*", false)]
    [InlineData("application/*", false)]
    [InlineData("application/ld+json, application/json", false)]
    [InlineData("application/ld+json;q=0.5, application/json", false)]
    [InlineData("application/ld+json, */*;q=1", false)]
    [InlineData("application/ld+json;q=0", false)]
    [InlineData("text/html", false)]
    [InlineData("application/xml", false)]
    [InlineData("not a media type;;;", false)]
    public async Task AcceptChoosesJsonLdOnlyWhenItPrefersItToJson(string? accept, bool jsonLd)
    {
        using var client = api.CreateClient();
        var plain = await client.GetAsync($"/v1/claims/{SeedClaim}");
        var ld = await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson);

        var response = await GetAsync(client, $"/v1/claims/{SeedClaim}", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept", response.Headers.Vary);
        var expected = jsonLd ? ld : plain;
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected.ETag(), response.ETag());
        Assert.Equal(await expected.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(jsonLd ? LdJson : "application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task TheJsonLdHasItsOwnETagAndEachAnswers304OnlyToItsOwn()
    {
        using var client = api.CreateClient();
        var json = await client.GetAsync($"/v1/claims/{SeedClaim}");
        var ld = await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson);
        var crawler = await client.GetAsync($"/v1/claims/{SeedClaim}/claim-review");

        Assert.NotEqual(json.ETag(), ld.ETag());
        Assert.Equal(json.ETagRevision(), ld.ETagRevision());
        Assert.Equal(ld.ETag(), crawler.ETag());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson, json.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"/v1/claims/{SeedClaim}", null, ld.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson, ld.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, $"/v1/claims/{SeedClaim}/claim-review", null, ld.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, $"/v1/claims/{SeedClaim}", "application/json", json.ETag())).StatusCode);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task TheCrawlerRouteAlwaysAnswersJsonLd(string? accept)
    {
        using var client = api.CreateClient();
        var negotiated = await GetAsync(client, $"/v1/claims/{SeedClaim}", LdJson);

        var response = await GetAsync(client, $"/v1/claims/{SeedClaim}/claim-review", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LdJson, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Accept", response.Headers.Vary); // the representation does not depend on it
        Assert.Equal(await negotiated.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/claims/{SeedClaim}/claim-review"));
        Assert.Equal(response.ETag(), head.ETag());
        Assert.Equal(LdJson, head.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task ADraftClaimsJsonLdIs404ToAnonymousReadersAndShownToCurators()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, "dprk", []);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review("2025-05-02", "false", true))).EnsureSuccessStatusCode();
        using var anonymous = api.CreateClient();

        await Problem.AssertAsync(await GetAsync(anonymous, $"/v1/claims/{claim}", LdJson), HttpStatusCode.NotFound, claim);
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/claims/{claim}/claim-review"), HttpStatusCode.NotFound, claim);
        await Problem.AssertAsync(await anonymous.GetAsync("/v1/claims/no-such-claim/claim-review"), HttpStatusCode.NotFound, "no-such-claim");
        await Problem.AssertAsync(await anonymous.GetAsync("/v1/claims/Not%20An%20Id/claim-review"), HttpStatusCode.NotFound);
        var graph = await ReadGraphAsync(curator, $"/v1/claims/{claim}/claim-review");
        Assert.Equal(["Claim", "ClaimReview"], graph.Select(n => n.GetProperty("@type").GetString()));
        Assert.Null(await Store.ReadAsync("claim.jsonld", claim, default)); // a curator's read is not stored
    }

    [SkippableFact]
    public async Task JsonAndJsonLdAreStoredApartAndAReviewWriteRemovesBoth()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var written = await WriteReviewedClaimAsync(curator, ("2025-05-02", "false", true));
        using var anonymous = api.CreateClient();
        var json = await anonymous.GetAsync($"/v1/claims/{written.Claim}");
        var ld = await anonymous.GetAsync($"/v1/claims/{written.Claim}/claim-review");

        var storedJson = await Store.ReadAsync("claim", written.Claim, default);
        var storedLd = await Store.ReadAsync("claim.jsonld", written.Claim, default);
        Assert.Equal(await json.Content.ReadAsByteArrayAsync(), storedJson?.Body);
        Assert.Equal(json.ETag(), storedJson?.ETag);
        Assert.Equal(await ld.Content.ReadAsByteArrayAsync(), storedLd?.Body);
        Assert.Equal(ld.ETag(), storedLd?.ETag);
        // Served from the store, each is still its own representation.
        Assert.Equal(LdJson, (await GetAsync(anonymous, $"/v1/claims/{written.Claim}", LdJson)).Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", (await anonymous.GetAsync($"/v1/claims/{written.Claim}")).Content.Headers.ContentType?.MediaType);

        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{written.Reviews[0]}", Review("2025-05-02", "true", true), "\"1\"")).EnsureSuccessStatusCode();

        Assert.Null(await Store.ReadAsync("claim", written.Claim, default));
        Assert.Null(await Store.ReadAsync("claim.jsonld", written.Claim, default));
        var after = await anonymous.GetAsync($"/v1/claims/{written.Claim}/claim-review");
        Assert.NotEqual(ld.ETag(), after.ETag());
        Assert.Equal(ld.ETagRevision(), after.ETagRevision()); // the claim's own revision did not move
        var graph = await ReadGraphAsync(anonymous, $"/v1/claims/{written.Claim}/claim-review");
        Assert.Equal(5, graph[1].GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
    }

    [SkippableFact]
    public async Task ARenamedPublisherOrAWikidataIdIsSeenInTheStoredJsonLdAtOnce()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var written = await WriteReviewedClaimAsync(curator, ("2025-05-02", "false", true));
        using var anonymous = api.CreateClient();
        await anonymous.GetAsync($"/v1/claims/{written.Claim}/claim-review");
        Assert.NotNull(await Store.ReadAsync("claim.jsonld", written.Claim, default));

        // The publisher is named only by the JSON-LD (the claim's JSON names the article, not its publisher).
        var publisher = written.Publisher["/v1/entities/".Length..];
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{publisher}", new { name = "The Renamed Daily", kind = "publication" }, "*")).EnsureSuccessStatusCode();

        var graph = await ReadGraphAsync(anonymous, $"/v1/claims/{written.Claim}/claim-review");
        var renamed = graph[0].GetProperty("appearance").GetProperty("publisher");
        Assert.Equal("The Renamed Daily", renamed.GetProperty("name").GetString());
        Assert.False(renamed.TryGetProperty("sameAs", out _)); // the PUT left the Wikidata id out
    }
}
