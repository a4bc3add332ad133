using System.Net;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Writing statements: anchoring by quote, references, workflow, concurrency, evidence that moves with them, deletion and history.</summary>
public abstract class StatementWriteTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    internal const string Paragraph = "The ministry said the border was calm. Officials said the border was calm again on Monday.";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task CreatingAStatementAnswers201WithItsLocationETagAndTheSpanOfTheQuote()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("Nothing here.", "Pyongyang said the troops fought “bravely” in Kursk 🇰🇵 last year.");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new
        {
            id = "st-created-" + Guid.NewGuid().ToString("N")[..8],
            article = article.Id,
            speaker = "dprk",
            kind = "reported-speech",
            cue = "said",
            exact = "the troops fought “bravely” in Kursk 🇰🇵 last year",
            source = "cmc-special-statement",
        });

        var statement = await response.ReadAsync<StatementResponse>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/statements/{statement.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETagRevision());
        Assert.Equal(1, statement.Revision);
        Assert.Equal(WorkflowState.Draft, statement.Workflow);
        Assert.Equal("cmc-special-statement", statement.Source?.Id);
        Assert.Equal(statement.Text, CodePoints.Slice(article.Text, statement.Span.Start, statement.Span.End));
        Assert.Equal("the troops fought “bravely” in Kursk 🇰🇵 last year", statement.Text);
        var located = await (await curator.GetAsync(response.Headers.Location)).ReadAsync<StatementResponse>();
        Assert.Equal((statement.Id, statement.Span, statement.Revision), (located.Id, located.Span, located.Revision));
    }

    [SkippableFact]
    public async Task WithoutAnIdTheStatementGetsOneMadeFromItsQuote()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("Moscow announced the liberation of the region.");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "russia", kind = "reported-speech", exact = "the liberation of the region" });

        var statement = await response.ReadAsync<StatementResponse>();
        Assert.Matches("^the-liberation-of-the-region-[0-9a-f]{6}$", statement.Id);
    }

    [SkippableFact]
    public async Task ADraftStatementIsInvisibleToAnonymousReadersAndVisibleToCurators()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");

        await Problem.AssertAsync(await anonymous.GetAsync($"/v1/statements/{statement.Id}"), HttpStatusCode.NotFound);
        var list = await (await anonymous.GetAsync($"/v1/statements?article={article.Id}")).ReadAsync<Page<StatementResponse>>();
        Assert.Empty(list.Items);
        Assert.Equal(statement.Id, (await (await curator.GetAsync($"/v1/statements/{statement.Id}")).ReadAsync<StatementResponse>()).Id);
        var curatorList = await (await curator.GetAsync($"/v1/statements?article={article.Id}")).ReadAsync<Page<StatementResponse>>();
        Assert.Equal([statement.Id], curatorList.Items.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task AParentThatIsADraftIsLeftOutOfAPublishedStatementForAnonymousReaders()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var article = await curator.PostArticleAsync(Paragraph);
        var parent = await curator.PostStatementAsync(article.Id, "The ministry said the border was calm.");
        var child = await PublishAsync(curator, await curator.PostStatementAsync(article.Id, "the border was calm", prefix: "The ministry said ", parent: parent.Id));

        var read = await anonymous.GetAsync($"/v1/statements/{child.Id}").ReadAsync<StatementResponse>();
        var inArticle = (await anonymous.GetAsync($"/v1/articles/{article.Id}").ReadAsync<Features.Articles.ArticleDetail>()).Statements.Single();
        var listed = (await anonymous.GetAsync($"/v1/statements?article={article.Id}").ReadAsync<Page<StatementResponse>>()).Items.Single();
        var curatorRead = await curator.GetAsync($"/v1/statements/{child.Id}").ReadAsync<StatementResponse>();

        Assert.Equal((child.Id, null, null, null), (inArticle.Id, read.ParentId, inArticle.ParentId, listed.ParentId));
        Assert.Equal(parent.Id, curatorRead.ParentId);
    }

    [SkippableFact]
    public async Task AQuoteThatIsNotInTheArticleIs422NamingExact()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "dprk", kind = "direct-quote", exact = "the border was closed" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("was not found in the article", problem.GetProperty("errors").GetProperty("exact")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AnAmbiguousQuoteIs422SayingHowOftenItOccurs()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "dprk", kind = "direct-quote", exact = "the border was calm" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("occurs 2 times in the article; add a prefix or suffix", problem.GetProperty("errors").GetProperty("exact")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("Officials said ", null, 1)]
    [InlineData(null, " again", 1)]
    [InlineData("ministry said ", null, 0)]
    [InlineData(null, ". Officials", 0)]
    public async Task APrefixOrSuffixPicksOneOfTheOccurrences(string? prefix, string? suffix, int occurrence)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);

        var statement = await curator.PostStatementAsync(article.Id, "the border was calm", prefix, suffix);

        var body = article.Paragraphs[2];
        var offsets = new[] { Paragraph.IndexOf("the border", StringComparison.Ordinal), Paragraph.LastIndexOf("the border", StringComparison.Ordinal) };
        Assert.Equal(body.Span.Start + offsets[occurrence], statement.Span.Start);
        Assert.Equal("the border was calm", CodePoints.Slice(article.Text, statement.Span.Start, statement.Span.End));
    }

    [SkippableFact]
    public async Task UnknownReferencesAre422NamingEachField()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new
        {
            article = article.Id, speaker = "no-such-speaker", kind = "direct-quote", exact = "The ministry said", source = "no-such-document", parent = "no-such-statement",
        });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["parent", "source", "speaker"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("no-such-speaker", errors.GetProperty("speaker")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AnUnknownArticleIs422NamingArticle()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = "ffffffffffff0000", speaker = "dprk", kind = "direct-quote", exact = "words" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "There is no article 'ffffffffffff0000'");
        Assert.Equal(["article"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AParentInAnotherArticleIs422()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var first = await curator.PostArticleAsync(Paragraph);
        var second = await curator.PostArticleAsync(Paragraph);
        var parent = await curator.PostStatementAsync(first.Id, "The ministry said the border was calm.");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = second.Id, speaker = "dprk", kind = "partial-quote", exact = "The ministry", parent = parent.Id });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "a parent must be in the same article");
        Assert.Equal(["parent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task ANestedStatementMustLieInsideItsParent()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var parent = await curator.PostStatementAsync(article.Id, "The ministry said the border was calm.");

        var inside = await curator.PostStatementAsync(article.Id, "the border was calm", suffix: ". Officials", parent: parent.Id);
        var outside = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "dprk", kind = "partial-quote", exact = "again on Monday", parent = parent.Id });

        Assert.Equal(parent.Id, inside.ParentId);
        await Problem.AssertAsync(outside, HttpStatusCode.UnprocessableEntity, "must lie inside its parent");
    }

    [SkippableFact]
    public async Task AParentThatWouldCloseACircleIs422()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var outer = await curator.PostStatementAsync(article.Id, "The ministry said");
        var inner = await curator.PostStatementAsync(article.Id, "The ministry said", parent: outer.Id);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{outer.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "The ministry said", parent = inner.Id }, ifMatch: "\"1\"");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "circle");
        Assert.Equal(["parent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("id", """{"id":"Not An Id","article":"a","speaker":"dprk","kind":"direct-quote","exact":"x"}""")]
    [InlineData("article", """{"speaker":"dprk","kind":"direct-quote","exact":"x"}""")]
    [InlineData("article", """{"article":"-bad","speaker":"dprk","kind":"direct-quote","exact":"x"}""")]
    [InlineData("speaker", """{"article":"a","kind":"direct-quote","exact":"x"}""")]
    [InlineData("kind", """{"article":"a","speaker":"dprk","exact":"x"}""")]
    [InlineData("kind", """{"article":"a","speaker":"dprk","kind":"rumour","exact":"x"}""")]
    [InlineData("exact", """{"article":"a","speaker":"dprk","kind":"direct-quote"}""")]
    [InlineData("exact", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"   "}""")]
    [InlineData("cue", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","cue":""}""")]
    [InlineData("prefix", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","prefix":"a\u0000b"}""")]
    [InlineData("suffix", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","suffix":""}""")]
    [InlineData("exact", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"\udc00"}""")]
    [InlineData("parent", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","parent":"UPPER"}""")]
    [InlineData("source", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","source":"a b"}""")]
    [InlineData("quote", """{"article":"a","speaker":"dprk","kind":"direct-quote","exact":"x","quote":"y"}""")]
    public async Task AnInvalidBodyIs400NamingTheField(string field, string body)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableTheory]
    [InlineData("cue", Limits.Cue)]
    [InlineData("prefix", Limits.ClaimPart)]
    [InlineData("suffix", Limits.ClaimPart)]
    [InlineData("exact", 20_000)]
    public async Task AFieldOverItsLengthIs400NamingIt(string field, int limit)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var body = new Dictionary<string, object?> { ["article"] = "a", ["speaker"] = "dprk", ["kind"] = "direct-quote", ["exact"] = "x" };
        body[field] = new string('w', limit + 1);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AnExistingIdIs409EvenWhenTheStatementIsDeleted()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null, "\"1\"")).StatusCode);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { id = statement.Id, article = article.Id, speaker = "dprk", kind = "direct-quote", exact = "Officials said" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, $"'{statement.Id}' exists");
    }

    [SkippableFact]
    public async Task WritingNeedsACuratorKey()
    {
        using var anonymous = api.CreateClient();
        using var reader = await api.CreateClientAsync(ApiRole.Reader);
        var body = new { article = TestPaths.SeedArticleId, speaker = "dprk", kind = "direct-quote", exact = "x" };

        await Problem.AssertAsync(await anonymous.SendJsonAsync(HttpMethod.Post, "/v1/statements", body), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await reader.SendJsonAsync(HttpMethod.Post, "/v1/statements", body), HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task AStatementMovesThroughTheWorkflowAndIntoSearchWhenPublished()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var word = "zorblat" + Guid.NewGuid().ToString("N")[..6];
        var article = await curator.PostArticleAsync($"The envoy said {word} talks would resume.");
        var statement = await curator.PostStatementAsync(article.Id, $"{word} talks would resume");

        var inReview = await Move(curator, statement.Id, "\"1\"", new { to = "in-review" }).ReadAsync<StatementResponse>();
        var published = await Move(curator, statement.Id, "\"2\"", new { to = "published" }).ReadAsync<StatementResponse>();
        var found = await (await anonymous.GetAsync($"/v1/statements?q={word}")).ReadAsync<Page<StatementResponse>>();
        var retracted = await Move(curator, statement.Id, "\"3\"", new { to = "retracted", reason = "Misattributed." }).ReadAsync<StatementResponse>();
        var gone = await (await curator.GetAsync($"/v1/statements?q={word}")).ReadAsync<Page<StatementResponse>>();
        var draft = await Move(curator, statement.Id, "\"4\"", new { to = "draft" }).ReadAsync<StatementResponse>();

        Assert.Equal(WorkflowState.InReview, inReview.Workflow);
        Assert.Equal(WorkflowState.Published, published.Workflow);
        Assert.Equal([statement.Id], found.Items.Select(s => s.Id));
        Assert.Equal((WorkflowState.Retracted, "Misattributed."), (retracted.Workflow, retracted.RetractionReason));
        Assert.Empty(gone.Items);
        Assert.Equal((WorkflowState.Draft, (string?)null, 5), (draft.Workflow, draft.RetractionReason, draft.Revision));
    }

    [SkippableTheory]
    [InlineData("published")]
    [InlineData("retracted")]
    public async Task AMoveTheWorkflowDoesNotAllowIs409(string to)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");

        var response = await Move(curator, statement.Id, "\"1\"", to == "retracted" ? new { to, reason = (string?)"Because." } : new { to, reason = (string?)null });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "is draft and cannot move to");
    }

    [SkippableFact]
    public async Task RetractingWithoutAReasonIs400NamingReason()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await Move(curator, "any-statement", "\"1\"", new { to = "retracted" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task APublishedStatementCannotLeavePublishedWhileAPublishedClaimCitesIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await PublishAsync(curator, await curator.PostStatementAsync(article.Id, "The ministry said the border was calm."));
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "the border was calm");
        await Move(curator, claim.Id, "\"1\"", new { to = "in-review" }, "claims").ReadAsync<ClaimDetail>();
        await Move(curator, claim.Id, "\"2\"", new { to = "published" }, "claims").ReadAsync<ClaimDetail>();

        var refused = await Move(curator, statement.Id, "\"3\"", new { to = "retracted", reason = "Wrong speaker." });
        await Move(curator, claim.Id, "\"3\"", new { to = "retracted", reason = "Its statement is wrong." }, "claims").ReadAsync<ClaimDetail>();
        var allowed = await Move(curator, statement.Id, "\"3\"", new { to = "retracted", reason = "Wrong speaker." }).ReadAsync<StatementResponse>();

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, claim.Id);
        Assert.Equal(WorkflowState.Retracted, allowed.Workflow);
    }

    [SkippableFact]
    public async Task APublishedClaimIsNotRestoredWhileItsStatementIsNoLongerPublished()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var anonymous = api.CreateClient();
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await PublishAsync(curator, await curator.PostStatementAsync(article.Id, "The ministry said the border was calm."));
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "the border was calm");
        await Move(curator, claim.Id, "\"1\"", new { to = "in-review" }, "claims").ReadAsync<ClaimDetail>();
        await Move(curator, claim.Id, "\"2\"", new { to = "published" }, "claims").ReadAsync<ClaimDetail>();
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim.Id}", null, "\"3\"")).EnsureSuccessStatusCode();
        await Move(curator, statement.Id, "\"3\"", new { to = "retracted", reason = "Wrong speaker." }).ReadAsync<StatementResponse>();

        var refused = await admin.PostAsync($"/v1/claims/{claim.Id}/restore", null);
        await Move(curator, statement.Id, "\"4\"", new { to = "draft" }).ReadAsync<StatementResponse>();
        await Move(curator, statement.Id, "\"5\"", new { to = "in-review" }).ReadAsync<StatementResponse>();
        await Move(curator, statement.Id, "\"6\"", new { to = "published" }).ReadAsync<StatementResponse>();
        var restored = await admin.PostAsync($"/v1/claims/{claim.Id}/restore", null).ReadAsync<ClaimDetail>();

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, statement.Id);
        Assert.Equal((WorkflowState.Published, 5), (restored.Workflow, restored.Revision));
        var read = await anonymous.GetAsync($"/v1/claims/{claim.Id}").ReadAsync<ClaimDetail>();
        Assert.Equal([statement.Id], read.Evidence.Select(e => e.StatementId));
    }

    [SkippableFact]
    public async Task ReplacingNeedsTheCurrentETag()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");
        var body = new { article = article.Id, speaker = "russia", kind = "direct-quote", cue = "said", exact = "Officials said" };

        var missing = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}", body);
        var replaced = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}", body, "\"1\"");
        var stale = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}", body, "\"1\"");

        await Problem.AssertAsync(missing, HttpStatusCode.PreconditionRequired);
        var after = await replaced.ReadAsync<StatementResponse>();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, replaced.ETagRevision());
        Assert.Equal(("russia", StatementKind.DirectQuote, "said", "Officials said"), (after.Speaker.Id, after.Kind, after.Cue, after.Text));
        Assert.Equal("Officials said", CodePoints.Slice(article.Text, after.Span.Start, after.Span.End));
        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    [SkippableFact]
    public async Task AStatementCannotMoveToAnotherArticle()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var other = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = other.Id, speaker = "dprk", kind = "direct-quote", exact = "The ministry said" }, "\"1\"");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["article"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task APublishedStatementStaysPublishedWhenEdited()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await PublishAsync(curator, await curator.PostStatementAsync(article.Id, "The ministry said"));

        var edited = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", cue = "said", exact = "The ministry said" }, statement.Revision.ToETag());

        Assert.Equal(WorkflowState.Published, (await edited.ReadAsync<StatementResponse>()).Workflow);
    }

    [SkippableFact]
    public async Task ReanchoringLeavesEvidenceThatStaysInsideTheNewSpanWhereItWas()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var editor = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync("Officials said the border was calm again on Monday.");
        var statement = await curator.PostStatementAsync(article.Id, "the border was calm again");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "was calm");
        var evidenceBefore = claim.Evidence.Single();

        var response = await editor.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "Officials said the border was calm again on Monday." }, "\"1\"");

        var widened = await response.ReadAsync<StatementResponse>();
        var after = await (await curator.GetAsync($"/v1/claims/{claim.Id}")).ReadAsync<ClaimDetail>();
        var evidence = after.Evidence.Single();
        Assert.Equal(evidenceBefore.Span, evidence.Span);
        Assert.Equal(new Features.Span(evidence.Span.Start - widened.Span.Start, evidence.Span.End - widened.Span.Start), evidence.StatementSpan);
        Assert.Equal(1, after.Revision); // the evidence stayed where it was: the claim did not change
        Assert.Equal(2, widened.Revision);

        var narrowed = await editor.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "was calm again on Monday" }, "\"2\"");
        await narrowed.ReadAsync<StatementResponse>();
        var moved = await (await curator.GetAsync($"/v1/claims/{claim.Id}")).ReadAsync<ClaimDetail>();
        Assert.Equal(evidenceBefore.Span, moved.Evidence.Single().Span);
        Assert.Equal(new Features.Span(0, "was calm".Length), moved.Evidence.Single().StatementSpan);
    }

    [SkippableFact]
    public async Task MovingAStatementMovesItsClaimsEvidenceAsANewRevisionWithHistory()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var editor = api.CreateClientWithKey(key);
        var article = await curator.PostArticleAsync("First, the envoy said the talks failed.", "Later, the envoy said the talks failed again.");
        var statement = await curator.PostStatementAsync(article.Id, "the envoy said the talks failed", prefix: "First, ");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "the talks failed");

        var response = await editor.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "the envoy said the talks failed again" }, "\"1\"");

        var moved = await response.ReadAsync<StatementResponse>();
        var after = await (await curator.GetAsync($"/v1/claims/{claim.Id}")).ReadAsync<ClaimDetail>();
        var evidence = after.Evidence.Single();
        Assert.Equal("the talks failed", CodePoints.Slice(article.Text, evidence.Span.Start, evidence.Span.End));
        Assert.InRange(evidence.Span.Start, moved.Span.Start, moved.Span.End);
        Assert.Equal(2, after.Revision);
        var history = await (await curator.GetAsync($"/v1/claims/{claim.Id}/history")).ReadAsync<Page<HistoryChange>>();
        Assert.Equal([("create", 1), ("update", 2)], history.Items.Select(h => (h.Action, h.Revision)));
        Assert.Equal(keyName, history.Items[1].Actor);
        Assert.Contains("evidence", history.Items[1].Changes);
    }

    [SkippableFact]
    public async Task ASpanThatLeavesOutItsClaimsEvidenceIs409NamingTheClaimAndChangesNothing()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said the border was calm.");
        var claim = await PostClaimAsync(curator, article.Id, statement.Id, "The ministry");

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "Officials said" }, "\"1\"");

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, claim.Id);
        var unchanged = await (await curator.GetAsync($"/v1/statements/{statement.Id}")).ReadAsync<StatementResponse>();
        Assert.Equal((1, statement.Span), (unchanged.Revision, unchanged.Span));
    }

    [SkippableFact]
    public async Task AStatementInUseCannotBeDeleted()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var cited = await curator.PostStatementAsync(article.Id, "The ministry said the border was calm.");
        var claim = await PostClaimAsync(curator, article.Id, cited.Id, "the border was calm");
        var parent = await curator.PostStatementAsync(article.Id, "Officials said the border was calm again on Monday.");
        var child = await curator.PostStatementAsync(article.Id, "again on Monday", parent: parent.Id);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{cited.Id}", null, "\"1\""), HttpStatusCode.Conflict, claim.Id);
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{parent.Id}", null, "\"1\""), HttpStatusCode.Conflict, child.Id);
    }

    [SkippableFact]
    public async Task DeletingAnUnusedStatementHidesItAndOnlyAnAdminCanRestoreIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");

        var missingIfMatch = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null);
        var deleted = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null, "\"1\"");
        var read = await curator.GetAsync($"/v1/statements/{statement.Id}");
        var byCurator = await curator.PostAsync($"/v1/statements/{statement.Id}/restore", null);
        var restored = await admin.PostAsync($"/v1/statements/{statement.Id}/restore", null);

        await Problem.AssertAsync(missingIfMatch, HttpStatusCode.PreconditionRequired);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.AssertAsync(read, HttpStatusCode.NotFound);
        await Problem.AssertAsync(byCurator, HttpStatusCode.Forbidden);
        var back = await restored.ReadAsync<StatementResponse>();
        Assert.Equal((3, WorkflowState.Draft, statement.Span), (back.Revision, back.Workflow, back.Span));
        Assert.Equal(3, restored.ETagRevision());
    }

    [SkippableFact]
    public async Task AStatementWhoseArticleChangedWhileItWasDeletedIsNotRestored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "Officials said");
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null, "\"1\"")).EnsureSuccessStatusCode();
        (await curator.SendTextAsync(HttpMethod.Put, $"/v1/articles/{article.Id}", NewText(article, "A new first paragraph."), "\"1\"")).EnsureSuccessStatusCode();

        var restored = await admin.PostAsync($"/v1/statements/{statement.Id}/restore", null);

        await Problem.AssertAsync(restored, HttpStatusCode.Conflict, "no longer matches its article");
    }

    [SkippableFact]
    public async Task EveryChangeIsInTheHistoryWithItsActorAndBothVersions()
    {
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var curator = api.CreateClientWithKey(key);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");
        await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "russia", kind = "reported-speech", exact = "The ministry said" }, "\"1\"");
        await Move(curator, statement.Id, "\"2\"", new { to = "in-review" });
        await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{statement.Id}", null, "\"3\"");

        var history = await (await curator.GetAsync($"/v1/statements/{statement.Id}/history")).ReadAsync<Page<HistoryChange>>();
        var update = await (await curator.GetAsync($"/v1/statements/{statement.Id}/history/2")).ReadAsync<HistoryRevision>();

        Assert.Equal([("create", 1), ("update", 2), ("transition", 3), ("delete", 4)], history.Items.Select(h => (h.Action, h.Revision)));
        Assert.All(history.Items, h => Assert.Equal(keyName, h.Actor));
        Assert.Equal(["speaker"], update.Changes);
        Assert.Equal("dprk", update.Before!.Value.GetProperty("speaker").GetProperty("id").GetString());
        Assert.Equal("russia", update.After!.Value.GetProperty("speaker").GetProperty("id").GetString());
    }

    private static Task<HttpResponseMessage> Move(HttpClient client, string id, string ifMatch, object body, string collection = "statements") =>
        client.SendJsonAsync(HttpMethod.Post, $"/v1/{collection}/{id}/workflow", body, ifMatch);

    private static async Task<StatementResponse> PublishAsync(HttpClient curator, StatementResponse statement)
    {
        await Move(curator, statement.Id, statement.Revision.ToETag(), new { to = "in-review" }).ReadAsync<StatementResponse>();
        return await Move(curator, statement.Id, (statement.Revision + 1).ToETag(), new { to = "published" }).ReadAsync<StatementResponse>();
    }

    private static async Task<ClaimDetail> PostClaimAsync(HttpClient curator, string articleId, string statementId, string exact)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            id = $"claim-{Guid.NewGuid():N}"[..20],
            text = "The border was calm.",
            claimant = "dprk",
            kind = "factual",
            article = articleId,
            evidence = new[] { new { statement = statementId, exact } },
        });
        return await response.ReadAsync<ClaimDetail>();
    }

    private static string NewText(Features.Articles.ArticleDetail article, string firstParagraph)
    {
        var body = article.Paragraphs[2].Span.Start;
        var utf16 = CodePoints.ToUtf16(article.Text, body);
        return article.Text[..utf16] + firstParagraph + "\n\n" + article.Text[utf16..];
    }
}

internal static class RevisionTags
{
    public static string ToETag(this int revision) => ETags.OfRevision(revision);
}

public sealed class StatementWriteTestsOnSqlite(SqliteApi api) : StatementWriteTests<SqliteApi>(api);

public sealed class StatementWriteTestsOnPostgres(PostgresApi api) : StatementWriteTests<PostgresApi>(api);
