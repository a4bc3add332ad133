using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Seeding;

/// <summary>
/// Seeds and the write API on one database across restarts: what the API wrote survives and is never overwritten,
/// deleted or resurrected by the seeds; what the seeds still own follows them, with the history saying so. Each
/// test owns its seeds folder and database.
/// </summary>
public abstract class SeedCurationTests : IDisposable
{
    private const string Monument = "pyongyang-monument-announced";
    private const string Alliance = "operation-shows-dprk-russia-alliance";
    private const string NewSeedClaim = "treaty-basis-restated";

    private readonly SeedsFolder _seeds = new();
    private readonly TestDatabase _database;

    protected SeedCurationTests(DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        _database = TestDatabase.Create(provider);
    }

    [SkippableFact]
    public async Task AClaimCreatedThroughTheApiSurvivesRestartsWithTheSameAndWithChangedSeeds()
    {
        var id = TestClaims.NewId("survivor");
        string key;
        JsonElement created;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            (created, _) = await TestClaims.CreateAsync(curator, id);
        }

        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            AssertSame(created, await (await curator.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync());
        }

        ChangeMonumentKindInTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            AssertSame(created, await (await curator.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync());
            Assert.Equal(["create"], await ActionsAsync(curator, id));
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task ASeedClaimEditedThroughTheApiKeepsTheApiVersionWhenTheSeedsChangeIt()
    {
        string name, key;
        JsonElement edited;
        using (var api = NewApi())
        {
            (name, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var body = MonumentBody("A monument to North Korean soldiers will be built in Pyongyang, the desk's wording.");
            edited = await (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{Monument}", body, "\"1\"")).ReadSuccessAsync();
            Assert.Equal(2, edited.GetProperty("revision").GetInt32());
        }

        ChangeMonumentKindInTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            var current = await (await curator.GetAsync($"/v1/claims/{Monument}")).ReadSuccessAsync();

            AssertSame(edited, current);
            Assert.Equal("prediction", current.GetProperty("kind").GetString());
            var history = await HistoryAsync(curator, Monument);
            Assert.Equal(["create", "update"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.Equal(["seeds", name], history.Select(h => h.GetProperty("actor").GetString()));
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task ASeedClaimDeletedThroughTheApiStaysDeletedAfterAReseedThatChangesIt()
    {
        string key;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{Monument}", null, "\"1\"")).StatusCode);
        }

        ChangeMonumentKindInTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            using var anonymous = api.CreateClient();

            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/claims/{Monument}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{Monument}")).StatusCode);
            Assert.Equal(["create", "delete"], await ActionsAsync(curator, Monument));
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task ASeedClaimRemovedFromTheSeedsIsSoftDeletedByTheSeedsAndCanBeRestored()
    {
        string curatorKey, adminKey;
        JsonElement original;
        using (var api = NewApi())
        {
            (_, curatorKey) = await api.CreateKeyAsync(ApiRole.Curator);
            (_, adminKey) = await api.CreateKeyAsync(ApiRole.Admin);
            original = await api.GetJsonAsync<JsonElement>($"/v1/claims/{Alliance}");
        }

        RemoveAllianceFromTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(curatorKey);
            using var admin = api.CreateClientWithKey(adminKey);

            Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{Alliance}")).StatusCode);
            var history = await HistoryAsync(curator, Alliance);
            Assert.Equal(["create", "delete"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.All(history, h => Assert.Equal("seeds", h.GetProperty("actor").GetString()));
            var deletion = await (await curator.GetAsync($"/v1/claims/{Alliance}/history/2")).ReadSuccessAsync();
            Assert.True(JsonElement.DeepEquals(original, deletion.GetProperty("before")), deletion.GetProperty("before").ToString());
            Assert.Equal(JsonValueKind.Null, deletion.GetProperty("after").ValueKind);

            var restored = await (await admin.PostAsync($"/v1/claims/{Alliance}/restore", null)).ReadSuccessAsync();
            Assert.Equal(3, restored.GetProperty("revision").GetInt32());
        }

        // Restored through the API, the claim is the API's now: the seeds that lack it leave it alone.
        File.AppendAllText(_seeds.Yaml, "\n# a comment, so that the fingerprint changes\n");
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(curatorKey);
            var current = await (await curator.GetAsync($"/v1/claims/{Alliance}")).ReadSuccessAsync();
            Assert.Equal(3, current.GetProperty("revision").GetInt32());
            Assert.Equal(["create", "delete", "restore"], await ActionsAsync(curator, Alliance));
        }

        Assert.Equal(3, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task ASeedClaimPutBackIntoTheSeedsIsRestoredByTheSeeds()
    {
        string key;
        JsonElement original;
        var yaml = await File.ReadAllTextAsync(_seeds.Yaml);
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            original = await api.GetJsonAsync<JsonElement>($"/v1/claims/{Alliance}");
        }

        RemoveAllianceFromTheSeeds();
        using (var api = NewApi())
        {
            using var anonymous = api.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/claims/{Alliance}")).StatusCode);
        }

        await File.WriteAllTextAsync(_seeds.Yaml, yaml);
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            using var anonymous = api.CreateClient();
            var current = await (await anonymous.GetAsync($"/v1/claims/{Alliance}")).ReadSuccessAsync();
            Assert.Equal(3, current.GetProperty("revision").GetInt32());
            var history = await HistoryAsync(curator, Alliance);
            Assert.Equal(["create", "delete", "restore"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.All(history, h => Assert.Equal("seeds", h.GetProperty("actor").GetString()));
            var restore = await (await curator.GetAsync($"/v1/claims/{Alliance}/history/3")).ReadSuccessAsync();
            Assert.Equal(JsonValueKind.Null, restore.GetProperty("before").ValueKind);
            Assert.True(JsonElement.DeepEquals(current, restore.GetProperty("after")), restore.GetProperty("after").ToString());
            Assert.Equal(
                original.EnumerateObject().Where(p => p.Name != "revision").Select(p => p.Value.GetRawText()),
                current.EnumerateObject().Where(p => p.Name != "revision").Select(p => p.Value.GetRawText()));
        }

        Assert.Equal(3, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task ASeedClaimChangedInTheSeedsGetsANewRevisionRecordedAsAnUpdateByTheSeeds()
    {
        string key;
        JsonElement original;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            original = await api.GetJsonAsync<JsonElement>($"/v1/claims/{Monument}");
            Assert.Equal(1, original.GetProperty("revision").GetInt32());
        }

        ChangeMonumentKindInTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            var response = await curator.GetAsync($"/v1/claims/{Monument}");
            var current = await response.ReadSuccessAsync();

            Assert.Equal("opinion", current.GetProperty("kind").GetString());
            Assert.Equal(2, current.GetProperty("revision").GetInt32());
            Assert.Equal(2, response.ETagRevision());
            var history = await HistoryAsync(curator, Monument);
            Assert.Equal(["create", "update"], history.Select(h => h.GetProperty("action").GetString()));
            Assert.All(history, h => Assert.Equal("seeds", h.GetProperty("actor").GetString()));
            Assert.Equal(["kind"], history[1].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
            var update = await (await curator.GetAsync($"/v1/claims/{Monument}/history/2")).ReadSuccessAsync();
            Assert.True(JsonElement.DeepEquals(original, update.GetProperty("before")), update.GetProperty("before").ToString());
            Assert.True(JsonElement.DeepEquals(current, update.GetProperty("after")), update.GetProperty("after").ToString());

            // The claims the seeds did not change keep their revision and history.
            Assert.Equal(["create"], await ActionsAsync(curator, "dprk-troops-fought-in-kursk"));
        }
    }

    [SkippableFact]
    public async Task StatementsAndClaimsOfAnArticleTheApiOwnsStayWithItsTextWhenTheSeedsChange()
    {
        string key;
        JsonElement edited;
        Dictionary<string, JsonElement> claims;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var seeded = await curator.GetAsync($"/v1/articles/{TestPaths.SeedArticleId}").ReadAsync<ArticleDetail>();

            // A paragraph added at the end moves nothing: the statements and claims stay the seeds' own.
            var text = seeded.Text + "\n\nA paragraph the desk added.";
            await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{TestPaths.SeedArticleId}", text, "\"1\"").ReadAsync<ArticleDetail>();
            edited = await (await curator.GetAsync($"/v1/articles/{TestPaths.SeedArticleId}")).ReadSuccessAsync();
            claims = await ClaimsOfAsync(curator, edited);
            Assert.Equal(["create"], await ActionsAsync(curator, Monument));
        }

        // The seeds' own text gains a paragraph early on (so their spans of every later statement shift), and a claim changes.
        _seeds.Edit(_seeds.Text, "\n\nThis is stated in a special statement", "\n\nA paragraph the seeds added.\n\nThis is stated in a special statement");
        ChangeMonumentKindInTheSeeds();
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            var current = await (await curator.GetAsync($"/v1/articles/{TestPaths.SeedArticleId}")).ReadSuccessAsync();

            AssertSame(edited, current);
            var article = current.Deserialize<ArticleDetail>(ClaimsApiFactory.Json)!;
            Assert.NotEmpty(article.Statements);
            Assert.All(article.Statements, s => Assert.Equal(s.Text, CodePoints.Slice(article.Text, s.Span.Start, s.Span.End)));
            var now = await ClaimsOfAsync(curator, current);
            Assert.Equal(claims.Keys, now.Keys);
            foreach (var (id, claim) in now)
            {
                AssertSame(claims[id], claim);
                var evidence = claim.Deserialize<ClaimDetail>(ClaimsApiFactory.Json)!.Evidence;
                Assert.All(evidence, e => Assert.Equal(e.Text, CodePoints.Slice(article.Text, e.Span.Start, e.Span.End)));
            }

            Assert.Equal("prediction", now[Monument].GetProperty("kind").GetString());
            Assert.Equal(["create"], await ActionsAsync(curator, Monument));
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task SeedsThatStillNameAnEntityMergedThroughTheApiReferToTheEntityItWasMergedInto()
    {
        const string Merged = "un-charter";
        var into = TestClaims.NewId("charter");
        string key;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var body = $$"""{ "id": "{{into}}", "name": "Charter of the UN, the desk's entry", "kind": "treaty" }""";
            await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", body)).ReadSuccessAsync();
            var merge = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{Merged}/merge", $$"""{ "into": "{{into}}" }""", "\"1\"");
            await merge.ReadSuccessAsync();
        }

        // Changed seeds that name the merged entity where they did not before: as claimant, mention and speaker.
        _seeds.Edit(_seeds.Yaml, "claimant: wpk-cmc\n    kind: prediction", $"claimant: {Merged}\n    kind: prediction");
        _seeds.Edit(_seeds.Yaml, "mentions: [pyongyang, kpa, russia]", $"mentions: [pyongyang, kpa, russia, {Merged}]");
        _seeds.Edit(_seeds.Yaml, "speaker: wpk-cmc\n    kind: reported-speech\n    cue: it is noted that", $"speaker: {Merged}\n    kind: reported-speech\n    cue: it is noted that");
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            using var anonymous = api.CreateClient();

            var claim = await (await anonymous.GetAsync($"/v1/claims/{Monument}")).ReadAsync<ClaimDetail>();
            Assert.Equal(into, claim.Claimant.Id);
            Assert.Equal(new[] { "kpa", into, "pyongyang", "russia" }.Order(StringComparer.Ordinal), claim.Mentions.Select(m => m.Id).Order(StringComparer.Ordinal));
            Assert.Equal(into, claim.Evidence.Single().Speaker.Id);
            var statement = await (await anonymous.GetAsync("/v1/statements/p7-monument")).ReadAsync<StatementResponse>();
            Assert.Equal(into, statement.Speaker.Id);
            var ofTarget = await (await anonymous.GetAsync($"/v1/entities/{into}/claims?limit=100")).ReadSuccessAsync();
            Assert.Contains(Monument, ofTarget.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
            foreach (var url in new[] { "/v1/claims?limit=100", "/v1/statements?limit=100", $"/v1/articles/{TestPaths.SeedArticleId}", $"/v1/claims/{Monument}/history/2" })
            {
                await (await curator.GetAsync(url)).ReadSuccessAsync();
            }

            Assert.Equal(["create", "update"], await ActionsAsync(curator, Monument));
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task AnEntityGoneFromTheSeedsStaysReadableInTheApiRecordsThatReferToIt()
    {
        const string Person = "seed-only-spokesman";
        const string Entry = $"  - id: {Person}\n    name: A spokesman only the seeds knew\n    kind: person\n\n";
        _seeds.Edit(_seeds.Yaml, "entities:\n", "entities:\n" + Entry);
        var id = TestClaims.NewId("refers");
        string key, statementId;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var body = TestClaims.Body(id);
            body["claimant"] = Person;
            body["mentions"] = new System.Text.Json.Nodes.JsonArray(Person);
            await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString())).ReadSuccessAsync();
            statementId = (await curator.PostStatementAsync(TestPaths.SeedArticleId, "mutual defense treaty signed in June last year", speaker: Person)).Id;
        }

        _seeds.Edit(_seeds.Yaml, Entry, "");
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);

            var claim = await (await curator.GetAsync($"/v1/claims/{id}")).ReadAsync<ClaimDetail>();
            Assert.Equal(Person, claim.Claimant.Id);
            Assert.Equal([Person], claim.Mentions.Select(m => m.Id));
            var statement = await (await curator.GetAsync($"/v1/statements/{statementId}")).ReadAsync<StatementResponse>();
            Assert.Equal(Person, statement.Speaker.Id);
            foreach (var url in new[] { "/v1/claims?limit=100", "/v1/statements?limit=100", $"/v1/articles/{TestPaths.SeedArticleId}", $"/v1/claims/{id}/history/1" })
            {
                await (await curator.GetAsync(url)).ReadSuccessAsync();
            }

            Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/entities/{Person}")).StatusCode);
            var history = await (await curator.GetAsync($"/v1/entities/{Person}/history")).ReadSuccessAsync();
            Assert.Equal(["create", "delete"], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        }
    }

    [SkippableFact]
    public async Task ApiRecordsInASeedArticleStayConsistentWithItsTextWhenTheSeedsChangeIt()
    {
        var id = TestClaims.NewId("cites-seed");
        string key, statementId;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var body = TestClaims.Body(id);
            body["evidence"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["statement"] = TestClaims.Statement, ["exact"] = "mutual defense treaty" });
            await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString())).ReadSuccessAsync();
            statementId = (await curator.PostStatementAsync(TestPaths.SeedArticleId, "between Pyongyang and Moscow")).Id;
        }

        // The seeds' text gains a paragraph before both: the seed statements after it move.
        _seeds.Edit(_seeds.Text, "\n\nThis is stated in a special statement", "\n\nA paragraph the seeds added.\n\nThis is stated in a special statement");
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            var article = await (await curator.GetAsync($"/v1/articles/{TestPaths.SeedArticleId}")).ReadAsync<ArticleDetail>();

            Assert.All(article.Statements, s => Assert.Equal(s.Text, CodePoints.Slice(article.Text, s.Span.Start, s.Span.End)));
            Assert.Contains(article.Statements, s => s.Id == statementId);
            var evidence = (await (await curator.GetAsync($"/v1/claims/{id}")).ReadAsync<ClaimDetail>()).Evidence.Single();
            var statement = article.Statements.Single(s => s.Id == TestClaims.Statement);
            Assert.Equal("mutual defense treaty", CodePoints.Slice(article.Text, evidence.Span.Start, evidence.Span.End));
            Assert.Equal(evidence.Span.Start - statement.Span.Start, evidence.StatementSpan.Start);
        }
    }

    [SkippableFact]
    public async Task ASeedClaimNamingAnEntityDeletedThroughTheApiImportsAndReads()
    {
        const string Person = "seed-spokesman-deleted";
        _seeds.Edit(_seeds.Yaml, "entities:\n", $"entities:\n  - id: {Person}\n    name: A spokesman the desk deleted\n    kind: person\n\n");
        string key;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{Person}", null, "\"1\"")).StatusCode);
        }

        _seeds.Edit(_seeds.Yaml, "mentions: [pyongyang, kpa, russia]", $"mentions: [pyongyang, kpa, russia, {Person}]");
        using (var api = NewApi())
        {
            using var anonymous = api.CreateClient();

            var claim = await (await anonymous.GetAsync($"/v1/claims/{Monument}")).ReadAsync<ClaimDetail>();
            Assert.Contains(Person, claim.Mentions.Select(m => m.Id));
            await (await anonymous.GetAsync("/v1/claims?limit=100")).ReadSuccessAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/entities/{Person}")).StatusCode);
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task AStatementAnApiClaimCitesStillTakesNewSeedClaimsWhileTheSeedsLeaveItAsItIs()
    {
        string key;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            await TestClaims.CreateAsync(curator, TestClaims.NewId("cites-seed"));
        }

        File.AppendAllText(_seeds.Yaml, $$"""

              - id: {{NewSeedClaim}}
                text: North Korean personnel were sent to the war under the mutual defence treaty.
                claimant: wpk-cmc
                kind: legal
                claimedOn: 2025-04-28
                evidence:
                  - statement: {{TestClaims.Statement}}
                    exact: mutual defense treaty

            """);
        using (var api = NewApi())
        {
            using var anonymous = api.CreateClient();
            var claim = await (await anonymous.GetAsync($"/v1/claims/{NewSeedClaim}")).ReadAsync<ClaimDetail>();
            Assert.Equal(TestClaims.Statement, claim.Evidence.Single().StatementId);
        }
    }

    [SkippableFact]
    public async Task ASeedClaimLinkingToASeedClaimTheSeedsHoldBackImportsWithoutTheLink()
    {
        string key;
        using (var api = NewApi())
        {
            (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
            using var curator = api.CreateClientWithKey(key);
            var body = TestClaims.Body(TestClaims.NewId("cites-seed"));
            body["evidence"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["statement"] = TestClaims.Statement, ["exact"] = "mutual defense treaty" });
            await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString())).ReadSuccessAsync();
        }

        // The seeds narrow the statement the API claim cites (so it is held back, and a new seed claim resting on it
        // too), and link another claim to that new one.
        _seeds.Edit(_seeds.Yaml, "mutual defense treaty signed in June last year between Pyongyang and Moscow.\n    prefix: 'It is noted that '", "mutual defense treaty signed in June last year\n    prefix: 'It is noted that '");
        _seeds.Edit(_seeds.Yaml, "    mentions: [pyongyang, kpa, russia]\n", $"    mentions: [pyongyang, kpa, russia]\n    links:\n      - {{ kind: supports, claim: {NewSeedClaim} }}\n");
        File.AppendAllText(_seeds.Yaml, $$"""

              - id: {{NewSeedClaim}}
                text: North Korean personnel were sent to the war under the mutual defence treaty.
                claimant: wpk-cmc
                kind: legal
                claimedOn: 2025-04-28
                evidence:
                  - statement: {{TestClaims.Statement}}
                    exact: mutual defense treaty

            """);
        using (var api = NewApi())
        {
            using var curator = api.CreateClientWithKey(key);
            var statement = await (await curator.GetAsync($"/v1/statements/{TestClaims.Statement}")).ReadAsync<StatementResponse>();
            Assert.EndsWith("between Pyongyang and Moscow.", statement.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{NewSeedClaim}")).StatusCode);
            var monument = await (await curator.GetAsync($"/v1/claims/{Monument}")).ReadAsync<ClaimDetail>();
            Assert.DoesNotContain(monument.Links, l => l.ClaimId == NewSeedClaim);
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    public void Dispose()
    {
        _database.Dispose();
        _seeds.Dispose();
        GC.SuppressFinalize(this);
    }

    private ClaimsApiFactory NewApi() => new(_database, ownsDatabase: false) { SeedsPath = _seeds.Path };

    private void ChangeMonumentKindInTheSeeds() => _seeds.Edit(_seeds.Yaml, "kind: prediction", "kind: opinion");

    private void RemoveAllianceFromTheSeeds()
    {
        var yaml = File.ReadAllText(_seeds.Yaml);
        var start = yaml.IndexOf($"  - id: {Alliance}", StringComparison.Ordinal);
        Assert.True(start > 0, $"the seed curation should define {Alliance}");
        var end = yaml.IndexOf("\n  - id: ", start + 1, StringComparison.Ordinal);
        File.WriteAllText(_seeds.Yaml, end < 0 ? yaml[..start] : yaml[..start] + yaml[(end + 1)..]);
    }

    private static string MonumentBody(string text) => System.Text.Json.Nodes.JsonNode.Parse($$"""
        {
          "text": {{JsonSerializer.Serialize(text)}},
          "claimant": "wpk-cmc",
          "kind": "prediction",
          "article": "{{TestPaths.SeedArticleId}}",
          "evidence": [{ "statement": "p7-monument" }],
          "mentions": ["pyongyang", "kpa", "russia"]
        }
        """)!.ToJsonString();

    /// <summary>Each claim of the article, as a curator reads it, by id.</summary>
    private static async Task<Dictionary<string, JsonElement>> ClaimsOfAsync(HttpClient curator, JsonElement article)
    {
        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var id in article.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()!))
        {
            claims[id] = await (await curator.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
        }

        Assert.NotEmpty(claims);
        return claims;
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient curator, string id) =>
        [.. (await (await curator.GetAsync($"/v1/claims/{id}/history?limit=100")).ReadSuccessAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<List<string?>> ActionsAsync(HttpClient curator, string id) =>
        [.. (await HistoryAsync(curator, id)).Select(h => h.GetProperty("action").GetString())];

    private static void AssertSame(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"expected {expected}\nactual   {actual}");
}

public sealed class SeedCurationTestsOnSqlite() : SeedCurationTests(DatabaseProvider.Sqlite);

public sealed class SeedCurationTestsOnPostgres() : SeedCurationTests(DatabaseProvider.Postgres);
