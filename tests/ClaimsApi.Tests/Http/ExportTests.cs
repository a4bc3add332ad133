using System.Net;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Bulk exports (<c>GET /v1/{collection}/export</c>, docs/api-guide.md#exports): NDJSON lines that are the records'
/// GET representations, RFC 4180 CSV read back by a real parser, the list's filters and visibility, content
/// negotiation, one snapshot with its change-feed position, HEAD, and the limit on concurrent exports. The API reads
/// two records per batch here, so an export of a few records runs several batches and the response can fill the
/// test server's pipe while the export is still reading.
/// </summary>
public abstract class ExportTests<TApi> : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string PublishedSeedClaim = "dprk-troops-fought-in-kursk";

    private readonly TApi api;

    protected ExportTests(TApi fixture)
    {
        api = ProviderLeg.Require(fixture);
        api.Settings["Export:BatchSize"] = "2";
        api.Settings["RateLimiting:Enabled"] = "true";
        api.Settings["RateLimiting:ConcurrentExports"] = "1";
        foreach (var bucket in new[] { "Anonymous", "Key" })
        {
            api.Settings[$"RateLimiting:{bucket}:Burst"] = "1000000";
            api.Settings[$"RateLimiting:{bucket}:PerSecond"] = "1000000";
        }
    }

    [SkippableTheory]
    [InlineData("claims")]
    [InlineData("statements")]
    [InlineData("entities")]
    [InlineData("reviews")]
    public async Task EachNdjsonLineIsTheRecordExactlyAsGetAnswersItInIdOrder(string collection)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        await CreateReviewAsync(curator, PublishedSeedClaim, "true"); // the seeds have no review
        using var anonymous = api.CreateClient();

        var (response, body) = await ExportAsync(anonymous, $"/v1/{collection}/export");

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var lines = Lines(body);
        Assert.NotEmpty(lines);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        foreach (var (id, line) in ids.Zip(lines))
        {
            Assert.Equal(await anonymous.GetStringAsync($"/v1/{collection}/{id}"), line);
        }
    }

    [SkippableTheory]
    [InlineData("/v1/claims/export?claimant=dprk", "/v1/claims?claimant=dprk&sort=id&limit=100")]
    [InlineData("/v1/claims/export?entity=kpa&kind=factual", "/v1/claims?entity=kpa&kind=factual&sort=id&limit=100")]
    [InlineData("/v1/claims/export?q=troops&from=2025-01-01", "/v1/claims?q=troops&from=2025-01-01&sort=id&limit=100")]
    [InlineData("/v1/statements/export?speaker=dprk", "/v1/statements?speaker=dprk&limit=100")]
    [InlineData("/v1/entities/export?kind=state", "/v1/entities?kind=state&limit=100")]
    [InlineData("/v1/entities/export?name=the%20dprk", "/v1/entities?name=the%20dprk&limit=100")]
    public async Task AnExportHoldsWhatItsListHoldsUnderTheSameFilters(string export, string list)
    {
        using var client = api.CreateClient();

        var exported = Ids(Lines((await ExportAsync(client, export)).Body));
        var listed = (await (await client.GetAsync(list)).ReadSuccessAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        var all = Ids(Lines((await ExportAsync(client, export[..export.IndexOf('?', StringComparison.Ordinal)])).Body));

        Assert.Equal(listed, exported);
        Assert.InRange(exported.Count, 1, all.Count - 1); // the filter picked some, not all
    }

    [SkippableFact]
    public async Task AnonymousReadersExportNoDraftsWhileCuratorsExportThem()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var draft = TestClaims.NewId("export-draft");
        await TestClaims.CreateAsync(curator, draft);
        using var anonymous = api.CreateClient();

        var theirs = Ids(Lines((await ExportAsync(anonymous, "/v1/claims/export")).Body));
        var theirsCsv = ParseCsv((await ExportAsync(anonymous, "/v1/claims/export?format=csv")).Body).Skip(1).Select(r => r[0]).ToList();
        var mine = Ids(Lines((await ExportAsync(curator, "/v1/claims/export")).Body));

        Assert.DoesNotContain(draft, theirs);
        Assert.DoesNotContain(draft, theirsCsv);
        Assert.Equal(theirs, theirsCsv);
        Assert.Contains(draft, mine);
    }

    [SkippableFact]
    public async Task CsvIsRfc4180AndReadsBackWithAFieldOfQuotesCommasAndALineBreak()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("export-csv");
        const string text = "The envoy said \"no, never\", twice,\nthen \"maybe\".";
        var (claim, _) = await TestClaims.CreateAsync(curator, id, text);

        var (response, body) = await ExportAsync(curator, "/v1/claims/export?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "header" && p.Value == "present");
        Assert.EndsWith("\r\n", body, StringComparison.Ordinal);
        Assert.Contains("\"The envoy said \"\"no, never\"\", twice,\nthen \"\"maybe\"\".\"", body, StringComparison.Ordinal);
        var rows = ParseCsv(body);
        var header = rows[0];
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        var row = rows.Single(r => r[0] == id);
        string Field(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal(text, Field("text"));
        Assert.Equal("wpk-cmc", Field("claimant.id"));
        Assert.Equal("draft", Field("workflow"));
        var evidence = claim.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(string.Join(" | ", evidence.Select(e => e.GetProperty("text").GetString())), Field("evidence.text"));
        Assert.Equal(
            string.Join(" | ", evidence.Select(e => $"{e.GetProperty("span").GetProperty("start").GetInt32()}-{e.GetProperty("span").GetProperty("end").GetInt32()}")),
            Field("evidence.span"));
        Assert.Equal(TestClaims.Statement, Field("evidence.statementId"));
        Assert.Equal("0", Field("reviews.count"));
    }

    [SkippableFact]
    public async Task CsvEscapesTextThatASpreadsheetWouldRunAsAFormulaWhileNdjsonKeepsIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("export-formula");
        const string formula = "=HYPERLINK(\"https://evil.example/\",\"click\")";
        await TestClaims.CreateAsync(curator, id, formula);

        var rows = ParseCsv((await ExportAsync(curator, "/v1/claims/export?format=csv")).Body);
        var ndjson = Lines((await ExportAsync(curator, "/v1/claims/export")).Body);

        var text = rows.Single(r => r[0] == id)[Array.IndexOf(rows[0], "text")];
        Assert.Equal("'" + formula, text);
        Assert.Equal(formula, JsonDocument.Parse(ndjson.Single(l => l.Contains(id, StringComparison.Ordinal))).RootElement.GetProperty("text").GetString());
    }

    [SkippableFact]
    public async Task ClaimsCsvCountsTheReviewsAndGivesTheLatestVerdictAndTheReviewsExportFilters()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("export-reviewed");
        await TestClaims.CreateAsync(curator, id);
        var older = await CreateReviewAsync(curator, id, "mostly-true", "2025-05-01");
        var newer = await CreateReviewAsync(curator, id, "false", "2025-06-01");

        var rows = ParseCsv((await ExportAsync(curator, "/v1/claims/export?format=csv")).Body);
        var reviews = Ids(Lines((await ExportAsync(curator, $"/v1/reviews/export?claim={id}")).Body));
        var falseOnes = Ids(Lines((await ExportAsync(curator, $"/v1/reviews/export?claim={id}&rating=false&from=2025-06-01")).Body));

        var row = rows.Single(r => r[0] == id);
        string Field(string name) => row[Array.IndexOf(rows[0], name)];
        Assert.Equal("2", Field("reviews.count"));
        Assert.Equal("false", Field("reviews.latest.rating"));
        Assert.Equal("2025-06-01", Field("reviews.latest.reviewedOn"));
        Assert.Equal(new[] { older, newer }.Order(StringComparer.Ordinal), reviews);
        Assert.Equal([newer], falseOnes);
    }

    [SkippableFact]
    public async Task TheExportIsOneSnapshotAtTheChangePositionItNames()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (article, claims) = await CreateLargeClaimsAsync(curator, count: 8);
        var before = await HistoryHeadAsync();

        using var export = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/claims/export?article={article}"), HttpCompletionOption.ResponseHeadersRead);
        var position = Position(export);
        using var reader = new StreamReader(await export.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var first = await reader.ReadLineAsync();
        // Written while the export is under way (its response fills the pipe, so it waits in mid-read for the client):
        // a new claim that sorts after every claim read so far, and a move of the last claim, not read yet.
        var added = $"zz-{Guid.NewGuid():N}";
        var body = LargeClaimBody(added, article, claims.Statement);
        await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body)).ReadSuccessAsync();
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claims.Ids[^1]}/workflow", new { to = "in-review" }, "\"1\"")).EnsureSuccessStatusCode();
        var rest = await reader.ReadToEndAsync();

        var lines = Lines(first + "\n" + rest);
        Assert.Equal(before, position);
        Assert.Equal(claims.Ids, Ids(lines));
        Assert.Equal("draft", JsonDocument.Parse(lines[^1]).RootElement.GetProperty("workflow").GetString());
        Assert.True(await FirstHistoryIdAsync(added) > position, "the claim written during the export comes after its position in the change log");
        var after = await ExportAsync(curator, $"/v1/claims/export?article={article}");
        Assert.True(Position(after.Response) > position);
        Assert.Contains(added, Ids(Lines(after.Body)));
    }

    [SkippableFact]
    public async Task AClientRunsOneExportAtATimeHereAndASecondIs429()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (article, _) = await CreateLargeClaimsAsync(curator, count: 6);
        using var running = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/claims/export?article={article}"), HttpCompletionOption.ResponseHeadersRead);

        var refused = await curator.GetAsync("/v1/entities/export");
        using var other = api.CreateClient();
        var othersExport = await other.GetAsync("/v1/entities/export");
        await running.Content.ReadAsStringAsync();
        var afterwards = await curator.GetAsync("/v1/entities/export");

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests, "Too many exports");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, othersExport.StatusCode); // another client's allowance
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [SkippableFact]
    public async Task HeadAnswersTheExportsHeadersWithoutItsBody()
    {
        using var client = api.CreateClient();

        var get = await client.GetAsync("/v1/statements/export?format=csv");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/statements/export?format=csv"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(Position(get), Position(head));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [SkippableTheory]
    [InlineData("/v1/claims/export?kind=opinion-piece", "kind")]
    [InlineData("/v1/claims/export?from=2025-05-01&to=2025-04-01", "from")]
    [InlineData("/v1/claims/export?limit=5", "limit")]
    [InlineData("/v1/claims/export?sort=id", "sort")]
    [InlineData("/v1/statements/export?cursor=abc", "cursor")]
    [InlineData("/v1/entities/export?format=xml", "format")]
    [InlineData("/v1/reviews/export?rating=pants-on-fire", "rating")]
    public async Task ABadParameterIsAValidationProblemNamingIt(string url, string parameter)
    {
        using var client = api.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [SkippableTheory]
    [InlineData("application/json")]
    [InlineData("text/html, application/xml;q=0.9")]
    [InlineData("text/csv;q=0, application/x-ndjson;q=0, */*;q=0.5")]
    public async Task AnAcceptHeaderThatTakesNeitherFormatIs406(string accept)
    {
        using var client = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/claims/export");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.AssertAsync(await client.SendAsync(request), HttpStatusCode.NotAcceptable, "format=csv");
    }

    [SkippableTheory]
    [InlineData(null, null, "application/x-ndjson")]
    [InlineData("*/*", null, "application/x-ndjson")]
    [InlineData("text/csv", null, "text/csv")]
    [InlineData("text/*", null, "text/csv")]
    [InlineData("application/x-ndjson;q=0.2, text/csv;q=0.8", null, "text/csv")]
    [InlineData("application/json", "csv", "text/csv")]
    [InlineData("text/csv", "ndjson", "application/x-ndjson")]
    public async Task TheFormatIsTheAcceptHeadersChoiceUnlessTheFormatParameterNamesOne(string? accept, string? format, string expected)
    {
        using var client = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities/export" + (format is null ? "" : $"?format={format}"));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task NoRecordCanTakeTheIdThatNamesTheExport()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var problem = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body("export").ToJsonString()), HttpStatusCode.BadRequest, "export");

        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), problem.ToString());
    }

    private static async Task<(HttpResponseMessage Response, string Body)> ExportAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return (response, body);
    }

    private static long Position(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Changes-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Lines(string ndjson)
    {
        Assert.True(ndjson.Length == 0 || ndjson.EndsWith('\n'), "every NDJSON line ends with a line feed");
        return [.. ndjson.Split('\n').SkipLast(1)];
    }

    private static List<string> Ids(IEnumerable<string> lines) =>
        [.. lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];

    /// <summary>The rows of <paramref name="csv"/>, read by the .NET runtime's own RFC 4180 parser (quoted fields across lines).</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    private static async Task<string> CreateReviewAsync(HttpClient curator, string claim, string rating, string reviewedOn = "2025-05-02")
    {
        var id = TestClaims.NewId("export-review");
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/reviews", new
        {
            id,
            reviewerName = "Export Desk",
            url = "https://exportdesk.example/reviews/1",
            reviewedOn,
            ratingText = "Checked",
            rating,
        });
        await response.ReadSuccessAsync();
        return id;
    }

    /// <summary>
    /// An article of one long paragraph, a statement of all of it, and <paramref name="count"/> draft claims on it, each
    /// about 40 KB as NDJSON (the statement twice, as its text and as the evidence): more than the test server's pipe
    /// holds, so an export of them waits for the client.
    /// </summary>
    private static async Task<(string Article, (string Statement, List<string> Ids) Claims)> CreateLargeClaimsAsync(HttpClient curator, int count)
    {
        var paragraph = string.Concat(Enumerable.Range(0, 180).Select(i => $"The minister said the bridge {i} will open in June after a long delay. "));
        var article = await curator.PostArticleAsync(paragraph.TrimEnd());
        var statement = await curator.PostStatementAsync(article.Id, paragraph.TrimEnd(), speaker: "wpk-cmc");
        var stem = $"snap-{Guid.NewGuid():N}"[..13];
        var ids = Enumerable.Range(0, count).Select(i => $"{stem}-{i}").ToList();
        foreach (var id in ids)
        {
            await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", LargeClaimBody(id, article.Id, statement.Id))).ReadSuccessAsync();
        }

        return (article.Id, (statement.Id, ids));
    }

    private static string LargeClaimBody(string id, string article, string statement)
    {
        var body = TestClaims.Body(id, "The bridge will open in June.");
        body["article"] = article;
        body["evidence"]![0]!["statement"] = statement;
        return body.ToJsonString();
    }

    private async Task<long> HistoryHeadAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().History.MaxAsync(h => (long?)h.Id) ?? 0;
    }

    private async Task<long> FirstHistoryIdAsync(string resourceId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().History.Where(h => h.ResourceId == resourceId).MinAsync(h => h.Id);
    }
}

public sealed class ExportTestsOnSqlite(SqliteApi api) : ExportTests<SqliteApi>(api);

public sealed class ExportTestsOnPostgres(PostgresApi api) : ExportTests<PostgresApi>(api);
