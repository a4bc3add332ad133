using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// History completeness and restore: every change to a claim is listed with who, when and what changed, each past
/// revision reads back exactly as the API showed it then, and a deleted claim comes back as a new revision.
/// </summary>
public abstract class HistoryTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    /// <summary>A claim's fields as the API shows them, but its revision: a creation or a restore changes all of them.</summary>
    private static readonly string[] AllFields =
        ["id", "text", "claimant", "kind", "claimedOn", "status", "articleId", "subject", "predicate", "object", "qualifiers", "evidence", "mentions", "links", "reviews", "workflow", "retractionReason"];

    /// <summary>The collections the seeds fill; the history of their seed records must exist.</summary>
    private static readonly string[] SeedCollections = ["/v1/claims/", "/v1/articles/", "/v1/statements/", "/v1/entities/"];

    [SkippableFact]
    public async Task EveryChangeIsRecordedAndEachRevisionReadsBackAsTheApiShowedIt()
    {
        var (curatorName, curatorKey) = await api.CreateKeyAsync(ApiRole.Curator);
        var (adminName, adminKey) = await api.CreateKeyAsync(ApiRole.Admin);
        using var curator = api.CreateClientWithKey(curatorKey);
        using var admin = api.CreateClientWithKey(adminKey);
        using var anonymous = api.CreateClient();
        var id = TestClaims.NewId("history");
        var url = $"/v1/claims/{id}";
        var steps = new List<(string Action, string Actor, DateTimeOffset At, JsonElement? Shown)>();

        async Task StepAsync(string action, string actor, Func<Task<HttpResponseMessage>> write)
        {
            api.Clock.Advance(TimeSpan.FromMinutes(7));
            var response = await write();
            Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var shown = await curator.GetAsync(url);
            steps.Add((action, actor, api.Clock.GetUtcNow(), shown.StatusCode == HttpStatusCode.OK ? await shown.ReadSuccessAsync() : null));
        }

        string ETag() => $"\"{steps.Count}\"";

        await StepAsync("create", curatorName, () => curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(id).ToJsonString()));
        await StepAsync("update", curatorName, () => curator.SendJsonAsync(HttpMethod.Put, url, TestClaims.Body(id, "A better worded claim.").ToJsonString(), ETag()));
        await StepAsync("transition", curatorName, () => curator.SendJsonAsync(HttpMethod.Post, $"{url}/workflow", new { to = "in-review" }, ETag()));
        await StepAsync("transition", curatorName, () => curator.SendJsonAsync(HttpMethod.Post, $"{url}/workflow", new { to = "published" }, ETag()));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        await StepAsync("delete", curatorName, () => curator.SendJsonAsync(HttpMethod.Delete, url, null, ETag()));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync(url)).StatusCode);
        Assert.Null(steps[^1].Shown);

        await StepAsync("restore", adminName, () => admin.PostAsync($"{url}/restore", null));

        var restored = steps[^1].Shown!.Value;
        Assert.Equal(6, restored.GetProperty("revision").GetInt32());
        AssertSameExceptRevision(steps[3].Shown!.Value, restored);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);

        var history = await (await curator.GetAsync($"{url}/history")).ReadSuccessAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, steps.Count), items.Select(i => i.GetProperty("revision").GetInt32()));
        for (var n = 1; n <= steps.Count; n++)
        {
            var (action, actor, at, shown) = steps[n - 1];
            var item = items[n - 1];
            Assert.Equal(action, item.GetProperty("action").GetString());
            Assert.Equal(actor, item.GetProperty("actor").GetString());
            Assert.Equal(at, item.GetProperty("at").GetDateTimeOffset());
            var changes = item.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Equal(action switch
            {
                "create" or "restore" => AllFields,
                "update" => ["text"],
                "transition" => ["workflow"],
                _ => [],
            }, changes);

            var revision = await (await curator.GetAsync($"{url}/history/{n}")).ReadSuccessAsync();
            Assert.Equal(n, revision.GetProperty("revision").GetInt32());
            Assert.Equal(action, revision.GetProperty("action").GetString());
            Assert.Equal(actor, revision.GetProperty("actor").GetString());
            Assert.Equal(at, revision.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(changes, revision.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
            AssertJson(shown, revision.GetProperty("after"), $"after of revision {n}");
            AssertJson(action is "create" or "restore" ? null : steps[n - 2].Shown, revision.GetProperty("before"), $"before of revision {n}");
        }
    }

    [SkippableTheory]
    [InlineData("draft", "in-review", true)]
    [InlineData("draft", "draft", false)]
    [InlineData("draft", "published", false)]
    [InlineData("draft", "retracted", false)]
    [InlineData("in-review", "draft", true)]
    [InlineData("in-review", "published", true)]
    [InlineData("in-review", "in-review", false)]
    [InlineData("in-review", "retracted", false)]
    [InlineData("published", "retracted", true)]
    [InlineData("published", "draft", false)]
    [InlineData("published", "in-review", false)]
    [InlineData("published", "published", false)]
    [InlineData("retracted", "draft", true)]
    [InlineData("retracted", "in-review", false)]
    [InlineData("retracted", "published", false)]
    [InlineData("retracted", "retracted", false)]
    public async Task EveryWorkflowMoveIsRecordedOrRefusedAsTheDeskAllows(string from, string to, bool allowed)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var id = TestClaims.NewId("move");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        var path = from switch
        {
            "in-review" => new[] { "in-review" },
            "published" => ["in-review", "published"],
            "retracted" => ["in-review", "published", "retracted"],
            _ => [],
        };
        foreach (var stage in path)
        {
            var moved = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = stage, reason = stage == "retracted" ? "The source withdrew it." : null }, etag);
            await moved.ReadSuccessAsync();
            etag = moved.ETag();
        }

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to, reason = to == "retracted" ? "Retracted in the test." : null }, etag);

        var revision = path.Length + 1;
        var history = (await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync()).GetProperty("items").EnumerateArray().ToList();
        if (allowed)
        {
            var claim = await response.ReadSuccessAsync();
            Assert.Equal(to, claim.GetProperty("workflow").GetString());
            Assert.Equal(revision + 1, claim.GetProperty("revision").GetInt32());
            Assert.Equal(to == "retracted" ? "Retracted in the test." : null, claim.GetProperty("retractionReason").GetString());
            Assert.Equal(revision + 1, history.Count);
            Assert.Equal("transition", history[^1].GetProperty("action").GetString());
            string[] changes = to == "retracted" || from == "retracted" ? ["workflow", "retractionReason"] : ["workflow"];
            Assert.Equal(changes, history[^1].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }
        else
        {
            await Problem.AssertAsync(response, HttpStatusCode.Conflict, $"is {from} and cannot move to {to}");
            Assert.Equal(revision, history.Count);
        }

        var reached = allowed ? to : from;
        Assert.Equal(reached == "published" ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task AClaimCreatedWithoutAnIdGetsOneMadeFromItsText()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(null, "Pyongyang will erect a monument, the desk notes.").ToJsonString());

        var claim = await response.ReadSuccessAsync();
        var id = claim.GetProperty("id").GetString()!;
        Assert.Matches("^pyongyang-will-erect-a-monument-the-desk-notes-[0-9a-f]{6}$", id);
        Assert.Equal($"/v1/claims/{id}", response.Headers.Location?.OriginalString);
        AssertJson(claim, await (await curator.GetAsync(response.Headers.Location)).ReadSuccessAsync(), "the created claim at its Location");
    }

    [SkippableFact]
    public async Task TheHistoryOfADeletedClaimIsStillReadableByCurators()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("deleted-history");
        var (created, etag) = await TestClaims.CreateAsync(curator, id);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{id}", null, etag)).StatusCode);

        var history = await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
        var deletion = await (await curator.GetAsync($"/v1/claims/{id}/history/2")).ReadSuccessAsync();

        Assert.Equal(["create", "delete"], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
        AssertJson(created, deletion.GetProperty("before"), "the deleted claim");
        Assert.Equal(JsonValueKind.Null, deletion.GetProperty("after").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task ADeletedClaimCannotBeChangedOrDeletedAgain()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("deleted-frozen");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{id}", null, etag)).StatusCode);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id).ToJsonString(), "*"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, "*"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{id}", null, "*"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(id).ToJsonString()), HttpStatusCode.Conflict, "restore");
        var history = await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
    }

    [SkippableFact]
    public async Task RestoringAClaimThatIsNotDeletedIsAConflict()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var id = TestClaims.NewId("not-deleted");
        await TestClaims.CreateAsync(curator, id);

        var response = await admin.PostAsync($"/v1/claims/{id}/restore", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "is not deleted");
        var history = await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
        Assert.Equal(1, history.GetProperty("items").GetArrayLength());
    }

    [SkippableFact]
    public async Task RestoringAnUnknownClaimIsNotFound()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.PostAsync($"/v1/claims/{TestClaims.NewId("never")}/restore", null), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task OnlyAnAdminRestores()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("curator-restore");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{id}", null, etag)).StatusCode);

        await Problem.AssertAsync(await curator.PostAsync($"/v1/claims/{id}/restore", null), HttpStatusCode.Forbidden, "role admin");
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/history")]
    [InlineData("/history/1")]
    public async Task TheHistoryNeedsACuratorKey(string path)
    {
        using var reader = await api.CreateClientAsync(ApiRole.Reader);
        using var anonymous = api.CreateClient();
        var url = $"/v1/claims/dprk-troops-fought-in-kursk{path}";

        await Problem.AssertAsync(await reader.GetAsync(url), HttpStatusCode.Forbidden, "role curator");
        await Problem.AssertAsync(await anonymous.GetAsync(url), HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [InlineData("/history/99")]
    [InlineData("/history/0")]
    [InlineData("/history/-1")]
    [InlineData("/history/one")]
    [InlineData("/history/99999999999999999999")]
    public async Task AnUnknownRevisionIsNotFound(string path)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(await curator.GetAsync($"/v1/claims/dprk-troops-fought-in-kursk{path}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task TheHistoryOfAnUnknownClaimIsNotFound()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(await curator.GetAsync($"/v1/claims/{TestClaims.NewId("never")}/history"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task TheHistoryIsPagedOldestFirstWithACursor()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("paged");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        for (var i = 0; i < 4; i++)
        {
            var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, $"Wording number {i}.").ToJsonString(), etag);
            etag = response.ETag();
        }

        var revisions = new List<int>();
        var pages = 0;
        string? next = $"/v1/claims/{id}/history?limit=2";
        while (next is not null)
        {
            var page = await (await curator.GetAsync(next)).ReadSuccessAsync();
            pages++;
            Assert.Equal(2, page.GetProperty("limit").GetInt32());
            revisions.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("revision").GetInt32()));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal([1, 2, 3, 4, 5], revisions);
        Assert.Equal(3, pages);
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=%25%25", "cursor")]
    public async Task BadHistoryPagingIsAValidationProblem(string query, string parameter)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var problem = await Problem.AssertAsync(await curator.GetAsync($"/v1/claims/dprk-troops-fought-in-kursk/history?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task ASeedClaimsHistoryStartsWithItsCreationByTheSeeds()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        const string Url = "/v1/claims/dprk-troops-fought-in-kursk";

        var history = await (await curator.GetAsync($"{Url}/history")).ReadSuccessAsync();
        var first = history.GetProperty("items")[0];
        var revision = await (await curator.GetAsync($"{Url}/history/1")).ReadSuccessAsync();

        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        Assert.Equal("create", first.GetProperty("action").GetString());
        Assert.Equal("seeds", first.GetProperty("actor").GetString());
        Assert.Equal(AllFields, first.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, revision.GetProperty("before").ValueKind);
        AssertJson(await (await curator.GetAsync(Url)).ReadSuccessAsync(), revision.GetProperty("after"), "the seed claim");
    }

    [SkippableFact]
    public async Task EverySeedRecordWithAHistoryStartsWithItsCreationByTheSeeds()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var histories = AppEndpoints.All(api)
            .Where(e => e.Method == "GET" && e.Url.EndsWith("/history", StringComparison.Ordinal))
            .Select(e => e.Url)
            .ToList();

        Assert.Contains("/v1/claims/dprk-troops-fought-in-kursk/history", histories);
        foreach (var url in histories)
        {
            var response = await curator.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound && !SeedCollections.Any(c => url.StartsWith(c, StringComparison.Ordinal)))
            {
                continue; // a collection the seeds do not fill (reviews)
            }

            var first = (await response.ReadSuccessAsync()).GetProperty("items")[0];
            Assert.Equal((1, "create", "seeds"), (first.GetProperty("revision").GetInt32(), first.GetProperty("action").GetString(), first.GetProperty("actor").GetString()));
        }
    }

    private static void AssertSameExceptRevision(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(
            expected.EnumerateObject().Where(p => p.Name != "revision").Select(p => (p.Name, p.Value.GetRawText())),
            actual.EnumerateObject().Where(p => p.Name != "revision").Select(p => (p.Name, p.Value.GetRawText())));
    }

    private static void AssertJson(JsonElement? expected, JsonElement actual, string what)
    {
        if (expected is not { } e)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{what}: expected null, got {actual}");
            return;
        }

        Assert.True(JsonElement.DeepEquals(e, actual), $"{what}:\nexpected {e}\nactual   {actual}");
    }
}

public sealed class HistoryTestsOnSqlite(SqliteApi api) : HistoryTests<SqliteApi>(api);

public sealed class HistoryTestsOnPostgres(PostgresApi api) : HistoryTests<PostgresApi>(api);
