using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Changes;

/// <summary>
/// The change feed (GET /v1/changes, decision 0033): every committed change in commit order from any position, each
/// reader seeing only changes to what it may read, a follower that stores 'next' missing nothing even while writers
/// race, long polling, and clear 400s for positions and parameters it cannot take.
/// </summary>
public abstract class ChangeFeedTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheSeedImportIsInTheFeedFromPositionZero()
    {
        using var anonymous = api.CreateClient();

        var changes = await FollowAsync(anonymous, after: 0);

        Assert.Contains(changes, c => c.Type == "article" && c.Id == TestPaths.SeedArticleId && c.Change == "created" && c.Href == $"/v1/articles/{TestPaths.SeedArticleId}");
        Assert.Contains(changes, c => c.Type == "claim" && c.Change == "created");
        Assert.Equal(changes.Select(c => c.Position).Order(), changes.Select(c => c.Position));
        Assert.Equal(changes.Count, changes.Select(c => c.Position).Distinct().Count());
    }

    [SkippableFact]
    public async Task ACuratorSeesEveryMoveOfADraftAndAnonymousReadersOnlyItsPublicationAndRetraction()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var start = await HeadAsync(anonymous);
        var id = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]);
        await MoveAsync(curator, id, "in-review", 1);
        await MoveAsync(curator, id, "published", 2);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "retracted", reason = "The source withdrew it." }, "\"3\"")).EnsureSuccessStatusCode();
        await MoveAsync(curator, id, "draft", 4);

        var seenByCurator = (await FollowAsync(curator, start)).Where(c => c.Id == id).ToList();
        var seenByAnyone = (await FollowAsync(anonymous, start)).Where(c => c.Id == id).ToList();

        Assert.Equal(["created", "submitted", "published", "retracted", "drafted"], seenByCurator.Select(c => c.Change));
        Assert.Equal([1, 2, 3, 4, 5], seenByCurator.Select(c => c.Revision));
        Assert.Equal(["published", "retracted"], seenByAnyone.Select(c => c.Change));
        Assert.Equal([3, 4], seenByAnyone.Select(c => c.Revision));
        Assert.All(seenByAnyone, c => Assert.Equal(("claim", $"/v1/claims/{id}"), (c.Type, c.Href)));
    }

    [SkippableFact]
    public async Task AReviewOfAPublishedClaimIsSeenByAnyoneAndADraftsReviewOnlyByCurators()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var start = await HeadAsync(anonymous);
        var published = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]);
        await MoveAsync(curator, published, "in-review", 1);
        await MoveAsync(curator, published, "published", 2);
        var draft = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]);
        var seen = await ReviewAsync(curator, published);
        var hidden = await ReviewAsync(curator, draft);
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{seen}", null, "\"1\"")).EnsureSuccessStatusCode();

        var reviews = (await FollowAsync(anonymous, start, "review")).Select(c => (c.Id, c.Change)).ToList();
        var curatorsReviews = (await FollowAsync(curator, start, "review")).Select(c => (c.Id, c.Change)).ToList();

        Assert.Equal<(string, string)>([(seen, "created"), (seen, "deleted")], reviews);
        Assert.Equal<(string, string)>([(seen, "created"), (hidden, "created"), (seen, "deleted")], curatorsReviews);
    }

    [SkippableFact]
    public async Task AnEntityMergedAwayIsMergedAndWhatItRepointsIsUpdated()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var merged = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Merged Away {Guid.NewGuid():N}");
        var into = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Merged Into {Guid.NewGuid():N}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: merged, mentions: ["dprk"]);
        var start = await HeadAsync(curator);

        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into }, "\"1\"")).EnsureSuccessStatusCode();

        var changes = (await FollowAsync(curator, start)).Select(c => (c.Type, c.Id, c.Change)).ToList();
        Assert.Contains(("entity", merged, "merged"), changes);
        Assert.Contains(("entity", into, "updated"), changes);
        Assert.Contains(("claim", claim, "updated"), changes);
    }

    [SkippableFact]
    public async Task TypesAndLimitShapeThePagesAndNextMovesPastWhatIsFilteredOut()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var start = await HeadAsync(curator);
        var entity = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Filtered Out {Guid.NewGuid():N}");
        var claims = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            claims.Add(await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]));
        }

        var first = await ReadPageAsync(curator, $"/v1/changes?after={start}&types=claim&limit=2");
        Assert.Equal(claims[..2], first.Items.Select(c => c.Id));
        Assert.Equal(first.Items[^1].Position, first.Next);

        var second = await ReadPageAsync(curator, $"/v1/changes?after={first.Next}&types=claim&limit=2");
        Assert.Equal([claims[2]], second.Items.Select(c => c.Id));
        Assert.Equal(second.Head, second.Next);

        var entities = await ReadPageAsync(curator, $"/v1/changes?after={start}&types=entity,article");
        Assert.Equal([entity], entities.Items.Select(c => c.Id));

        var nothingLeft = await ReadPageAsync(curator, $"/v1/changes?after={second.Next}&types=review");
        Assert.Empty(nothingLeft.Items);
        Assert.Equal(nothingLeft.Head, nothingLeft.Next);
    }

    [SkippableFact]
    public async Task AFollowerMissesNoChangeWhileWritersRace()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var start = await HeadAsync(curator);
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                created.Add(await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant: "wpk-cmc", mentions: ["dprk"]));
            }
        })).ToList();

        // Reads while the writers write, with small pages, storing only 'next' as a client would.
        var seen = new List<FeedChange>();
        var after = start;
        while (writers.Any(w => !w.IsCompleted))
        {
            var page = await ReadPageAsync(curator, $"/v1/changes?after={after}&limit=3");
            seen.AddRange(page.Items);
            after = page.Next;
        }

        await Task.WhenAll(writers);
        seen.AddRange(await FollowAsync(curator, after));

        Assert.Equal(seen.Select(c => c.Position).Order(), seen.Select(c => c.Position));
        Assert.Equal(seen.Count, seen.Select(c => c.Position).Distinct().Count());
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Where(c => c.Change == "created").Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task ALongPollAnswersWithTheChangeThatArrivesWhileItWaits()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var head = await HeadAsync(curator);

        var waiting = ReadPageAsync(curator, $"/v1/changes?after={head}&wait=30");
        await Task.Delay(200);
        string id = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Long Polled {Guid.NewGuid():N}");
        var page = await waiting;

        var change = Assert.Single(page.Items);
        Assert.Equal(("entity", id, "created"), (change.Type, change.Id, change.Change));
        Assert.True(page.Next >= change.Position);
    }

    [SkippableFact]
    public async Task AnEmptyAnswerWithoutWaitComesAtOnceWithNextAtTheHead()
    {
        using var anonymous = api.CreateClient();
        var head = await HeadAsync(anonymous);

        var page = await ReadPageAsync(anonymous, $"/v1/changes?after={head}");

        Assert.Empty(page.Items);
        Assert.Equal(head, page.Next);
    }

    [SkippableTheory]
    [InlineData("after=abc", "after")]
    [InlineData("after=-1", "after")]
    [InlineData("after=1.5", "after")]
    [InlineData("after=99999999999999999999", "after")]
    [InlineData("types=claim,opinion", "types")]
    [InlineData("types=", "types")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("wait=31", "wait")]
    [InlineData("wait=-1", "wait")]
    public async Task AParameterItCannotTakeIsA400NamingIt(string query, string parameter)
    {
        using var anonymous = api.CreateClient();

        var problem = await Problem.AssertAsync(await anonymous.GetAsync($"/v1/changes?{query}"), HttpStatusCode.BadRequest, $"'{parameter}'");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task APositionPastTheNewestChangeIsA400ThatSaysWhereToStartAgain()
    {
        using var anonymous = api.CreateClient();
        var head = await HeadAsync(anonymous);

        var problem = await Problem.AssertAsync(await anonymous.GetAsync($"/v1/changes?after={head + 1000}"), HttpStatusCode.BadRequest, "past the newest change");

        Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _), problem.ToString());

        Assert.Contains(head.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static async Task MoveAsync(HttpClient curator, string id, string to, int revision) =>
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to }, $"\"{revision}\"")).EnsureSuccessStatusCode();

    internal static async Task<string> ReviewAsync(HttpClient curator, string claim)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", new
        {
            id = $"feed-review-{Guid.NewGuid().ToString("N")[..8]}",
            reviewerName = "Fact Desk",
            url = "https://factdesk.example/reviews/1",
            reviewedOn = "2025-05-02",
            ratingText = "Pants on Fire",
            rating = "false",
        });
        return (await response.ReadSuccessAsync()).GetProperty("id").GetString()!;
    }

    internal static async Task<long> HeadAsync(HttpClient client) => (await ReadPageAsync(client, "/v1/changes?limit=1")).Head;

    /// <summary>Reads on from <paramref name="after"/> until it is up to date, as a client storing 'next' does.</summary>
    internal static async Task<List<FeedChange>> FollowAsync(HttpClient client, long after, string? types = null)
    {
        var changes = new List<FeedChange>();
        while (true)
        {
            var page = await ReadPageAsync(client, $"/v1/changes?after={after}&limit=7" + (types is null ? "" : $"&types={types}"));
            changes.AddRange(page.Items);
            Assert.True(page.Next >= after, $"next {page.Next} went back from {after}");
            if (page.Next == page.Head)
            {
                return changes;
            }

            after = page.Next;
        }
    }

    internal static async Task<ChangePage> ReadPageAsync(HttpClient client, string url)
    {
        var body = await (await client.GetAsync(url)).ReadSuccessAsync();
        return new ChangePage(
            [.. body.GetProperty("items").EnumerateArray().Select(c => new FeedChange(
                c.GetProperty("position").GetInt64(), c.GetProperty("type").GetString()!, c.GetProperty("id").GetString()!, c.GetProperty("revision").GetInt32(),
                c.GetProperty("change").GetString()!, c.GetProperty("at").GetDateTimeOffset(), c.GetProperty("href").GetString()!))],
            body.GetProperty("next").GetInt64(),
            body.GetProperty("head").GetInt64());
    }

    internal sealed record FeedChange(long Position, string Type, string Id, int Revision, string Change, DateTimeOffset At, string Href);

    internal sealed record ChangePage(IReadOnlyList<FeedChange> Items, long Next, long Head);
}

public sealed class ChangeFeedTestsOnSqlite(SqliteApi api) : ChangeFeedTests<SqliteApi>(api);

public sealed class ChangeFeedTestsOnPostgres(PostgresApi api) : ChangeFeedTests<PostgresApi>(api);
