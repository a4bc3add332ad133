using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// <c>GET /v1/reviews</c>: every review whose claim the caller may see, newest first, filtered by reviewer (the name
/// matched whole, folded), rating, claim and date range, keyset-paged; and reviews embedded in their claim's JSON.
/// Each test names reviewers of its own, so the reviews other tests write do not reach its pages.
/// </summary>
public abstract class ReviewListTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EachFilterFindsItsReviewsNewestFirstAndTheyCombine()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var desk = $"Désk Ünique {Guid.NewGuid():N}";
        var other = $"Other Desk {Guid.NewGuid():N}";
        var first = await PublishedClaimAsync(curator);
        var second = await PublishedClaimAsync(curator);
        var a = await ReviewAsync(curator, first, desk, "2025-05-01", "false");
        var b = await ReviewAsync(curator, second, desk, "2025-05-03", "true");
        var c = await ReviewAsync(curator, first, desk, "2025-05-03", "false");
        var d = await ReviewAsync(curator, first, other, "2025-05-02", "false");
        using var anonymous = api.CreateClient();
        // The reviewer's name matched whole: case, diacritics and runs of spaces do not count.
        var folded = Uri.EscapeDataString(desk.ToUpperInvariant().Replace("É", "E", StringComparison.Ordinal).Replace("Ü", "U", StringComparison.Ordinal).Replace(" ", "  ", StringComparison.Ordinal));

        // Newest first; on one day, by id.
        Assert.Equal([.. new[] { b, c }.Order(StringComparer.Ordinal), a], await IdsAsync(anonymous, $"/v1/reviews?reviewer={folded}"));
        Assert.Equal([c, a], await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}&rating=false"));
        Assert.Equal([c, a], await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}&claim={first}"));
        Assert.Equal([c, d, a], await IdsAsync(anonymous, $"/v1/reviews?claim={first}"));
        Assert.Equal([d], await IdsAsync(anonymous, $"/v1/reviews?claim={first}&from=2025-05-02&to=2025-05-02")); // inclusive
        Assert.Equal([c, d], await IdsAsync(anonymous, $"/v1/reviews?claim={first}&from=2025-05-02"));
        Assert.Equal([d, a], await IdsAsync(anonymous, $"/v1/reviews?claim={first}&to=2025-05-02"));
        Assert.Equal([b], await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}&rating=true&from=2025-05-03&to=2025-05-03"));
        Assert.Empty(await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk[..^3])}")); // not a prefix search
        Assert.Empty(await IdsAsync(anonymous, "/v1/reviews?claim=no-such-claim"));

        // Each item is the review as GET /v1/reviews/{id} answers it.
        var page = await (await anonymous.GetAsync($"/v1/reviews?claim={first}&limit=1")).ReadSuccessAsync();
        var item = page.GetProperty("items")[0];
        Assert.Equal((await (await anonymous.GetAsync($"/v1/reviews/{c}")).ReadSuccessAsync()).ToString(), item.ToString());
    }

    [SkippableFact]
    public async Task PagesFollowOneAnotherWithoutGapsOrRepeats()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var desk = $"Paging Desk {Guid.NewGuid():N}";
        var claim = await PublishedClaimAsync(curator);
        var written = new List<(string Id, string On)>();
        foreach (var on in new[] { "2025-05-04", "2025-05-01", "2025-05-04", "2025-05-02", "2025-05-04", "2025-05-03", "2025-05-01" })
        {
            written.Add((await ReviewAsync(curator, claim, desk, on, "mixture"), on));
        }

        using var anonymous = api.CreateClient();
        var seen = new List<string>();
        string? next = $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}&limit=2";
        var pages = 0;
        while (next is not null)
        {
            var response = await anonymous.GetAsync(next);
            var page = await response.ReadSuccessAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            next = page.GetProperty("next").GetString();
            Assert.Equal(next is null, !response.Headers.Contains("Link"));
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal(
            written.OrderByDescending(w => w.On, StringComparer.Ordinal).ThenBy(w => w.Id, StringComparer.Ordinal).Select(w => w.Id),
            seen);
    }

    [SkippableFact]
    public async Task OnlyReviewsOfClaimsTheCallerMaySeeAreListed()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var desk = $"Visibility Desk {Guid.NewGuid():N}";
        var published = await PublishedClaimAsync(curator);
        var draft = await EntityWriteTests<TApi>.CreateClaimAsync(curator, "dprk", []);
        var shown = await ReviewAsync(curator, published, desk, "2025-05-01", "true");
        var hidden = await ReviewAsync(curator, draft, desk, "2025-05-02", "true");
        using var anonymous = api.CreateClient();
        using var reader = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Reader);

        Assert.Equal([shown], await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}"));
        Assert.Equal([shown], await IdsAsync(reader, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}"));
        Assert.Empty(await IdsAsync(anonymous, $"/v1/reviews?claim={draft}"));
        Assert.Equal([hidden, shown], await IdsAsync(curator, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}"));

        // A deleted review is gone from the list too.
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{shown}", null, "\"1\"")).EnsureSuccessStatusCode();
        Assert.Empty(await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}"));
    }

    [SkippableTheory]
    [InlineData("from=2025-06-01&to=2025-05-01", "from")]
    [InlineData("from=2025-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("rating=pants-on-fire", "rating")]
    [InlineData("claim=Not%20An%20Id", "claim")]
    [InlineData("reviewer=", "reviewer")]
    [InlineData("reviewer=%20%20", "reviewer")]
    [InlineData("reviewer=a%07b", "reviewer")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("sort=reviewedOn", "sort")]
    [InlineData("rating=true&rating=false", "rating")]
    public async Task BadParametersAre400ProblemsNamingThem(string query, string parameter)
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync($"/v1/reviews?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task AReviewerNameLongerThanTheLimitOnceFoldedIsRefused()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await PublishedClaimAsync(curator);
        var name = new string('\uFB03', Limits.Name); // "ﬃ" folds to "ffi": three times as long

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Body(name, "2025-05-01", "true")), HttpStatusCode.BadRequest);

        Assert.Contains("once folded", problem.GetProperty("errors").GetProperty("reviewerName")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReviewsWrittenBeforeTheirFoldedNameWasKeptGetItAtStartUp()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var desk = $"Older DéSk {Guid.NewGuid():N}";
        var claim = await PublishedClaimAsync(curator);
        var id = await ReviewAsync(curator, claim, desk, "2025-05-01", "true");
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        // As migration ReviewList leaves a review written before it: no folded name.
        await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(r => r.SetProperty(x => x.NormalizedReviewerName, (string?)null));
        using var anonymous = api.CreateClient();
        Assert.Empty(await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk)}"));

        Assert.True(await ReviewerKeys.FillMissingAsync(db, default) >= 1);

        Assert.Equal([id], await IdsAsync(anonymous, $"/v1/reviews?reviewer={Uri.EscapeDataString(desk.ToLowerInvariant())}"));
        Assert.Equal(0, await ReviewerKeys.FillMissingAsync(db, default));
        var review = await (await anonymous.GetAsync($"/v1/reviews/{id}")).ReadSuccessAsync();
        Assert.Equal(1, review.GetProperty("revision").GetInt32()); // not a change of the review
    }

    [SkippableFact]
    public async Task ReviewsAppearInTheClaimsJsonAndItsETagAndStoredBytesFollowEveryReviewWrite()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await EntityWriteTests<TApi>.ClientAsync(api, ApiRole.Admin);
        var claim = await PublishedClaimAsync(curator);
        using var anonymous = api.CreateClient();
        var etags = new List<string>();
        async Task<JsonElement> ReadAsync()
        {
            var response = await anonymous.GetAsync($"/v1/claims/{claim}");
            var again = await anonymous.GetAsync($"/v1/claims/{claim}"); // from the read model
            Assert.Equal(await response.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
            Assert.Equal(3, response.ETagRevision()); // created, in review, published: reviews do not move the claim's revision
            etags.Add(response.ETag());
            return await response.ReadSuccessAsync();
        }

        Assert.Empty((await ReadAsync()).GetProperty("reviews").EnumerateArray());
        var older = await ReviewAsync(curator, claim, "Embedded Desk", "2025-05-01", "false");
        var newer = await ReviewAsync(curator, claim, "Embedded Desk", "2025-05-02", "true");
        var shown = await ReadAsync();
        Assert.Equal([newer, older], shown.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal((await (await anonymous.GetAsync($"/v1/reviews/{older}")).ReadSuccessAsync()).ToString(), shown.GetProperty("reviews")[1].ToString());

        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{older}", Body("Embedded Desk", "2025-05-01", "mixture"), "\"1\"")).EnsureSuccessStatusCode();
        Assert.Equal("mixture", (await ReadAsync()).GetProperty("reviews")[1].GetProperty("rating").GetString());
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{newer}", null, "\"1\"")).EnsureSuccessStatusCode();
        Assert.Equal([older], (await ReadAsync()).GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        (await admin.PostAsync($"/v1/reviews/{newer}/restore", null)).EnsureSuccessStatusCode();
        Assert.Equal(2, (await ReadAsync()).GetProperty("reviews").GetArrayLength());

        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [SkippableFact]
    public async Task ClaimListsAndArticlesCarryNoReviewsAndAReviewAddsNothingToTheClaimsHistory()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await PublishedClaimAsync(curator);
        var review = await ReviewAsync(curator, claim, "History Desk", "2025-05-01", "true");

        var list = await (await curator.GetAsync("/v1/claims?sort=id&limit=100&claimant=dprk")).ReadSuccessAsync();
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.False(c.TryGetProperty("reviews", out _)));
        var history = await (await curator.GetAsync($"/v1/claims/{claim}/history")).ReadSuccessAsync();
        Assert.Equal(3, history.GetProperty("items").GetArrayLength()); // create, two moves: the review is in the review's history

        // A change of the claim keeps the representation it had then, reviews included.
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/workflow", new { to = "retracted", reason = "Wrong." }, "\"3\"")).EnsureSuccessStatusCode();
        var retraction = await (await curator.GetAsync($"/v1/claims/{claim}/history/4")).ReadSuccessAsync();
        Assert.Equal(["workflow", "retractionReason"], retraction.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(review, retraction.GetProperty("after").GetProperty("reviews")[0].GetProperty("id").GetString());
        Assert.Equal(review, retraction.GetProperty("before").GetProperty("reviews")[0].GetProperty("id").GetString());
    }

    private static async Task<string> PublishedClaimAsync(HttpClient curator)
    {
        var id = await EntityWriteTests<TApi>.CreateClaimAsync(curator, "dprk", []);
        foreach (var to in new[] { "in-review", "published" })
        {
            (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to }, "*")).EnsureSuccessStatusCode();
        }

        return id;
    }

    private static async Task<string> ReviewAsync(HttpClient curator, string claim, string reviewer, string on, string rating)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", Body(reviewer, on, rating));
        return (await response.ReadSuccessAsync()).GetProperty("id").GetString()!;
    }

    private static object Body(string reviewer, string on, string rating) => new
    {
        reviewerName = reviewer, url = $"https://checks.example.org/{on}", reviewedOn = on, ratingText = $"Rated {rating}", rating,
    };

    private static async Task<List<string>> IdsAsync(HttpClient client, string url) =>
        [.. (await (await client.GetAsync(url)).ReadSuccessAsync()).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
}

public sealed class ReviewListTestsOnSqlite(SqliteApi api) : ReviewListTests<SqliteApi>(api);

public sealed class ReviewListTestsOnPostgres(PostgresApi api) : ReviewListTests<PostgresApi>(api);
