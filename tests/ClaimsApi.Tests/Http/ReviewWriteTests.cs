using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Reviews of claims (schema.org ClaimReview): several side by side, written by curators, visible with their claim.</summary>
public abstract class ReviewWriteTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task ReviewingAClaimAnswers201WithItsLocationETagAndRepresentation()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = Unique("review");

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review(id: id, summary: "No evidence was found."));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/reviews/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETagRevision());
        var body = await response.ReadSuccessAsync();
        Assert.Equal(claim, body.GetProperty("claimId").GetString());
        Assert.Equal("Fact Desk", body.GetProperty("reviewerName").GetString());
        Assert.Equal("https://factdesk.example/", body.GetProperty("reviewerUrl").GetString());
        Assert.Equal("https://factdesk.example/reviews/1", body.GetProperty("url").GetString());
        Assert.Equal("2025-05-02", body.GetProperty("reviewedOn").GetString());
        Assert.Equal("Pants on Fire", body.GetProperty("ratingText").GetString());
        Assert.Equal("mostly-false", body.GetProperty("rating").GetString());
        Assert.Equal("No evidence was found.", body.GetProperty("summary").GetString());
        Assert.Equal(1, body.GetProperty("revision").GetInt32());

        using var anonymous = api.CreateClient();
        var read = await anonymous.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(body.ToString(), (await read.ReadSuccessAsync()).ToString());
    }

    [SkippableFact]
    public async Task AReviewWithoutAnIdGetsOneMadeFromTheReviewersName()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: false);

        var body = await (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review(reviewer: "Fact Desk"))).ReadSuccessAsync();

        Assert.Matches("^fact-desk-[0-9a-f]{6}$", body.GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task SeveralReviewsOfAClaimAreListedSideBySideNewestFirst()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var older = await CreateReviewAsync(curator, claim, reviewedOn: "2025-05-01");
        var newest = await CreateReviewAsync(curator, claim, reviewedOn: "2025-06-10");
        var middle = await CreateReviewAsync(curator, claim, reviewedOn: "2025-05-20");
        using var anonymous = api.CreateClient();

        var all = await (await anonymous.GetAsync($"/v1/claims/{claim}/reviews")).ReadSuccessAsync();
        var first = await (await anonymous.GetAsync($"/v1/claims/{claim}/reviews?limit=2")).ReadSuccessAsync();
        var second = await (await anonymous.GetAsync(first.GetProperty("next").GetString())).ReadSuccessAsync();

        Assert.Equal([newest, middle, older], Ids(all));
        Assert.Equal([newest, middle], Ids(first));
        Assert.Equal([older], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [SkippableFact]
    public async Task GettingAReviewAgainWithItsETagAnswers304()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);
        using var anonymous = api.CreateClient();
        var first = await anonymous.GetAsync($"/v1/reviews/{id}");

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/reviews/{id}");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(first.ETag()));
        var response = await anonymous.SendAsync(again);

        Assert.Equal(1, first.ETagRevision());
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [SkippableFact]
    public async Task ReplacingAReviewChangesItAsANewRevision()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{id}",
            new { reviewerName = "Second Look", url = "https://secondlook.example/r", reviewedOn = "2025-07-01", ratingText = "Half True", rating = "mixture" }, "\"1\"");

        var body = await response.ReadSuccessAsync();
        Assert.Equal(2, response.ETagRevision());
        Assert.Equal("Second Look", body.GetProperty("reviewerName").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reviewerUrl").ValueKind);
        Assert.Equal("mixture", body.GetProperty("rating").GetString());
        Assert.Equal(claim, body.GetProperty("claimId").GetString());
        Assert.Equal(2, (await api.GetJsonAsync<JsonElement>($"/v1/reviews/{id}")).GetProperty("revision").GetInt32());
    }

    [SkippableTheory]
    [InlineData(null, HttpStatusCode.PreconditionRequired)]
    [InlineData("\"2\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("W/\"1\"", HttpStatusCode.PreconditionFailed)]
    public async Task ReplacingOrDeletingAReviewNeedsItsCurrentETag(string? ifMatch, HttpStatusCode status)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{id}", Review(reviewer: "Overwriter"), ifMatch), status);
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{id}", null, ifMatch), status);

        var review = await api.GetJsonAsync<JsonElement>($"/v1/reviews/{id}");
        Assert.Equal("Fact Desk", review.GetProperty("reviewerName").GetString());
        Assert.Equal(1, review.GetProperty("revision").GetInt32());
    }

    [SkippableFact]
    public async Task ADeletedReviewIsGoneUntilAnAdminRestoresIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Admin);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);
        var kept = await CreateReviewAsync(curator, claim);

        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{id}", null, "\"1\"")).StatusCode);

        await Problem.AssertAsync(await curator.GetAsync($"/v1/reviews/{id}"), HttpStatusCode.NotFound);
        Assert.Equal([kept], Ids(await (await curator.GetAsync($"/v1/claims/{claim}/reviews")).ReadSuccessAsync()));
        await Problem.AssertAsync(await curator.PostAsync($"/v1/reviews/{id}/restore", null), HttpStatusCode.Forbidden);
        var restored = await admin.PostAsync($"/v1/reviews/{id}/restore", null);
        Assert.Equal(3, (await restored.ReadSuccessAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/reviews/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task TheHistoryOfAReviewHasEveryChangeWithTheWholeReviewBeforeAndAfter()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Admin);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{id}", Review(reviewer: "Renamed Desk"), "\"1\"")).EnsureSuccessStatusCode();
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{id}", null, "\"2\"")).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/v1/reviews/{id}/restore", null)).EnsureSuccessStatusCode();

        var history = await (await curator.GetAsync($"/v1/reviews/{id}/history")).ReadSuccessAsync();
        var update = await (await curator.GetAsync($"/v1/reviews/{id}/history/2")).ReadSuccessAsync();

        Assert.Equal(["create", "update", "delete", "restore"], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(["reviewerName"], update.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Fact Desk", update.GetProperty("before").GetProperty("reviewerName").GetString());
        Assert.Equal("Renamed Desk", update.GetProperty("after").GetProperty("reviewerName").GetString());
        using var anonymous = api.CreateClient();
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/reviews/{id}/history"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task ReviewsOfADraftClaimAreHiddenFromAnonymousReaders()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: false);
        var id = await CreateReviewAsync(curator, claim);
        using var anonymous = api.CreateClient();

        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/claims/{claim}/reviews"), HttpStatusCode.NotFound, claim);
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/reviews/{id}"), HttpStatusCode.NotFound, id);
        Assert.Equal([id], Ids(await (await curator.GetAsync($"/v1/claims/{claim}/reviews")).ReadSuccessAsync()));
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/reviews/{id}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("no-such-claim")]
    [InlineData("Not%20An%20Id")]
    public async Task ReviewingAnUnknownClaimIs404(string claim)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review()), HttpStatusCode.NotFound, "claim");
        await Problem.AssertAsync(await curator.GetAsync($"/v1/claims/{claim}/reviews"), HttpStatusCode.NotFound, "claim");
    }

    [SkippableFact]
    public async Task ReviewingWithATakenIdIsAConflict()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var id = await CreateReviewAsync(curator, claim);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review(id: id)), HttpStatusCode.Conflict, id);
    }

    [SkippableFact]
    public async Task OnlyCuratorsReviewClaims()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var reader = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Reader);
        using var anonymous = api.CreateClient();
        var claim = await CreateClaimAsync(curator, publish: true);

        await Problem.AssertAsync(await anonymous.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review()), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await reader.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review()), HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task AClaimWithReviewsCannotBeDeletedAndAReviewOfADeletedClaimCannotBeRestored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Admin);
        var claim = await CreateClaimAsync(curator, publish: false);
        var id = await CreateReviewAsync(curator, claim);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim}", null, "\"1\""), HttpStatusCode.Conflict, "reviews");
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{id}", null, "\"1\"")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim}", null, "\"1\"")).StatusCode);

        await Problem.AssertAsync(await admin.PostAsync($"/v1/reviews/{id}/restore", null), HttpStatusCode.Conflict, "restore the claim first");
    }

    [SkippableTheory]
    [InlineData("id", "Not An Id")]
    [InlineData("reviewerName", null)]
    [InlineData("reviewerName", " ")]
    [InlineData("reviewerUrl", "factdesk.example")]
    [InlineData("url", null)]
    [InlineData("url", "ftp://factdesk.example/r")]
    [InlineData("url", "https://factdesk.example/r\u0000")]
    [InlineData("reviewerUrl", "https://factdesk.example/\u0007")]
    [InlineData("reviewedOn", null)]
    [InlineData("reviewedOn", "2025-13-01")]
    [InlineData("ratingText", null)]
    [InlineData("rating", null)]
    [InlineData("rating", "pants-on-fire")]
    [InlineData("summary", "")]
    [InlineData("verdict", "false")]
    public async Task InvalidReviewBodiesAreRejectedNamingTheField(string field, string? value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var body = JsonSerializer.SerializeToNode(Review(), ClaimsApiFactory.Json)!.AsObject();
        body[field] = value;

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(Ids(await (await curator.GetAsync($"/v1/claims/{claim}/reviews")).ReadSuccessAsync()));
    }

    [SkippableTheory]
    [InlineData("reviewerName", 301)]
    [InlineData("ratingText", 301)]
    [InlineData("summary", 2001)]
    [InlineData("url", 2001)]
    public async Task OverlongReviewValuesAreRejectedNamingTheField(string field, int length)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await CreateClaimAsync(curator, publish: true);
        var body = JsonSerializer.SerializeToNode(Review(), ClaimsApiFactory.Json)!.AsObject();
        body[field] = field == "url" ? "https://factdesk.example/" + new string('x', length) : new string('x', length);

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static object Review(string? id = null, string reviewer = "Fact Desk", string reviewedOn = "2025-05-02", string? summary = null) => new
    {
        id,
        reviewerName = reviewer,
        reviewerUrl = "https://factdesk.example/",
        url = "https://factdesk.example/reviews/1",
        reviewedOn,
        ratingText = "Pants on Fire",
        rating = "mostly-false",
        summary,
    };

    private static async Task<string> CreateReviewAsync(HttpClient curator, string claim, string reviewedOn = "2025-05-02")
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Review(id: Unique("review"), reviewedOn: reviewedOn));
        return (await response.ReadSuccessAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>A claim of this test's own, on a seed statement, published (through the workflow) or left a draft.</summary>
    private static async Task<string> CreateClaimAsync(HttpClient curator, bool publish)
    {
        var id = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]);
        if (publish)
        {
            (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, "\"1\"")).EnsureSuccessStatusCode();
            (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "published" }, "\"2\"")).EnsureSuccessStatusCode();
        }

        return id;
    }

    private static IReadOnlyList<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString())];

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";
}

public sealed class ReviewWriteTestsOnSqlite(SqliteApi api) : ReviewWriteTests<SqliteApi>(api);

public sealed class ReviewWriteTestsOnPostgres(PostgresApi api) : ReviewWriteTests<PostgresApi>(api);
