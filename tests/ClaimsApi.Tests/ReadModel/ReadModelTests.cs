using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using ClaimsApi.Domain;
using ClaimsApi.ReadModel;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;
using ClaimsApi.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.ReadModel;

/// <summary>
/// The read model (decision 0031) serves the bytes a live render would, after any write made by any instance: two
/// instances on one database, this fixture's with the read model and another that renders every read, must answer
/// every anonymous read with the same status, ETag and bytes after each write, though this one has stored what it
/// answered before the write. The other instance makes the writes, so the bound on staleness across instances is
/// tested too: it is nothing, as the write removes what it makes stale in its own transaction.
/// </summary>
public abstract class ReadModelTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryWriteOfAnotherInstanceIsSeenAtOnceAndTheBytesAreALiveRendersBytes()
    {
        using var live = new ClaimsApiFactory(api.Database, ownsDatabase: false) { Settings = { ["ReadModel:Enabled"] = "false" } };
        using var curator = await live.CreateClientAsync(ApiRole.Curator);
        using var admin = await live.CreateClientAsync(ApiRole.Admin);
        var watched = new List<string> { "/v1/articles/" + TestPaths.SeedArticleId, "/v1/statements/p3-noted-treaty", "/v1/entities/dprk" };

        var claimant = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Stored Ministry {Guid.NewGuid():N}");
        var article = await curator.PostArticleAsync("The minister said alpha beta gamma delta on Monday.");
        var parent = await curator.PostStatementAsync(article.Id, "alpha beta gamma delta");
        var child = await curator.PostStatementAsync(article.Id, "beta gamma", parent: parent.Id, speaker: claimant);
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant, [claimant]);
        watched.AddRange([$"/v1/entities/{claimant}", $"/v1/articles/{article.Id}", $"/v1/statements/{parent.Id}", $"/v1/statements/{child.Id}", $"/v1/claims/{claim}"]);
        // List pages: anchored by an entity, a claimant, a speaker, an article (one with a next page), and not anchored.
        watched.AddRange([
            $"/v1/claims?entity={claimant}", $"/v1/claims?claimant={claimant}&kind=factual", $"/v1/entities/{claimant}/claims?sort=id",
            $"/v1/statements?article={article.Id}", $"/v1/statements?article={article.Id}&limit=1", "/v1/statements?speaker=dprk&limit=100", $"/v1/statements?speaker={claimant}",
            "/v1/claims?kind=factual&limit=100", "/v1/claims?sort=id&limit=2", "/v1/claims?language=en&limit=100",
        ]);
        await AssertSameAsync(live, watched);

        // A child published under a draft parent shows no parent; once the parent is published it does, though
        // the parent's own representation never names its children.
        await PublishAsync(curator, "statements", child.Id);
        await AssertSameAsync(live, watched);
        await PublishAsync(curator, "statements", parent.Id);
        await AssertSameAsync(live, watched);
        Assert.NotNull(await Store.ReadAsync("statement", child.Id, default)); // the reads above were stored
        foreach (var page in new[] { $"/v1/statements?article={article.Id}&limit=1", $"/v1/entities/{claimant}/claims?sort=id", "/v1/claims?sort=id&limit=2" })
        {
            Assert.NotNull(await Store.ReadAsync(ReadModelEndpoints.Pages, page, default));
        }


        await PublishAsync(curator, "claims", claim);
        await AssertSameAsync(live, watched);

        // Reviews, embedded in the claim's JSON and in its JSON-LD (stored apart from it): created, changed, deleted.
        watched.Add($"/v1/claims/{claim}/claim-review");
        await AssertSameAsync(live, watched);
        var review = (await (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", new
        {
            reviewerName = "Stored Desk", url = "https://checks.example.org/stored", reviewedOn = "2025-05-02", ratingText = "Wrong", rating = "false",
        })).ReadSuccessAsync()).GetProperty("id").GetString()!;
        watched.Add($"/v1/reviews/{review}");
        await AssertSameAsync(live, watched);
        Assert.NotNull(await Store.ReadAsync("claim.jsonld", claim, default));
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/reviews/{review}", new
        {
            reviewerName = "Stored Desk", url = "https://checks.example.org/stored", reviewedOn = "2025-05-02", ratingText = "Right after all", rating = "true",
        }, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);

        // An embedded name.
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{claimant}", new { name = "A Stored New Name", kind = "organisation" }, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);

        // A link from a draft (hidden), then published (an incoming link appears), deleted, restored, retracted.
        var linking = TestClaims.Body(TestClaims.NewId("stored-link"));
        linking["links"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["kind"] = "supports", ["claim"] = claim });
        var linker = (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", linking.ToJsonString())).ReadSuccessAsync()).GetProperty("id").GetString()!;
        watched.Add($"/v1/claims/{linker}");
        await AssertSameAsync(live, watched);
        await PublishAsync(curator, "claims", linker);
        await AssertSameAsync(live, watched);
        (await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{linker}", null, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);
        (await admin.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{linker}/restore", null)).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/workflow", new { to = "retracted", reason = "Wrong village." }, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{review}", null, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);

        // A statement that appears in an article, and an entity merged into another.
        await curator.PostStatementAsync(article.Id, "on Monday");
        await AssertSameAsync(live, watched);
        var merged = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Merged Ministry {Guid.NewGuid():N}");
        watched.Add($"/v1/entities/{merged}");
        await AssertSameAsync(live, watched);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = claimant }, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);

        // An article whose language changes moves its claims into a page filtered by language, which names neither.
        var text = TestArticles.Text("The envoy said that talks would resume in spring.");
        var german = (await (await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text)).ReadSuccessAsync()).GetProperty("id").GetString()!;
        var said = await curator.PostStatementAsync(german, "talks would resume in spring");
        await PublishAsync(curator, "statements", said.Id);
        var resumed = (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            text = $"Talks resume in spring {Guid.NewGuid():N}.", claimant = "dprk", kind = "factual", article = german, evidence = new[] { new { statement = said.Id } },
        })).ReadSuccessAsync()).GetProperty("id").GetString()!;
        await PublishAsync(curator, "claims", resumed);
        watched.Add("/v1/claims?language=de&limit=100");
        await AssertSameAsync(live, watched);
        (await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{german}?language=de", text, "*")).EnsureSuccessStatusCode();
        await AssertSameAsync(live, watched);
        Assert.Contains(resumed, (await api.CreateClient().GetStringAsync("/v1/claims?language=de&limit=100")), StringComparison.Ordinal);
    }

    /// <summary>A repeated read with the ETag it was sent answers 304 from one point read: nothing is rendered (no EF Core query).</summary>
    [SkippableFact]
    public async Task AMatchingIfNoneMatchIsOnePointReadAndNoRender()
    {
        using var client = api.CreateClient();
        var first = await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk");
        var etag = first.ETag();
        // Background work (the search index's follower polls the change log) runs commands too: only the request's count.
        using var requests = RequestActivities.Listen();
        using var metrics = new MetricRecorder(api.Services.GetRequiredService<IMeterFactory>());
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/claims/dprk-troops-fought-in-kursk") { Headers = { IfNoneMatch = { EntityTagHeaderValue.Parse(etag) } } };
        request.Headers.Add("traceparent", $"00-{trace}-b7ad6b7169203331-01");

        var repeated = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, repeated.StatusCode);
        Assert.Equal(etag, repeated.ETag());
        Assert.Single(metrics.Of("claimsapi.db.command.duration"), m => m.TraceId == trace);
        var rendered = ActivityTraceId.CreateRandom().ToHexString();
        using var fresh = new HttpRequestMessage(HttpMethod.Get, "/v1/claims/dprk-troops-fought-in-kursk");
        fresh.Headers.Add("traceparent", $"00-{rendered}-b7ad6b7169203331-01");
        var again = await client.SendAsync(fresh);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        Assert.Single(metrics.Of("claimsapi.db.command.duration"), m => m.TraceId == rendered);
    }

    /// <summary>
    /// A fill whose render may have missed a change is refused: a change recorded after the position the render
    /// started from, touching what the representation names, leaves nothing stored; one that touches something else does not.
    /// </summary>
    [SkippableFact]
    public async Task AFillThatAChangeOvertookIsRefused()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claimant = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Raced Ministry {Guid.NewGuid():N}");
        var other = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Bystander {Guid.NewGuid():N}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant, []);
        var stale = new StoredRepresentation("{\"stale\":true}"u8.ToArray(), "\"1-000000000000\"");
        var position = await Store.PositionAsync(default);

        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{claimant}", new { name = "Renamed While Rendering", kind = "organisation" }, "*")).EnsureSuccessStatusCode();

        Assert.False(await Store.FillAsync("claim", claim, stale, [claim, claimant], position, default));
        Assert.Null(await Store.ReadAsync("claim", claim, default));
        Assert.True(await Store.FillAsync("claim", claim, stale, [claim, other], position, default));
        Assert.Equal(stale.ETag, (await Store.ReadAsync("claim", claim, default))?.ETag);

        // And a write after the fill removes it.
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{other}", new { name = "Bystander Renamed", kind = "organisation" }, "*")).EnsureSuccessStatusCode();
        Assert.Null(await Store.ReadAsync("claim", claim, default));
    }

    private RepresentationStore Store => api.Services.GetRequiredService<RepresentationStore>();

    private static async Task PublishAsync(HttpClient curator, string collection, string id)
    {
        foreach (var to in new[] { "in-review", "published" })
        {
            (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/{collection}/{id}/workflow", new { to }, "*")).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Each URL read anonymously here (twice: stored, then from the store) and on <paramref name="live"/>: same status, ETag, Link and bytes.</summary>
    private async Task AssertSameAsync(ClaimsApiFactory live, IEnumerable<string> urls)
    {
        using var stored = api.CreateClient();
        using var rendered = live.CreateClient();
        foreach (var url in urls)
        {
            var expected = await ReadAsync(rendered, url);
            Assert.Equal(expected, await ReadAsync(stored, url));
            Assert.Equal(expected, await ReadAsync(stored, url));
        }
    }

    private static async Task<(string Url, HttpStatusCode Status, string? ETag, string? Link, string Body)> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        // A problem's body names its request (traceId): compare records' bytes.
        var body = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
        var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : null;
        return (url, response.StatusCode, response.Headers.ETag?.ToString(), link, body);
    }
}

public sealed class ReadModelTestsOnSqlite(SqliteApi api) : ReadModelTests<SqliteApi>(api);

public sealed class ReadModelTestsOnPostgres(PostgresApi api) : ReadModelTests<PostgresApi>(api);
