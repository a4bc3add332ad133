using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// <c>POST /v1/import</c>: NDJSON lines checked as the write API checks them, written a batch at a time, all or nothing;
/// idempotent by id; drafts unless asked otherwise; every rejected line reported with its line, field and reason.
/// </summary>
public abstract partial class ImportTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Paragraph = "The minister said the bridge will open in June. Critics said the bridge will not open before winter.";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AGoodFileImportsEveryRecordAsDraftsThatOnlyCuratorsSee()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var response = await ImportAsync(curator, set.All());

        var report = await response.ReadSuccessAsync();
        Assert.Equal(5, report.GetProperty("lines").GetInt32());
        Assert.Equal("draft", report.GetProperty("workflow").GetString());
        AssertCounts(report.GetProperty("created"), articles: 1, entities: 1, statements: 1, claims: 1, reviews: 1);
        AssertCounts(report.GetProperty("unchanged"), 0, 0, 0, 0, 0);
        Assert.Equal(0, report.GetProperty("rejectedLines").GetInt32());
        var claim = await (await curator.GetAsync($"/v1/claims/{set.Claim}")).ReadSuccessAsync();
        Assert.Equal("draft", claim.GetProperty("workflow").GetString());
        Assert.Equal("draft", (await (await curator.GetAsync($"/v1/statements/{set.Statement}")).ReadSuccessAsync()).GetProperty("workflow").GetString());
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/reviews/{set.Review}")).StatusCode);

        using var anonymous = api.CreateClient();
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/claims/{set.Claim}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/statements/{set.Statement}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/reviews/{set.Review}"), HttpStatusCode.NotFound);
        // Articles and entities have no workflow: they are published texts and names, readable at once.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/articles/{set.Article}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/entities/{set.Entity}")).StatusCode);
    }

    [SkippableFact]
    public async Task AStatementIsAnchoredByItsQuoteAndAClaimsEvidenceByItsQuoteInsideIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        // The quote occurs twice in the article: the prefix picks the second.
        var statement = Line("statement", new { id = set.Statement, article = set.Article, speaker = "dprk", kind = "reported-speech", exact = "the bridge", prefix = "Critics said " });
        var claim = Line("claim", new
        {
            id = set.Claim, text = "The bridge will not open before winter.", claimant = "dprk", kind = "prediction", article = set.Article,
            evidence = new[] { new { statement = set.Statement } },
        });

        (await ImportAsync(curator, [set.ArticleLine, statement, claim])).EnsureSuccessStatusCode();

        var article = await (await curator.GetAsync($"/v1/articles/{set.Article}")).ReadSuccessAsync();
        var read = await (await curator.GetAsync($"/v1/statements/{set.Statement}")).ReadSuccessAsync();
        var (start, end) = (read.GetProperty("span").GetProperty("start").GetInt32(), read.GetProperty("span").GetProperty("end").GetInt32());
        Assert.Equal("the bridge", CodePoints.Slice(article.GetProperty("text").GetString()!, start, end));
        Assert.True(start > article.GetProperty("text").GetString()!.IndexOf("Critics", StringComparison.Ordinal), "the second occurrence, after the prefix");
        var evidence = (await (await curator.GetAsync($"/v1/claims/{set.Claim}")).ReadSuccessAsync()).GetProperty("evidence")[0];
        Assert.Equal(start, evidence.GetProperty("span").GetProperty("start").GetInt32());
        Assert.Equal("the bridge", evidence.GetProperty("text").GetString());
    }

    [SkippableFact]
    public async Task ImportingTheSameFileAgainChangesNothing()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        (await ImportAsync(curator, set.All())).EnsureSuccessStatusCode();
        var history = await HistoriesAsync(curator, set);
        var etag = (await curator.GetAsync($"/v1/claims/{set.Claim}")).ETag();

        var again = await (await ImportAsync(curator, set.All())).ReadSuccessAsync();

        AssertCounts(again.GetProperty("created"), 0, 0, 0, 0, 0);
        AssertCounts(again.GetProperty("updated"), 0, 0, 0, 0, 0);
        AssertCounts(again.GetProperty("unchanged"), articles: 1, entities: 1, statements: 1, claims: 1, reviews: 1);
        Assert.Equal(history, await HistoriesAsync(curator, set));
        Assert.Equal(etag, (await curator.GetAsync($"/v1/claims/{set.Claim}")).ETag());
    }

    [SkippableFact]
    public async Task ALineWhoseRecordExistsWithOtherContentReplacesItAsANewRevisionKeepingItsWorkflowStage()
    {
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var curator = api.CreateClientWithKey(key);
        var set = new Records();
        (await ImportAsync(curator, set.All())).EnsureSuccessStatusCode();
        var renamed = set.EntityLine.Replace($"Import Desk {set.Suffix}", "Renamed Desk", StringComparison.Ordinal);

        var report = await (await ImportAsync(curator, [renamed, set.ClaimLine])).ReadSuccessAsync();

        AssertCounts(report.GetProperty("updated"), articles: 0, entities: 1, statements: 0, claims: 0, reviews: 0);
        AssertCounts(report.GetProperty("unchanged"), articles: 0, entities: 0, statements: 0, claims: 1, reviews: 0);
        var entity = await (await curator.GetAsync($"/v1/entities/{set.Entity}")).ReadSuccessAsync();
        Assert.Equal(("Renamed Desk", 2), (entity.GetProperty("name").GetString(), entity.GetProperty("revision").GetInt32()));
        var history = await (await curator.GetAsync($"/v1/entities/{set.Entity}/history")).ReadSuccessAsync();
        var latest = history.GetProperty("items")[1]; // oldest first
        Assert.Equal(("update", keyName, 2), (latest.GetProperty("action").GetString(), latest.GetProperty("actor").GetString(), latest.GetProperty("revision").GetInt32()));
        Assert.Equal(["name"], latest.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("draft", (await (await curator.GetAsync($"/v1/claims/{set.Claim}")).ReadSuccessAsync()).GetProperty("workflow").GetString());
    }

    [SkippableFact]
    public async Task ABatchWithOneBadLineWritesNothingOfThatBatchAndTheReportNamesTheLineFieldAndReason()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        var badClaim = Line("claim", new
        {
            id = set.Claim, text = "The bridge will open in June.", claimant = "no-such-claimant", kind = "prediction", article = set.Article,
            evidence = new[] { new { statement = set.Statement, exact = "open in June" } },
        });

        // Batches of two: lines 1-2 (entity, article) stand; lines 3-4 (statement, bad claim) are refused together.
        var response = await ImportAsync(curator, [set.EntityLine, set.ArticleLine, set.StatementLine, badClaim], "?batch=2");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "1 of 4 lines were rejected; the first is line 4 (claimant): There is no entity 'no-such-claimant'. 1 of 2 batches were committed; lines 3–4 wrote nothing (see 'report').");
        var rejected = Assert.Single(problem.GetProperty("rejected").EnumerateArray());
        Assert.Equal(4, rejected.GetProperty("line").GetInt32());
        Assert.Equal(("claim", set.Claim), (rejected.GetProperty("type").GetString(), rejected.GetProperty("id").GetString()));
        Assert.Equal("claimant", rejected.GetProperty("field").GetString());
        Assert.Equal("There is no entity 'no-such-claimant'.", rejected.GetProperty("reason").GetString());
        var batches = problem.GetProperty("report").GetProperty("batches");
        Assert.Equal([(1, 2, true), (3, 4, false)], batches.EnumerateArray().Select(b => (b.GetProperty("firstLine").GetInt32(), b.GetProperty("lastLine").GetInt32(), b.GetProperty("committed").GetBoolean())));
        AssertCounts(problem.GetProperty("report").GetProperty("created"), articles: 1, entities: 1, statements: 0, claims: 0, reviews: 0);
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/articles/{set.Article}")).StatusCode);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/statements/{set.Statement}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/statements/{set.Statement}/history"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task EveryRejectedLineOfABatchIsReportedNotOnlyTheFirst()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        var badStatement = Line("statement", new { id = set.Statement, article = set.Article, speaker = "dprk", kind = "reported-speech", exact = "not in the article" });
        var invalidEntity = Line("entity", new { id = set.Entity, name = "", kind = "organisation" });

        var response = await ImportAsync(curator, [set.ArticleLine, badStatement, invalidEntity]);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            [(2, "exact"), (3, "name")],
            problem.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString())));
        Assert.Contains("not found in the article", problem.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/articles/{set.Article}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task AMalformedJsonLineIsARejectedLineWithItsNumberNotA500()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var response = await ImportAsync(curator, [set.EntityLine, "{\"type\":\"claim\", \"id\": oops}", "[1, 2]"]);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var rejected = problem.GetProperty("rejected");
        Assert.Equal([2, 3], rejected.EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(JsonValueKind.Null, rejected[0].GetProperty("field").ValueKind);
        Assert.StartsWith("The line is not valid JSON: 'o' is an invalid start of a value. (at byte 24 of the line)", rejected[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("A line must be one JSON object with a 'type'", rejected[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{set.Entity}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task AnUnknownTypeOrFieldIsRejectedNamingIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await ImportAsync(curator, ["{\"type\":\"podcast\",\"id\":\"x\"}", "{\"id\":\"x\"}", "{\"type\":\"entity\",\"id\":\"e-extra\",\"name\":\"E\",\"kind\":\"person\",\"colour\":\"red\"}"]);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var rejected = problem.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([("type", 1), ("type", 2), ("colour", 3)], rejected.Select(r => (r.GetProperty("field").GetString(), r.GetProperty("line").GetInt32())));
        Assert.Equal("'podcast' is not a type of record; 'type' must be one of article, entity, statement, claim, review.", rejected[0].GetProperty("reason").GetString());
        Assert.Equal("'type' is required: one of article, entity, statement, claim, review.", rejected[1].GetProperty("reason").GetString());
        Assert.Contains("'colour' is not a field", rejected[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ARecordGivenTwiceOrWithoutAnIdIsRejected()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var response = await ImportAsync(curator, [set.EntityLine, set.EntityLine, Line("entity", new { name = "No Id", kind = "person" })]);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var rejected = problem.GetProperty("rejected");
        Assert.Equal((2, "id"), (rejected[0].GetProperty("line").GetInt32(), rejected[0].GetProperty("field").GetString()));
        Assert.Equal($"Entity '{set.Entity}' is given again: line 1 gave it already, and a record appears once in an import.", rejected[0].GetProperty("reason").GetString());
        Assert.Equal((3, "id"), (rejected[1].GetProperty("line").GetInt32(), rejected[1].GetProperty("field").GetString()));
    }

    [SkippableFact]
    public async Task AReviewOfAClaimThatIsNotThereIsRejectedOnItsClaimId()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var review = Line("review", new
        {
            id = $"review-{Guid.NewGuid():N}"[..20], claimId = "no-such-claim", reviewerName = "Fact Desk", url = "https://factdesk.example/r/9",
            reviewedOn = "2025-05-03", ratingText = "False", rating = "false",
        });

        var problem = await Problem.AssertAsync(await ImportAsync(curator, [review]), HttpStatusCode.UnprocessableEntity);

        var rejected = Assert.Single(problem.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("claimId", "There is no claim with id 'no-such-claim'."), (rejected.GetProperty("field").GetString(), rejected.GetProperty("reason").GetString()));
    }

    [SkippableFact]
    public async Task ALineOfADeletedRecordIsRejected()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        (await ImportAsync(curator, [set.EntityLine])).EnsureSuccessStatusCode();
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{set.Entity}", null, "\"1\"")).EnsureSuccessStatusCode();

        var problem = await Problem.AssertAsync(await ImportAsync(curator, [set.EntityLine]), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(
            $"Entity '{set.Entity}' is deleted; an admin can restore it (POST /v1/entities/{set.Entity}/restore), and then an import can change it.",
            problem.GetProperty("rejected")[0].GetProperty("reason").GetString());
    }

    [SkippableFact]
    public async Task LinesMayReferToRecordsOfEarlierBatches()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var report = await (await ImportAsync(curator, set.All(), "?batch=1")).ReadSuccessAsync();

        Assert.Equal(5, report.GetProperty("batches").GetArrayLength());
        AssertCounts(report.GetProperty("created"), articles: 1, entities: 1, statements: 1, claims: 1, reviews: 1);
    }

    [SkippableFact]
    public async Task WorkflowPublishedImportsPublishedRecordsThatAnonymousReadersSee()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var report = await (await ImportAsync(curator, set.All(), "?workflow=published")).ReadSuccessAsync();

        Assert.Equal("published", report.GetProperty("workflow").GetString());
        using var anonymous = api.CreateClient();
        var claim = await (await anonymous.GetAsync($"/v1/claims/{set.Claim}")).ReadSuccessAsync();
        Assert.Equal("published", claim.GetProperty("workflow").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/statements/{set.Statement}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/reviews/{set.Review}")).StatusCode);
    }

    [SkippableFact]
    public async Task APublishedClaimNeedsPublishedEvidence()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();
        (await ImportAsync(curator, [set.EntityLine, set.ArticleLine, set.StatementLine])).EnsureSuccessStatusCode(); // a draft statement

        var problem = await Problem.AssertAsync(await ImportAsync(curator, [set.ClaimLine], "?workflow=published"), HttpStatusCode.UnprocessableEntity);

        var rejected = Assert.Single(problem.GetProperty("rejected").EnumerateArray());
        Assert.Equal("evidence", rejected.GetProperty("field").GetString());
        Assert.Equal($"Claim '{set.Claim}' cannot be published while its evidence statements are not: {set.Statement}. Publish them first.", rejected.GetProperty("reason").GetString());
    }

    /// <summary>An NDJSON line: <paramref name="body"/> as the API's JSON, with its <c>type</c> first.</summary>
    internal static string Line(string type, object body)
    {
        var line = JsonSerializer.SerializeToNode(body, body.GetType(), ClaimsApiFactory.Json)!.AsObject();
        line.Insert(0, "type", JsonValue.Create(type));
        return line.ToJsonString();
    }

    internal static Task<HttpResponseMessage> ImportAsync(HttpClient client, IEnumerable<string> lines, string query = "") =>
        client.PostAsync("/v1/import" + query, new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));

    private static void AssertCounts(JsonElement counts, int articles, int entities, int statements, int claims, int reviews) => Assert.Equal(
        (articles, entities, statements, claims, reviews),
        (counts.GetProperty("articles").GetInt32(), counts.GetProperty("entities").GetInt32(), counts.GetProperty("statements").GetInt32(),
            counts.GetProperty("claims").GetInt32(), counts.GetProperty("reviews").GetInt32()));

    /// <summary>Every history entry of the set's records, as text.</summary>
    private static async Task<List<string>> HistoriesAsync(HttpClient curator, Records set)
    {
        var all = new List<string>();
        foreach (var path in new[] { $"entities/{set.Entity}", $"articles/{set.Article}", $"statements/{set.Statement}", $"claims/{set.Claim}", $"reviews/{set.Review}" })
        {
            all.Add((await (await curator.GetAsync($"/v1/{path}/history")).ReadSuccessAsync()).ToString());
        }

        return all;
    }

    /// <summary>One of each kind of record, with ids of the test's own, each line referring to the ones before it.</summary>
    internal sealed class Records
    {
        private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

        public string Suffix => _suffix;

        public string Entity => $"import-desk-{_suffix}";

        public string Article => $"import-article-{_suffix}";

        public string Statement => $"import-statement-{_suffix}";

        public string Claim => $"import-claim-{_suffix}";

        public string Review => $"import-review-{_suffix}";

        public string EntityLine => Line("entity", new { id = Entity, name = $"Import Desk {_suffix}", kind = "organisation", aliases = new[] { $"the desk {_suffix}" } });

        public string ArticleLine => Line("article", new { id = Article, publishedOn = "2025-05-02", title = $"The bridge {_suffix}", paragraphs = new[] { Paragraph } });

        public string StatementLine => Line("statement", new { id = Statement, article = Article, speaker = "dprk", kind = "reported-speech", cue = "said", exact = "the bridge will open in June" });

        public string ClaimLine => Line("claim", new
        {
            id = Claim, text = "The bridge will open in June.", claimant = Entity, kind = "prediction", article = Article,
            evidence = new[] { new { statement = Statement, exact = "open in June" } }, mentions = new[] { Entity },
        });

        public string ReviewLine => Line("review", new
        {
            id = Review, claimId = Claim, reviewerName = "Fact Desk", url = "https://factdesk.example/reviews/1", reviewedOn = "2025-05-03",
            ratingText = "Too early to say", rating = "unproven",
        });

        public IEnumerable<string> All() => [EntityLine, ArticleLine, StatementLine, ClaimLine, ReviewLine];
    }
}

public sealed class ImportTestsOnSqlite(SqliteApi api) : ImportTests<SqliteApi>(api);

public sealed class ImportTestsOnPostgres(PostgresApi api) : ImportTests<PostgresApi>(api);
