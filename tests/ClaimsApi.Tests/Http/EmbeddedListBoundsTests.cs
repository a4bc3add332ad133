using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Lists embedded in a representation are bounded when written (docs/security.md): an article's statements and
/// claims, an entity's aliases (a merge included), a claim's reviews (a restore included). Filling an article to its bound through the API would take
/// thousands of writes, so the rows are put in the database directly and the bound checked on the next write.
/// </summary>
public abstract class EmbeddedListBoundsTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AnArticleAtItsStatementBoundTakesNoMore()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text("The ministry said the border was calm.")).ReadAsync<ArticleDetail>();
        await FillAsync(StatementWriteValidator.MaxPerArticle, (db, i) => db.Statements.Add(new Statement
        {
            Id = $"{article.Id}-s{i}", ArticleId = article.Id, SpeakerId = "dprk", Kind = StatementKind.ReportedSpeech, Text = "the border", Start = 0, End = 1,
        }));

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new StatementWrite(
            null, article.Id, "dprk", StatementKind.ReportedSpeech, null, "the border was calm", null, null, null, null));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"already has {StatementWriteValidator.MaxPerArticle} statements");
        Assert.Equal(["article"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AnArticleAtItsClaimBoundTakesNoMore()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text("The ministry said the border was calm.")).ReadAsync<ArticleDetail>();
        var statement = await curator.PostStatementAsync(article.Id, "the border was calm");
        await FillAsync(ClaimWriteValidator.MaxPerArticle, (db, i) => db.Claims.Add(new ClaimedFact
        {
            Id = $"{article.Id}-c{i}", Text = "The border was calm.", ClaimantId = "dprk", Kind = ClaimKind.Factual,
            ClaimedOn = new DateOnly(2025, 5, 1), Status = VerificationStatus.Unverified, ArticleId = article.Id,
        }));
        var body = TestClaims.Body(TestClaims.NewId("over-bound"), "The border was calm.");
        body["article"] = article.Id;
        body["evidence"]![0]!["statement"] = statement.Id;

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"already has {ClaimWriteValidator.MaxPerArticle} claims");
        Assert.Equal(["article"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AStatementIsEvidenceForAtMostItsBoundOfClaims()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text("The ministry said the border was calm.")).ReadAsync<ArticleDetail>();
        var statement = await curator.PostStatementAsync(article.Id, "the border was calm");
        await FillAsync(ClaimWriteValidator.MaxClaimsPerStatement, (db, i) => db.Claims.Add(NewClaim($"{article.Id}-e{i}", article.Id, c =>
            c.Evidence.Add(new ClaimEvidence { ClaimId = c.Id, Ordinal = 0, StatementId = statement.Id, Start = statement.Span.Start, End = statement.Span.End, Text = statement.Text }))));
        var body = TestClaims.Body(TestClaims.NewId("over-bound"), "The border was calm.");
        body["article"] = article.Id;
        body["evidence"]![0]!["statement"] = statement.Id;

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"already evidence for {ClaimWriteValidator.MaxClaimsPerStatement} claims");
        Assert.Equal(["evidence[0].statement"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AClaimHasAtMostItsBoundOfLinksToIt()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (target, _) = await TestClaims.CreateAsync(curator, TestClaims.NewId("popular"));
        var targetId = target.GetProperty("id").GetString()!;
        await FillAsync(ClaimWriteValidator.MaxLinksToClaim, (db, i) => db.Claims.Add(NewClaim($"{targetId}-l{i}", TestPaths.SeedArticleId, c =>
            c.Links.Add(new ClaimLink { FromClaimId = c.Id, ToClaimId = targetId, Kind = ClaimLinkKind.Supports }))));
        var body = TestClaims.Body(TestClaims.NewId("one-more-link"));
        body["links"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["claim"] = targetId, ["kind"] = "supports" });

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"already has {ClaimWriteValidator.MaxLinksToClaim} links to it");
        Assert.Equal(["links[0].claim"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AnEntityTakesAtMostItsBoundOfAliasesAlsoByAMerge()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var stem = Guid.NewGuid().ToString("N")[..8];
        string[] Aliases(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix} {stem} alias {i}")];

        var tooMany = await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = $"Crowded {stem}", kind = "organisation", aliases = Aliases("Crowded", EntityWriteValidator.MaxAliases + 1) });
        var into = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Full {stem}", aliases: Aliases("Full", EntityWriteValidator.MaxAliases));
        var merged = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Extra {stem}");
        var merge = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into }, "\"1\"");

        await Problem.AssertAsync(tooMany, HttpStatusCode.BadRequest, $"at most {EntityWriteValidator.MaxAliases}");
        await Problem.AssertAsync(merge, HttpStatusCode.UnprocessableEntity, $"at most {EntityWriteValidator.MaxAliases}");
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/entities/{merged}")).StatusCode);
    }

    [SkippableFact]
    public async Task AClaimAtItsReviewBoundTakesNoMoreNotEvenByARestore()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var (claim, _) = await TestClaims.CreateAsync(curator, TestClaims.NewId("reviewed"));
        var claimId = claim.GetProperty("id").GetString()!;
        var review = new { reviewerName = "One Desk Too Many", url = "https://checks.example.org/r", reviewedOn = "2025-05-02", ratingText = "True", rating = "true" };
        var deleted = (await (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claimId}/reviews", review)).ReadSuccessAsync()).GetProperty("id").GetString()!;
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{deleted}", null, "\"1\"")).EnsureSuccessStatusCode();
        await FillAsync(ReviewWriteValidator.MaxPerClaim, (db, i) => db.Reviews.Add(new ClaimReview
        {
            Id = $"{claimId}-r{i}", ClaimId = claimId, ReviewerName = "Desk", NormalizedReviewerName = "desk", Url = "https://checks.example.org/r",
            ReviewedOn = new DateOnly(2025, 5, 1), RatingText = "False", Rating = ReviewRating.False,
        }));

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claimId}/reviews", review);
        var restore = await admin.PostAsync($"/v1/reviews/{deleted}/restore", null);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"already has {ReviewWriteValidator.MaxPerClaim} reviews");
        Assert.Equal(["claimId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await Problem.AssertAsync(restore, HttpStatusCode.Conflict, $"already has {ReviewWriteValidator.MaxPerClaim} reviews");
        Assert.Equal(ReviewWriteValidator.MaxPerClaim, (await (await curator.GetAsync($"/v1/claims/{claimId}")).ReadSuccessAsync()).GetProperty("reviews").GetArrayLength());
    }

    private static ClaimedFact NewClaim(string id, string articleId, Action<ClaimedFact> complete)
    {
        var claim = new ClaimedFact
        {
            Id = id, Text = "The border was calm.", ClaimantId = "dprk", Kind = ClaimKind.Factual,
            ClaimedOn = new DateOnly(2025, 5, 1), Status = VerificationStatus.Unverified, ArticleId = articleId, Workflow = WorkflowState.Draft,
        };
        complete(claim);
        return claim;
    }

    private async Task FillAsync(int count, Action<ClaimsDbContext, int> add)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        for (var i = 0; i < count; i++)
        {
            add(db, i);
        }

        await db.SaveChangesAsync();
    }
}

public sealed class EmbeddedListBoundsTestsOnSqlite(SqliteApi api) : EmbeddedListBoundsTests<SqliteApi>(api);

public sealed class EmbeddedListBoundsTestsOnPostgres(PostgresApi api) : EmbeddedListBoundsTests<PostgresApi>(api);
