using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>The shipped curation of the seed article, as a client sees it: every span exact, every required record present.</summary>
public abstract class CurationTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryStatementIsTheArticleTextAtItsSpan()
    {
        var articles = await api.GetJsonAsync<Page<ArticleSummary>>("/v1/articles?limit=100");
        var statements = await api.GetJsonAsync<Page<StatementResponse>>("/v1/statements?limit=100");
        var texts = new Dictionary<string, string>();
        foreach (var summary in articles.Items)
        {
            texts[summary.Id] = (await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{summary.Id}")).Text;
        }

        Assert.NotEmpty(statements.Items);
        Assert.All(statements.Items, s => Assert.Equal(s.Text, CodePoints.Slice(texts[s.ArticleId], s.Span.Start, s.Span.End)));
    }

    [SkippableFact]
    public async Task EveryEvidenceSpanIsInsideItsStatementAndIsTheArticleTextThere()
    {
        var article = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");
        var statements = article.Statements.ToDictionary(s => s.Id);

        foreach (var summary in article.Claims)
        {
            var claim = await api.GetJsonAsync<ClaimDetail>($"/v1/claims/{summary.Id}");
            Assert.NotEmpty(claim.Evidence);
            Assert.All(claim.Evidence, e =>
            {
                var statement = statements[e.StatementId];
                Assert.InRange(e.Span.Start, statement.Span.Start, statement.Span.End);
                Assert.InRange(e.Span.End, e.Span.Start + 1, statement.Span.End);
                Assert.Equal(e.Text, CodePoints.Slice(article.Text, e.Span.Start, e.Span.End));
                Assert.Equal(e.Span.Start - statement.Span.Start, e.StatementSpan.Start);
            });
        }
    }

    [SkippableTheory]
    [InlineData("lead-cmc-confirmed", "wpk-cmc", StatementKind.ReportedSpeech, "lead-note")]
    [InlineData("title-dprk-confirmed", "dprk", StatementKind.ReportedSpeech, "title-note")]
    [InlineData("p1-russia-announcement", "russia", StatementKind.ReportedSpeech, "p1-note")]
    [InlineData("p2-quote", "wpk-cmc", StatementKind.UnmarkedQuote, null)]
    [InlineData("p3-noted-treaty", "wpk-cmc", StatementKind.ReportedSpeech, null)]
    [InlineData("p4-quote", "wpk-cmc", StatementKind.UnmarkedQuote, null)]
    [InlineData("p5-pyongyang-claims", "dprk", StatementKind.ReportedSpeech, null)]
    [InlineData("p5-un-charter-partial", "dprk", StatementKind.PartialQuote, "p5-pyongyang-claims")]
    [InlineData("p6-quote", "wpk-cmc", StatementKind.UnmarkedQuote, null)]
    [InlineData("p7-not-specified-note", "publication-9c422c9df4965fec", StatementKind.PublisherNote, null)]
    [InlineData("p7-monument", "wpk-cmc", StatementKind.ReportedSpeech, null)]
    public async Task TheRequiredStatementsAreCuratedWithTheirSpeakers(string id, string speaker, StatementKind kind, string? parent)
    {
        var statement = await api.GetJsonAsync<StatementResponse>($"/v1/statements/{id}");

        Assert.Equal(speaker, statement.Speaker.Id);
        Assert.Equal(kind, statement.Kind);
        Assert.Equal(parent, statement.ParentId);
    }

    [SkippableFact]
    public async Task TheBlockQuoteStatementsStopBeforeTheScrapedShareButton()
    {
        var statement = await api.GetJsonAsync<StatementResponse>("/v1/statements/p4-quote");

        Assert.EndsWith("informed the Russian side about this.", statement.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("dprk-troops-fought-in-kursk", "wpk-cmc", ClaimKind.Factual)]
    [InlineData("dprk-troops-acted-on-kim-orders", "wpk-cmc", ClaimKind.Factual)]
    [InlineData("legal-basis-treaty-article-4", "wpk-cmc", ClaimKind.Legal)]
    [InlineData("kim-decided-and-informed-russia", "wpk-cmc", ClaimKind.Factual)]
    [InlineData("dprk-fought-only-in-russia", "dprk", ClaimKind.Factual)]
    [InlineData("participation-consistent-with-un-charter", "dprk", ClaimKind.Legal)]
    [InlineData("kursk-region-liberated", "russia", ClaimKind.Factual)]
    [InlineData("pyongyang-monument-announced", "wpk-cmc", ClaimKind.Prediction)]
    [InlineData("contingent-details-not-disclosed", "publication-9c422c9df4965fec", ClaimKind.Factual)]
    public async Task TheRequiredClaimsAreCuratedWithClaimantAndEvidence(string id, string claimant, ClaimKind kind)
    {
        var claim = await api.GetJsonAsync<ClaimDetail>($"/v1/claims/{id}");

        Assert.Equal(claimant, claim.Claimant.Id);
        Assert.Equal(kind, claim.Kind);
        Assert.NotEmpty(claim.Evidence);
        Assert.Equal(VerificationStatus.Unverified, claim.Status);
    }

    [SkippableFact]
    public async Task TheTreatySignedLastYearIsResolvedToJune2024()
    {
        var claim = await api.GetJsonAsync<ClaimDetail>("/v1/claims/legal-basis-treaty-article-4");

        Assert.Contains(claim.Qualifiers, q => q.Name == "treaty-signed" && q.Value == "2024-06");
        Assert.Contains(claim.Qualifiers, q => q.Entity?.Id == "dprk-russia-treaty-article-4");
        Assert.Contains("June 2024", claim.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("dprk-troops-acted-on-kim-orders", ClaimLinkKind.Refines, "dprk-troops-fought-in-kursk")]
    [InlineData("kim-decided-and-informed-russia", ClaimLinkKind.Supports, "dprk-troops-acted-on-kim-orders")]
    [InlineData("dprk-fought-only-in-russia", ClaimLinkKind.Supports, "participation-consistent-with-un-charter")]
    [InlineData("legal-basis-treaty-article-4", ClaimLinkKind.Supports, "participation-consistent-with-un-charter")]
    [InlineData("kursk-region-liberated-dprk-echo", ClaimLinkKind.SameAs, "kursk-region-liberated")]
    public async Task RelatedClaimsAreLinked(string from, ClaimLinkKind kind, string to)
    {
        var claim = await api.GetJsonAsync<ClaimDetail>($"/v1/claims/{from}");

        Assert.Contains(claim.Links, l => l.Kind == kind && l.Direction == LinkDirection.Outgoing && l.ClaimId == to);
    }
}

public sealed class CurationTestsOnSqlite(SqliteApi api) : CurationTests<SqliteApi>(api);

public sealed class CurationTestsOnPostgres(PostgresApi api) : CurationTests<PostgresApi>(api);
