using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Writing articles: the two content types parsed as seeds are, metadata, limits, edits that move statements and evidence, deletion.</summary>
public abstract class ArticleWriteTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Publisher = "publication-9c422c9df4965fec";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task PostingTextCreatesTheArticleWithTheIdOfItsHash()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = TestArticles.Text("First paragraph.", "Second paragraph, about this. Share");

        var response = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?language=de&publisher={Publisher}&sourceUrl=https://example.org/a", text);

        var article = await response.ReadAsync<ArticleDetail>();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(sha[..16], article.Id);
        Assert.Equal($"/v1/articles/{article.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETagRevision());
        Assert.Equal((text, sha, 1, (string?)null), (article.Text, article.ContentSha256, article.Revision, article.SeedFile));
        Assert.Equal(("de", Publisher, "https://example.org/a"), (article.Language, article.Publisher?.Id, article.SourceUrl));
        Assert.Equal((new DateOnly(2025, 5, 1), DatePrecision.Day), (article.PublishedOn, article.PublishedOnPrecision));
        Assert.Equal([ParagraphRole.Lead, ParagraphRole.Title, ParagraphRole.Body, ParagraphRole.Body], article.Paragraphs.Select(p => p.Role));
        Assert.Equal(("Second paragraph, about this.", "Share"), (article.Paragraphs[3].Text, article.Paragraphs[3].Artifact));
        Assert.All(article.Paragraphs, p => Assert.Equal(p.Text, CodePoints.Slice(text, p.Span.Start, p.Span.End)));
        using var anonymous = api.CreateClient();
        Assert.Equal(text, (await (await anonymous.GetAsync(response.Headers.Location)).ReadAsync<ArticleDetail>()).Text);
    }

    [SkippableFact]
    public async Task TheSeedArticlePostedAsTextIsParsedAsTheSeedLoaderParsedIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));
        var seeded = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");
        var id = "copy-" + Guid.NewGuid().ToString("N")[..8];

        var posted = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}&publisher={Publisher}", text).ReadAsync<ArticleDetail>();

        Assert.Equal(id, posted.Id);
        Assert.Equal(seeded.Paragraphs, posted.Paragraphs);
        Assert.Equal((seeded.Title, seeded.Lead, seeded.PublishedOn, seeded.Text, seeded.ContentSha256), (posted.Title, posted.Lead, posted.PublishedOn, posted.Text, posted.ContentSha256));
    }

    [SkippableFact]
    public async Task PostingJsonWithTextCreatesTheSameArticleAsPlainText()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = TestArticles.Text("One paragraph.");

        var article = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new { id = "json-" + Guid.NewGuid().ToString("N")[..8], text, language = "pt-BR" })
            .ReadAsync<ArticleDetail>();

        Assert.Equal((text, "pt-BR"), (article.Text, article.Language));
        Assert.Equal(["Lead " + text[22..30], "Title " + text[22..30], "One paragraph."], article.Paragraphs.Select(p => p.Text));
    }

    [SkippableFact]
    public async Task PostingStructuredJsonLaysTheArticleOutInTheSeedFormat()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var title = "Structured " + Guid.NewGuid().ToString("N")[..8];

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new
        {
            publishedOn = "2025-06-30",
            lead = "A lead line.",
            title,
            paragraphs = new List<string> { "First paragraph.", "Second paragraph,\nwith a line break." },
            publisher = Publisher,
        });

        var article = await response.ReadAsync<ArticleDetail>();
        var text = $" date 2025-06-30 A lead line.\n\n{title}\n\nFirst paragraph.\n\nSecond paragraph,\nwith a line break.";
        Assert.Equal(text, article.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16], article.Id);
        Assert.Equal(["A lead line.", title, "First paragraph.", "Second paragraph,\nwith a line break."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal(("en", Publisher), (article.Language, article.Publisher?.Id));
    }

    [SkippableFact]
    public async Task TextAndStructuredFieldsTogetherAre400NamingThem()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new { text = TestArticles.Text("P."), title = "T", paragraphs = new List<string> { "P." } });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["paragraphs", "text", "title"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("text", """{}""")]
    [InlineData("text", """{"text":"   "}""")]
    [InlineData("text", """{"text":"a\u0000b"}""")]
    [InlineData("text", """{"text":" date 2025-01-01\n\nT\ud800"}""")]
    [InlineData("id", """{"id":"Not An Id","text":" date 2025-01-01\n\nT"}""")]
    [InlineData("language", """{"text":" date 2025-01-01\n\nT","language":"english!"}""")]
    [InlineData("publisher", """{"text":" date 2025-01-01\n\nT","publisher":"Some Outlet"}""")]
    [InlineData("sourceUrl", """{"text":" date 2025-01-01\n\nT","sourceUrl":"ftp://example.org/a"}""")]
    [InlineData("sourceUrl", """{"text":" date 2025-01-01\n\nT","sourceUrl":"https://example.org/a\u0000b"}""")]
    [InlineData("publishedOn", """{"title":"T","paragraphs":["P."]}""")]
    [InlineData("publishedOn", """{"publishedOn":"2025-02-30","title":"T"}""")]
    [InlineData("title", """{"publishedOn":"2025-01-01","paragraphs":["P."]}""")]
    [InlineData("title", """{"publishedOn":"2025-01-01","title":"Two\nlines"}""")]
    [InlineData("lead", """{"publishedOn":"2025-01-01","title":"T","lead":"Two\nlines"}""")]
    [InlineData("paragraphs[1]", """{"publishedOn":"2025-01-01","title":"T","paragraphs":["P.","Two\n\nparagraphs"]}""")]
    [InlineData("paragraphs[0]", """{"publishedOn":"2025-01-01","title":"T","paragraphs":[""]}""")]
    [InlineData("headline", """{"publishedOn":"2025-01-01","title":"T","headline":"H"}""")]
    public async Task AnInvalidJsonBodyIs400NamingTheField(string field, string body)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("id", "id=Not_An_Id")]
    [InlineData("language", "language=en_GB")]
    [InlineData("publisher", "publisher=-x")]
    [InlineData("sourceUrl", "sourceUrl=example.org")]
    [InlineData("sourceUrl", "sourceUrl=https://example.org/a%00b")]
    public async Task InvalidMetadataInTheQueryIs400NamingTheParameter(string field, string query)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?{query}", TestArticles.Text("P."));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task QueryMetadataWithAJsonBodyIs400()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles?language=en", new { text = TestArticles.Text("P.") });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["language"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("The article starts here.\n\nTitle", "line 1, column 1: the first line must be ' date YYYY-MM-DD <lead>'")]
    [InlineData(" date 2025-13-01 Lead\n\nTitle", "'2025-13-01' is not a valid date")]
    [InlineData(" date 2025-01-01 Lead only", "the article has no title")]
    [InlineData("\uFEFF date 2025-01-01 Lead\n\nTitle", "byte order mark")]
    public async Task TextNotInTheSeedFormatIs422NamingTextWithTheParsersMessage(string text, string message)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var plain = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text);
        var json = await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new { text });

        foreach (var response in new[] { plain, json })
        {
            var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains(message, problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task AnUnknownPublisherIs422()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles?publisher=no-such-outlet", TestArticles.Text("P."));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "no-such-outlet");
        Assert.Equal(["publisher"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("application/xml")]
    [InlineData("text/html")]
    [InlineData("text/plain; charset=iso-8859-1")]
    public async Task AnotherContentTypeIs415(string contentType)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(TestArticles.Text("P.")));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await curator.PostAsync("/v1/articles", content);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [SkippableFact]
    public async Task TextThatIsNotUtf8Is400()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(" date 2025-01-01 Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n\nTitle")]);
        content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");

        var response = await curator.PostAsync("/v1/articles", content);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "not valid UTF-8");
        Assert.Equal(["text"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task ABodyOverOneMegabyteIs413(string contentType)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = TestArticles.Text(new string('w', WriteLimits.ArticleBodyBytes));
        var content = new StringContent(contentType == "text/plain" ? text : $$"""{"text":"{{text.Replace("\n", "\\n", StringComparison.Ordinal)}}"}""", Encoding.UTF8, contentType);

        var response = await curator.PostAsync("/v1/articles", content);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [SkippableTheory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task MoreParagraphsThanTheCapIs400NamingTheFieldAndStoresNothing(string contentType)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var paragraphs = Enumerable.Range(0, ArticleWriteValidator.MaxParagraphs + 1).Select(i => $"P{i}.").ToArray();
        var text = TestArticles.Text(paragraphs);
        var before = await DatabaseSnapshot.TakeAsync(api.Database);

        var response = contentType == "text/plain"
            ? await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text)
            : await curator.PostAsJsonAsync("/v1/articles", new { publishedOn = "2025-05-01", title = "T", paragraphs });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, $"at most {ArticleWriteValidator.MaxParagraphs}");
        Assert.Equal([contentType == "text/plain" ? "text" : "paragraphs"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var after = await DatabaseSnapshot.TakeAsync(api.Database);
        Assert.All(before.Keys, table => Assert.True(before[table].SequenceEqual(after[table]), $"table {table} changed"));
    }

    [SkippableFact]
    public async Task AnArticleAtTheParagraphCapIsWrittenAndReadBackWhole()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var paragraphs = Enumerable.Range(0, ArticleWriteValidator.MaxParagraphs).Select(i => $"Paragraph {i} \U0001F600 of the long article.").ToArray();
        var text = TestArticles.Text(paragraphs);

        var created = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text).ReadAsync<ArticleDetail>();
        var read = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{created.Id}");

        Assert.Equal(ArticleWriteValidator.MaxParagraphs + 2, read.Paragraphs.Count);
        Assert.All(read.Paragraphs, p => Assert.Equal(p.Text, CodePoints.Slice(text, p.Span.Start, p.Span.End)));
    }

    [SkippableFact]
    public async Task AnExistingIdIs409()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var text = TestArticles.Text("P.");
        await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text).ReadAsync<ArticleDetail>();

        var again = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", text);
        var seedId = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={TestPaths.SeedArticleId}", TestArticles.Text("P."));

        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "exists");
        await Problem.AssertAsync(seedId, HttpStatusCode.Conflict, TestPaths.SeedArticleId);
    }

    [SkippableFact]
    public async Task WritingNeedsACuratorKey()
    {
        using var anonymous = api.CreateClient();
        using var reader = await api.CreateClientAsync(ApiRole.Reader);

        await Problem.AssertAsync(await anonymous.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text("P.")), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await reader.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text("P.")), HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task ReplacingNeedsTheCurrentETag()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("P.");
        var text = TestArticles.Text("Another paragraph.");

        var missing = await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}?language=fr", text);
        var replaced = await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}?language=fr", text, "\"1\"");
        var stale = await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", text, "\"1\"");

        await Problem.AssertAsync(missing, HttpStatusCode.PreconditionRequired);
        var after = await replaced.ReadAsync<ArticleDetail>();
        Assert.Equal((2, 2, text, "fr"), (replaced.ETagRevision(), after.Revision, after.Text, after.Language));
        Assert.Equal(article.Id, after.Id);
        Assert.Equal("Another paragraph.", after.Paragraphs[2].Text);
        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    [SkippableFact]
    public async Task ReplacingWithStructuredJsonAndAnotherIdIs422NamingId()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("P.");

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", new { id = "another-id", publishedOn = "2025-01-01", title = "T" }, "\"1\"");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["id"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task EditingTheTextMovesItsStatementsAndTheirEvidenceAsNewRevisionsWithHistory()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var editor = api.CreateClientWithKey(key);
        var article = await curator.PostArticleAsync("The minister said the 🇰🇵 talks had failed.", "Nobody else spoke.");
        var statement = await curator.PostStatementAsync(article.Id, "the 🇰🇵 talks had failed");
        var untouched = await curator.PostStatementAsync(article.Id, "The minister");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "talks had failed");
        var inserted = "A new paragraph with “quotes” and 🇺🇦 first.";
        var text = article.Text.Replace("\n\nThe minister", $"\n\n{inserted}\n\nThe minister", StringComparison.Ordinal);

        var after = await editor.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", text, "\"1\"").ReadAsync<ArticleDetail>();

        var shift = CodePoints.Length(inserted) + 2;
        var moved = await (await curator.GetAsync($"/v1/statements/{statement.Id}")).ReadAsync<StatementResponse>();
        var movedClaim = await (await curator.GetAsync($"/v1/claims/{claim.Id}")).ReadAsync<ClaimDetail>();
        Assert.Equal(text, after.Text);
        Assert.Equal((statement.Span.Start + shift, statement.Span.End + shift, 2), (moved.Span.Start, moved.Span.End, moved.Revision));
        Assert.Equal(moved.Text, CodePoints.Slice(text, moved.Span.Start, moved.Span.End));
        var evidence = movedClaim.Evidence.Single();
        Assert.Equal((claim.Evidence[0].Span.Start + shift, 2), (evidence.Span.Start, movedClaim.Revision));
        Assert.Equal("talks had failed", CodePoints.Slice(text, evidence.Span.Start, evidence.Span.End));
        Assert.Equal(claim.Evidence[0].StatementSpan, evidence.StatementSpan);
        Assert.Equal(untouched.Span.Start + shift, (await (await curator.GetAsync($"/v1/statements/{untouched.Id}")).ReadAsync<StatementResponse>()).Span.Start);
        foreach (var url in new[] { $"/v1/articles/{article.Id}", $"/v1/statements/{statement.Id}", $"/v1/claims/{claim.Id}" })
        {
            var history = await (await curator.GetAsync($"{url}/history")).ReadAsync<Page<HistoryChange>>();
            Assert.Equal(("update", 2, keyName), (history.Items[^1].Action, history.Items[^1].Revision, history.Items[^1].Actor));
        }
    }

    [SkippableFact]
    public async Task AStatementToldApartByItsContextIsFoundAgainByIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("Seoul said no. Tokyo said no.");
        var statement = await curator.PostStatementAsync(article.Id, "said no", prefix: "Tokyo ");
        var text = article.Text.Replace("Seoul said no.", "Seoul said no, twice.", StringComparison.Ordinal);

        await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", text, "\"1\"").ReadAsync<ArticleDetail>();

        var moved = await (await curator.GetAsync($"/v1/statements/{statement.Id}")).ReadAsync<StatementResponse>();
        var tokyo = CodePoints.FromUtf16(text, text.IndexOf("Tokyo said no", StringComparison.Ordinal)) + "Tokyo ".Length;
        Assert.Equal((tokyo, 2), (moved.Span.Start, moved.Revision));
    }

    [SkippableFact]
    public async Task ATextWithoutAStatementsWordsIs409NamingItAndChangesNothing()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("The minister said the talks had failed.");
        var statement = await curator.PostStatementAsync(article.Id, "the talks had failed");
        var text = article.Text.Replace("had failed", "succeeded", StringComparison.Ordinal);

        var response = await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", text, "\"1\"");

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, statement.Id);
        var unchanged = await (await curator.GetAsync($"/v1/articles/{article.Id}")).ReadAsync<ArticleDetail>();
        Assert.Equal((1, article.Text), (unchanged.Revision, unchanged.Text));
    }

    [SkippableFact]
    public async Task AnArticleWithStatementsCannotBeDeletedUntilTheyAre()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var article = await curator.PostArticleAsync("The minister said the talks had failed.");
        var statement = await curator.PostStatementAsync(article.Id, "the talks had failed");

        var refused = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/articles/{article.Id}", null, "\"1\"");
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null, "\"1\"")).EnsureSuccessStatusCode();
        var deleted = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/articles/{article.Id}", null, "\"1\"");
        var read = await curator.GetAsync($"/v1/articles/{article.Id}");
        var restoredByCurator = await curator.PostAsync($"/v1/articles/{article.Id}/restore", null);
        var restored = await admin.PostAsync($"/v1/articles/{article.Id}/restore", null);

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, statement.Id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.AssertAsync(read, HttpStatusCode.NotFound);
        await Problem.AssertAsync(restoredByCurator, HttpStatusCode.Forbidden);
        var back = await restored.ReadAsync<ArticleDetail>();
        Assert.Equal((3, article.Text), (back.Revision, back.Text));
        var history = await (await curator.GetAsync($"/v1/articles/{article.Id}/history")).ReadAsync<Page<HistoryChange>>();
        Assert.Equal(["create", "delete", "restore"], history.Items.Select(h => h.Action));
    }

    [SkippableFact]
    public async Task AnEditedArticleIsFoundByItsNewWords()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var article = await curator.PostArticleAsync("Nothing to see.");
        var word = "quelpartix" + Guid.NewGuid().ToString("N")[..6];

        await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", article.Text + $"\n\nNow {word} is here.", "\"1\"").ReadAsync<ArticleDetail>();

        var found = await (await anonymous.GetAsync($"/v1/articles?q={word}")).ReadAsync<Page<ArticleSummary>>();
        Assert.Equal([article.Id], found.Items.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task AClaimRestoredAfterItsArticleWasEditedFindsItsEvidenceInTheNewText()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var article = await curator.PostArticleAsync("The minister said the talks had failed.");
        var statement = await curator.PostStatementAsync(article.Id, "the talks had failed");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "talks had failed");
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim.Id}", null, "\"1\"")).EnsureSuccessStatusCode();
        var text = article.Text.Replace("\n\nThe minister", "\n\nA paragraph about 🇰🇵 comes first now.\n\nThe minister", StringComparison.Ordinal);
        await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", text, "\"1\"").ReadAsync<ArticleDetail>();

        var restored = await admin.PostAsync($"/v1/claims/{claim.Id}/restore", null).ReadAsync<ClaimDetail>();

        var edited = await (await curator.GetAsync($"/v1/articles/{article.Id}")).ReadAsync<ArticleDetail>();
        var moved = edited.Statements.Single(s => s.Id == statement.Id);
        var evidence = restored.Evidence.Single();
        Assert.Equal(3, restored.Revision);
        Assert.Equal("talks had failed", CodePoints.Slice(edited.Text, evidence.Span.Start, evidence.Span.End));
        Assert.Equal(claim.Evidence[0].StatementSpan, evidence.StatementSpan);
        Assert.Equal(moved.Span.Start + evidence.StatementSpan.Start, evidence.Span.Start);
        var read = await (await curator.GetAsync($"/v1/claims/{claim.Id}")).ReadAsync<ClaimDetail>();
        Assert.Equal(evidence.Span, read.Evidence.Single().Span);
    }

    [SkippableFact]
    public async Task AClaimWhoseEvidenceLeftItsStatementWhileDeletedCannotBeRestored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var article = await curator.PostArticleAsync("The minister said the talks had failed badly.");
        var statement = await curator.PostStatementAsync(article.Id, "the talks had failed badly");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "failed badly");
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim.Id}", null, "\"1\"")).EnsureSuccessStatusCode();
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}", new StatementWrite(
            null, article.Id, statement.Speaker.Id, statement.Kind, null, "the talks had failed", null, null, null, null), "\"1\"")).EnsureSuccessStatusCode();

        var response = await admin.PostAsync($"/v1/claims/{claim.Id}/restore", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "evidence 0");
        await Problem.AssertAsync(await curator.GetAsync($"/v1/claims/{claim.Id}"), HttpStatusCode.NotFound);
        var history = await (await curator.GetAsync($"/v1/claims/{claim.Id}/history")).ReadAsync<Page<HistoryChange>>();
        Assert.Equal(["create", "delete"], history.Items.Select(h => h.Action));
    }

    private static async Task<ClaimDetail> PostClaimAsync(HttpClient curator, string articleId, string statementId, string exact) =>
        await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            id = $"claim-{Guid.NewGuid():N}"[..20],
            text = "The talks failed.",
            claimant = "dprk",
            kind = "factual",
            article = articleId,
            evidence = new[] { new { statement = statementId, exact } },
        }).ReadAsync<ClaimDetail>();
}

public sealed class ArticleWriteTestsOnSqlite(SqliteApi api) : ArticleWriteTests<SqliteApi>(api);

public sealed class ArticleWriteTestsOnPostgres(PostgresApi api) : ArticleWriteTests<PostgresApi>(api);
