using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Optimistic concurrency: two writers holding the same ETag never both win, a creation races to one 201, and the
/// If-Match / If-None-Match headers behave as RFC 9110 says.
/// </summary>
public abstract class ConcurrencyTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const int Rounds = 5;

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task OfTwoConcurrentUpdatesWithTheSameIfMatchExactlyOneWinsAndTheOtherGets412()
    {
        using var first = await api.CreateClientAsync(ApiRole.Curator);
        using var second = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("race-update");
        var (_, etag) = await TestClaims.CreateAsync(first, id);

        for (var round = 1; round <= Rounds; round++)
        {
            var texts = new[] { $"Round {round}: the first curator's wording.", $"Round {round}: the second curator's wording." };
            var responses = await Task.WhenAll(
                first.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, texts[0]).ToJsonString(), etag),
                second.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, texts[1]).ToJsonString(), etag));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]), $"round {round}: {string.Join(", ", statuses)}");
            var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
            await Problem.AssertAsync(responses[1 - winner], HttpStatusCode.PreconditionFailed);
            etag = responses[winner].ETag();
            Assert.Equal(round + 1, responses[winner].ETagRevision());

            var current = await (await first.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
            Assert.Equal(texts[winner], current.GetProperty("text").GetString());
            Assert.Equal(round + 1, current.GetProperty("revision").GetInt32());
        }

        var history = await (await first.GetAsync($"/v1/claims/{id}/history?limit=100")).ReadSuccessAsync();
        Assert.Equal(Enumerable.Range(1, Rounds + 1), history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("revision").GetInt32()));
        Assert.Equal(["create", .. Enumerable.Repeat("update", Rounds)], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [SkippableFact]
    public async Task OfTwoConcurrentWorkflowMovesWithTheSameIfMatchExactlyOneWins()
    {
        using var first = await api.CreateClientAsync(ApiRole.Curator);
        using var second = await api.CreateClientAsync(ApiRole.Curator);

        for (var round = 1; round <= Rounds; round++)
        {
            var id = TestClaims.NewId("race-move");
            var (_, etag) = await TestClaims.CreateAsync(first, id);

            var responses = await Task.WhenAll(
                first.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, etag),
                second.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, etag));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]), $"round {round}: {string.Join(", ", statuses)}");
            var history = await (await first.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
            Assert.Equal([1, 2], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("revision").GetInt32()));
            var current = await (await first.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
            Assert.Equal("in-review", current.GetProperty("workflow").GetString());
        }
    }

    [SkippableFact]
    public async Task APublicationAndTheRetractionOfItsEvidenceNeverBothWin()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("The ministry said the border stays closed until spring.");

        for (var round = 1; round <= Rounds * 2; round++)
        {
            var statement = await curator.PostStatementAsync(article.Id, "the border stays closed until spring");
            var statementTag = await MoveAsync(curator, $"/v1/statements/{statement.Id}", "\"1\"", "in-review");
            statementTag = await MoveAsync(curator, $"/v1/statements/{statement.Id}", statementTag, "published");
            var claimId = TestClaims.NewId("race");
            var body = TestClaims.Body(claimId);
            body["article"] = article.Id;
            body["evidence"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["statement"] = statement.Id });
            var created = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());
            var claimTag = await MoveAsync(curator, $"/v1/claims/{claimId}", (await Created(created)).ETag(), "in-review");

            // The claim is published while its only evidence statement is retracted, at the same moment.
            var responses = await Task.WhenAll(
                curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claimId}/workflow", new { to = "published" }, claimTag),
                curator.SendJsonAsync(HttpMethod.Post, $"/v1/statements/{statement.Id}/workflow", new { to = "retracted", reason = "Misquoted." }, statementTag));

            var claim = await (await curator.GetAsync($"/v1/claims/{claimId}")).ReadSuccessAsync();
            var cited = await (await curator.GetAsync($"/v1/statements/{statement.Id}")).ReadSuccessAsync();
            var published = claim.GetProperty("workflow").GetString() == "published";
            var retracted = cited.GetProperty("workflow").GetString() == "retracted";
            Assert.False(published && retracted, $"round {round}: a published claim rests on a retracted statement ({(int)responses[0].StatusCode}, {(int)responses[1].StatusCode})");
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
    }

    private static async Task<HttpResponseMessage> Created(HttpResponseMessage response)
    {
        await response.ReadSuccessAsync();
        return response;
    }

    private static async Task<string> MoveAsync(HttpClient curator, string url, string etag, string to)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"{url}/workflow", new { to }, etag);
        await response.ReadSuccessAsync();
        return response.ETag();
    }

    [SkippableFact]
    public async Task OfTwoConcurrentCreationsOfOneIdOneIsCreatedAndTheOtherConflicts()
    {
        using var first = await api.CreateClientAsync(ApiRole.Curator);
        using var second = await api.CreateClientAsync(ApiRole.Curator);

        for (var round = 1; round <= Rounds; round++)
        {
            var id = TestClaims.NewId("race-create");
            var responses = await Task.WhenAll(
                first.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(id, "The first curator's claim.").ToJsonString()),
                second.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(id, "The second curator's claim.").ToJsonString()));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]), $"round {round}: {string.Join(", ", statuses)}");
            await Problem.AssertAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
            var created = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadSuccessAsync();
            var current = await (await first.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
            Assert.Equal(created.GetProperty("text").GetString(), current.GetProperty("text").GetString());
            var history = await (await first.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
            Assert.Single(history.GetProperty("items").EnumerateArray());
        }
    }

    [SkippableTheory]
    [InlineData("PUT")]
    [InlineData("WORKFLOW")]
    [InlineData("DELETE")]
    public async Task AWriteWithoutIfMatchIsPreconditionRequiredNamingTheCurrentETag(string write)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("no-if-match");
        await TestClaims.CreateAsync(curator, id);

        var response = await SendAsync(curator, write, id, null);

        var problem = await Problem.AssertAsync(response, (HttpStatusCode)428, "If-Match");
        Assert.Contains("\"1\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, problem.GetProperty("currentRevision").GetInt32());
        await AssertUnchangedAsync(curator, id);
    }

    [SkippableTheory]
    [InlineData("PUT", "\"2\"")]
    [InlineData("PUT", "W/\"1\"")]
    [InlineData("PUT", "1")]
    [InlineData("PUT", "\"1")]
    [InlineData("PUT", "\"0\", \"2\"")]
    [InlineData("WORKFLOW", "W/\"1\"")]
    [InlineData("WORKFLOW", "not-a-tag")]
    [InlineData("DELETE", "\"7\"")]
    [InlineData("DELETE", "W/\"1\"")]
    public async Task AStaleWeakOrMalformedIfMatchIsPreconditionFailed(string write, string ifMatch)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("bad-if-match");
        await TestClaims.CreateAsync(curator, id);

        var response = await SendAsync(curator, write, id, ifMatch);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, problem.GetProperty("currentRevision").GetInt32());
        await AssertUnchangedAsync(curator, id);
    }

    [SkippableTheory]
    [InlineData("PUT", "*")]
    [InlineData("PUT", "\"0\", \"1\"")]
    [InlineData("WORKFLOW", "*")]
    [InlineData("DELETE", "*")]
    [InlineData("DELETE", "\"1\"")]
    public async Task AnIfMatchOfStarOrAListNamingTheCurrentTagIsAccepted(string write, string ifMatch)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("good-if-match");
        await TestClaims.CreateAsync(curator, id);

        var response = await SendAsync(curator, write, id, ifMatch);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (write != "DELETE")
        {
            Assert.Equal(2, response.ETagRevision());
        }
    }

    [SkippableTheory]
    [InlineData("/v1/claims/dprk-troops-fought-in-kursk")]
    [InlineData("/v1/articles/9c422c9df4965fec")]
    [InlineData("/v1/entities/dprk")]
    [InlineData("/v1/statements/p3-noted-treaty")]
    public async Task AGetWithAMatchingIfNoneMatchIsNotModifiedWithItsETag(string url)
    {
        using var client = api.CreateClient();
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.ETag();
        var revision = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("revision").GetInt32();
        Assert.Equal(revision, first.ETagRevision());

        foreach (var ifNoneMatch in new[] { etag, "W/" + etag, "*", $"\"999\", {etag}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotModified, $"If-None-Match {ifNoneMatch}: {(int)response.StatusCode}");
            Assert.Equal(etag, response.ETag());
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [SkippableTheory]
    [InlineData("/v1/claims/dprk-troops-fought-in-kursk")]
    [InlineData("/v1/articles/9c422c9df4965fec")]
    [InlineData("/v1/entities/dprk")]
    [InlineData("/v1/statements/p3-noted-treaty")]
    public async Task AGetWithAnIfNoneMatchOfAnotherRevisionIsServedInFull(string url)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"999\"");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadSuccessAsync()).GetProperty("id").GetString()!);
    }

    [SkippableFact]
    public async Task AnUpdateChangesTheETagSoTheOldOneNoLongerAnswers304()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("etag-moves");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, "Changed.").ToJsonString(), etag)).EnsureSuccessStatusCode();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/claims/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await curator.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, response.ETagRevision());
    }

    /// <summary>
    /// The ETag stands for the bytes, not only the record's revision: a claimant renamed elsewhere changes the
    /// claim's representation, so the ETag a client holds must stop answering 304 (it used to: decision 0018).
    /// </summary>
    [SkippableFact]
    public async Task ARenamedClaimantChangesTheClaimsETagThoughNotItsRevision()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claimant = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Renamed Ministry {Guid.NewGuid():N}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant, []);
        var before = await curator.GetAsync($"/v1/claims/{claim}");

        var renamed = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{claimant}", new { name = "A New Name", kind = "organisation" }, "\"1\"");
        renamed.EnsureSuccessStatusCode();
        var after = await GetIfNoneMatchAsync(curator, $"/v1/claims/{claim}", before.ETag());

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("A New Name", (await after.ReadSuccessAsync()).GetProperty("claimant").GetProperty("name").GetString());
        Assert.Equal((1, 1), (before.ETagRevision(), after.ETagRevision()));
        Assert.NotEqual(before.ETag(), after.ETag());
    }

    /// <summary>A claim that comes to link to this one changes its representation (an incoming link), so its ETag.</summary>
    [SkippableFact]
    public async Task ANewIncomingLinkChangesTheClaimsETag()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var target = await EntityWriteTests<TApi>.CreateClaimAsync(curator, "wpk-cmc", []);
        var before = await curator.GetAsync($"/v1/claims/{target}");
        var linking = TestClaims.Body(TestClaims.NewId("links-in"));
        linking["links"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["kind"] = "supports", ["claim"] = target });

        (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", linking.ToJsonString())).EnsureSuccessStatusCode();
        var after = await GetIfNoneMatchAsync(curator, $"/v1/claims/{target}", before.ETag());

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("incoming", (await after.ReadSuccessAsync()).GetProperty("links")[0].GetProperty("direction").GetString());
        Assert.NotEqual(before.ETag(), after.ETag());
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string url, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string write, string id, string? ifMatch) => write switch
    {
        "PUT" => client.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, "A replacement text.").ToJsonString(), ifMatch),
        "WORKFLOW" => client.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, ifMatch),
        _ => client.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{id}", null, ifMatch),
    };

    private static async Task AssertUnchangedAsync(HttpClient curator, string id)
    {
        var current = await (await curator.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
        Assert.Equal(1, current.GetProperty("revision").GetInt32());
        Assert.Equal("draft", current.GetProperty("workflow").GetString());
        var history = await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
        Assert.Single(history.GetProperty("items").EnumerateArray());
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteApi api) : ConcurrencyTests<SqliteApi>(api);

public sealed class ConcurrencyTestsOnPostgres(PostgresApi api) : ConcurrencyTests<PostgresApi>(api);
