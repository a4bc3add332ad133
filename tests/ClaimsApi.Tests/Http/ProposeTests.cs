using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// An article ingested with its proposals (POST /v1/articles?propose=true, POST /v1/import?propose=true): the
/// extractor's attributions stored in the same write as draft statements and claims, and entities for the speakers no
/// alias names, each saying it is machine-proposed, by which extractor, how sure, and whether a person confirmed it.
/// </summary>
public abstract class ProposeTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private static readonly string SeedText = File.ReadAllText(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

    [SkippableFact]
    public async Task TheSeedArticlePostedWithProposeHasItsAttributionsAsMachineProposedDrafts()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = NewId("seed-again");

        var created = await (await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}&propose=true", SeedText)).ReadSuccessAsync();

        var text = created.GetProperty("text").GetString()!;
        var statements = created.GetProperty("statements").EnumerateArray().ToList();
        var claims = created.GetProperty("claims").EnumerateArray().ToList();
        Assert.NotEmpty(statements);
        Assert.NotEmpty(claims);
        Assert.All(statements, s =>
        {
            Assert.Equal("draft", s.GetProperty("workflow").GetString());
            AssertProposed(s.GetProperty("provenance"), confirmed: false);
            Assert.Equal(s.GetProperty("text").GetString(), CodePoints.Slice(text, s.GetProperty("span").GetProperty("start").GetInt32(), s.GetProperty("span").GetProperty("end").GetInt32()));
            Assert.DoesNotContain("Share", s.GetProperty("text").GetString(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(statements, s => s.GetProperty("text").GetString() == "liberation"); // scare quotes, not speech
        var blockQuotes = statements.Where(s => s.GetProperty("kind").GetString() == "unmarked-quote").ToList();
        Assert.Equal(3, blockQuotes.Count);
        Assert.All(blockQuotes, s => Assert.Equal("wpk-cmc", s.GetProperty("speaker").GetProperty("id").GetString()));
        // Pyongyang's claim, with its partial quote nested in the reported speech.
        var pyongyang = Assert.Single(statements, s =>
            s.GetProperty("speaker").GetProperty("id").GetString() == "dprk" && s.GetProperty("cue").GetString() == "claims" && s.GetProperty("kind").GetString() == "reported-speech");
        Assert.Contains(statements, s => s.GetProperty("kind").GetString() == "partial-quote" && s.GetProperty("parentId").GetString() == pyongyang.GetProperty("id").GetString());
        Assert.All(claims, c => Assert.Equal("draft", c.GetProperty("workflow").GetString()));

        var claim = await (await curator.GetAsync($"/v1/claims/{claims[0].GetProperty("id").GetString()}")).ReadSuccessAsync();
        AssertProposed(claim.GetProperty("provenance"), confirmed: false);
        var evidence = Assert.Single(claim.GetProperty("evidence").EnumerateArray());
        Assert.Contains(statements, s => s.GetProperty("id").GetString() == evidence.GetProperty("statementId").GetString());
    }

    [SkippableFact]
    public async Task NothingProposedIsPublished()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = NewId("unseen");
        var created = await (await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}&propose=true", SeedText)).ReadSuccessAsync();
        var statementId = created.GetProperty("statements")[0].GetProperty("id").GetString();
        var claimId = created.GetProperty("claims")[0].GetProperty("id").GetString();
        using var anonymous = api.CreateClient();

        var article = await (await anonymous.GetAsync($"/v1/articles/{id}")).ReadSuccessAsync();

        Assert.Equal(0, article.GetProperty("statements").GetArrayLength());
        Assert.Equal(0, article.GetProperty("claims").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/statements/{statementId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/v1/claims/{claimId}")).StatusCode);
    }

    [SkippableFact]
    public async Task WithoutProposeNothingIsProposed()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var created = await (await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={NewId("plain")}", SeedText)).ReadSuccessAsync();

        Assert.Equal(0, created.GetProperty("statements").GetArrayLength());
        Assert.Equal(0, created.GetProperty("claims").GetArrayLength());
    }

    [SkippableFact]
    public async Task ADenialIsStoredAsADeniedClaimNeverAsAnAssertion()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = TestArticles.Text("The government denied that troops had crossed the border.");

        var created = await (await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?propose=true", text)).ReadSuccessAsync();

        var summary = Assert.Single(created.GetProperty("claims").EnumerateArray());
        var claim = await (await curator.GetAsync($"/v1/claims/{summary.GetProperty("id").GetString()}")).ReadSuccessAsync();
        Assert.Equal("troops had crossed the border.", claim.GetProperty("text").GetString());
        var stance = Assert.Single(claim.GetProperty("qualifiers").EnumerateArray());
        Assert.Equal("stance", stance.GetProperty("name").GetString());
        Assert.Equal("denied", stance.GetProperty("value").GetString());
    }

    [SkippableFact]
    public async Task ASpeakerNoAliasNamesIsAProposedEntityThatNamesNoOneUntilConfirmed()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var name = $"Zorblat {Guid.NewGuid().ToString("N")[..6]}";
        var created = await (await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?propose=true", TestArticles.Text($"{name} said that the bridge would reopen in May."))).ReadSuccessAsync();
        var speaker = Assert.Single(created.GetProperty("statements").EnumerateArray()).GetProperty("speaker");
        Assert.Equal(name, speaker.GetProperty("name").GetString());
        var entityId = speaker.GetProperty("id").GetString()!;
        var entity = await (await curator.GetAsync($"/v1/entities/{entityId}")).ReadSuccessAsync();
        AssertProposed(entity.GetProperty("provenance"), confirmed: false);

        // Not a known speaker while unconfirmed: another extraction proposes it anew.
        var unconfirmed = await ExtractedSpeakerAsync(curator, $"{name} said that the tunnel would close.");
        Assert.False(unconfirmed.GetProperty("known").GetBoolean());

        var replaced = await (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{entityId}", new { name, kind = "person" }, ifMatch: "\"1\"")).ReadSuccessAsync();
        AssertProposed(replaced.GetProperty("provenance"), confirmed: true);
        var confirmed = await ExtractedSpeakerAsync(curator, $"{name} said that the tunnel would close.");
        Assert.True(confirmed.GetProperty("known").GetBoolean());
        Assert.Equal(entityId, confirmed.GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task ACuratorsWorkflowMoveConfirmsAProposalAndTheHistorySaysSo()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var created = await (await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?propose=true", TestArticles.Text("The mayor said that the bridge would reopen in May."))).ReadSuccessAsync();
        var statementId = Assert.Single(created.GetProperty("statements").EnumerateArray()).GetProperty("id").GetString();

        var moved = await (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/statements/{statementId}/workflow", new { to = "in-review" }, ifMatch: "\"1\"")).ReadSuccessAsync();

        Assert.Equal("in-review", moved.GetProperty("workflow").GetString());
        var provenance = moved.GetProperty("provenance");
        AssertProposed(provenance, confirmed: true);
        Assert.Equal(JsonValueKind.String, provenance.GetProperty("confirmedAt").ValueKind);
        var history = await (await curator.GetAsync($"/v1/statements/{statementId}/history")).ReadSuccessAsync();
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["transition", "create"], entries.Select(e => e.GetProperty("action").GetString()).OrderByDescending(a => a, StringComparer.Ordinal));
        Assert.Contains("provenance", entries.Single(e => e.GetProperty("action").GetString() == "transition").GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [SkippableFact]
    public async Task RejectingAProposalDeletesItAndLeavesItUnconfirmed()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var created = await (await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?propose=true", TestArticles.Text("The mayor said that the bridge would reopen in May."))).ReadSuccessAsync();
        var claimId = Assert.Single(created.GetProperty("claims").EnumerateArray()).GetProperty("id").GetString();

        var deleted = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/claims/{claimId}") { Headers = { { "If-Match", "\"1\"" } } });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{claimId}")).StatusCode);
        var history = await (await admin.GetAsync($"/v1/claims/{claimId}/history")).ReadSuccessAsync();
        Assert.Contains("delete", history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [SkippableTheory]
    [InlineData("yes")]
    [InlineData("1")]
    public async Task AProposeThatIsNotTrueOrFalseIs400NamingItAndStoresNothing(string value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var before = await DatabaseSnapshot.TakeAsync(api.Database);

        var response = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?propose={value}", TestArticles.Text("The mayor said that the bridge would reopen."));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "'propose' must be true or false");
        Assert.Equal(["propose"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var after = await DatabaseSnapshot.TakeAsync(api.Database);
        Assert.All(before.Keys, table => Assert.True(before[table].SequenceEqual(after[table]), $"table {table} changed"));
    }

    [SkippableFact]
    public async Task HostileTextIsIngestedWithWhateverItProposes()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var quoted = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"\"w{i}"));
        var text = TestArticles.Text(quoted, "\u202Eقال الوزير\u200B \"نعم\"", "\"unbalanced, said the mayor. «nested “quotes” here» he said.");

        var response = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?propose=true", text);

        var created = await response.ReadSuccessAsync();
        var articleText = created.GetProperty("text").GetString()!;
        Assert.All(created.GetProperty("statements").EnumerateArray(), s => Assert.Equal(s.GetProperty("text").GetString(),
            CodePoints.Slice(articleText, s.GetProperty("span").GetProperty("start").GetInt32(), s.GetProperty("span").GetProperty("end").GetInt32())));
    }

    [SkippableFact]
    public async Task AnImportWithProposeStoresTheProposalsOfTheArticlesItCreates()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = NewId("imported");
        var line = JsonSerializer.Serialize(new { type = "article", id, text = TestArticles.Text("The mayor said that the bridge would reopen in May.") });

        var report = await (await curator.PostAsync("/v1/import?propose=true", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"))).ReadSuccessAsync();

        Assert.Equal(1, report.GetProperty("created").GetProperty("articles").GetInt32());
        Assert.Equal(1, report.GetProperty("proposed").GetProperty("statements").GetInt32());
        Assert.Equal(1, report.GetProperty("proposed").GetProperty("claims").GetInt32());
        var article = await (await curator.GetAsync($"/v1/articles/{id}")).ReadSuccessAsync();
        var statement = Assert.Single(article.GetProperty("statements").EnumerateArray());
        Assert.Equal("draft", statement.GetProperty("workflow").GetString());
        AssertProposed(statement.GetProperty("provenance"), confirmed: false);
    }

    [SkippableFact]
    public async Task AnImportWithoutProposeProposesNothing()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = NewId("imported-plain");
        var line = JsonSerializer.Serialize(new { type = "article", id, text = TestArticles.Text("The mayor said that the bridge would reopen in May.") });

        var report = await (await curator.PostAsync("/v1/import", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"))).ReadSuccessAsync();

        Assert.Equal(0, report.GetProperty("proposed").GetProperty("total").GetInt32());
        var article = await (await curator.GetAsync($"/v1/articles/{id}")).ReadSuccessAsync();
        Assert.Equal(0, article.GetProperty("statements").GetArrayLength());
    }

    [SkippableFact]
    public async Task AnArticleWithoutStatementsTakesItsProposalsLaterAsANewRevision()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = NewId("later");
        await (await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}", TestArticles.Text("The mayor said that the bridge would reopen in May."))).ReadSuccessAsync();

        var without = await curator.PostAsync($"/v1/articles/{id}/proposals", null);
        var stale = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{id}/proposals") { Headers = { { "If-Match", "\"7\"" } } });
        var proposed = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{id}/proposals") { Headers = { { "If-Match", "\"1\"" } } });

        await Problem.AssertAsync(without, HttpStatusCode.PreconditionRequired);
        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed);
        var article = await proposed.ReadSuccessAsync();
        Assert.Equal(2, article.GetProperty("revision").GetInt32());
        var statement = Assert.Single(article.GetProperty("statements").EnumerateArray());
        Assert.Equal("draft", statement.GetProperty("workflow").GetString());
        AssertProposed(statement.GetProperty("provenance"), confirmed: false);
        Assert.Equal(1, article.GetProperty("claims").GetArrayLength());

        var again = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/articles/{id}/proposals") { Headers = { { "If-Match", "\"2\"" } } });
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "has statements already");
    }

    [SkippableFact]
    public async Task ProposalsForAnArticleThatIsNotThereAre404AndNeedACurator()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var reader = await api.CreateClientAsync(ApiRole.Reader);

        var missing = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/articles/no-such-article-here/proposals") { Headers = { { "If-Match", "\"1\"" } } });
        var forbidden = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/articles/no-such-article-here/proposals") { Headers = { { "If-Match", "\"1\"" } } });

        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task ARecordAPersonWroteHasNoProvenance()
    {
        using var anonymous = api.CreateClient();

        var statement = await (await anonymous.GetAsync("/v1/statements?limit=1")).ReadSuccessAsync();
        var entity = await (await anonymous.GetAsync("/v1/entities/dprk")).ReadSuccessAsync();

        Assert.False(statement.GetProperty("items")[0].TryGetProperty("provenance", out _));
        Assert.False(entity.TryGetProperty("provenance", out _));
    }

    private static async Task<JsonElement> ExtractedSpeakerAsync(HttpClient client, string sentence)
    {
        var body = await (await client.PostAsJsonAsync("/v1/extract", new { text = sentence })).ReadSuccessAsync();
        return body.GetProperty("attributions")[0].GetProperty("speaker");
    }

    private static void AssertProposed(JsonElement provenance, bool confirmed)
    {
        Assert.Equal("machine", provenance.GetProperty("proposedBy").GetString());
        Assert.Equal("claimsapi-rules/2", provenance.GetProperty("extractor").GetString());
        var confidence = provenance.GetProperty("confidence").GetDouble();
        Assert.InRange(confidence, 0.01, 1);
        Assert.Equal(confirmed, provenance.GetProperty("confirmed").GetBoolean());
    }

    private static string NewId(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";
}

public sealed class ProposeTestsOnSqlite(SqliteApi api) : ProposeTests<SqliteApi>(api);

public sealed class ProposeTestsOnPostgres(PostgresApi api) : ProposeTests<PostgresApi>(api);
