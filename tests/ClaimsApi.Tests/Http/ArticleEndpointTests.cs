using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

public abstract class ArticleEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private static readonly string SeedText = File.ReadAllText(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

    [SkippableFact]
    public async Task ListingArticlesReturnsTheSeedArticleWithItsCounts()
    {
        var page = await api.GetJsonAsync<Page<ArticleSummary>>("/v1/articles");

        var article = Assert.Single(page.Items);
        Assert.Equal(TestPaths.SeedArticleId, article.Id);
        Assert.Equal(new DateOnly(2025, 4, 28), article.PublishedOn);
        Assert.Equal(DatePrecision.Day, article.PublishedOnPrecision);
        Assert.Equal("North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region", article.Title);
        Assert.Equal(15, article.StatementCount);
        Assert.Equal(12, article.ClaimCount);
        Assert.Equal("en", article.Language);
        Assert.Equal("publication-9c422c9df4965fec", article.Publisher?.Id);
    }

    [SkippableFact]
    public async Task GettingAnArticleReturnsItsTextByteForByte()
    {
        var article = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

        Assert.Equal(bytes, Encoding.UTF8.GetBytes(article.Text));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), article.ContentSha256);
        Assert.Equal(TestPaths.SeedStem + ".txt", article.SeedFile);
    }

    [SkippableFact]
    public async Task GettingAnArticleReturnsLeadTitleAndSevenParagraphsWithSpans()
    {
        var article = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");

        Assert.Equal(
            [ParagraphRole.Lead, ParagraphRole.Title, .. Enumerable.Repeat(ParagraphRole.Body, 7)],
            article.Paragraphs.Select(p => p.Role));
        Assert.All(article.Paragraphs, p => Assert.Equal(p.Text, SeedText[p.Span.Start..p.Span.End]));
        Assert.Equal(article.Lead, article.Paragraphs[0].Text);
        Assert.Equal(article.Title, article.Paragraphs[1].Text);
    }

    [SkippableFact]
    public async Task TheScrapedShareButtonIsLeftInTheTextButOutOfTheParagraph()
    {
        var article = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");

        var paragraph = Assert.Single(article.Paragraphs, p => p.Artifact is not null);
        Assert.Equal("Share", paragraph.Artifact);
        Assert.EndsWith("informed the Russian side about this.", paragraph.Text, StringComparison.Ordinal);
        Assert.Equal(" Share", SeedText[paragraph.Span.End..(paragraph.Span.End + 6)]);
    }

    [SkippableFact]
    public async Task GettingAnArticleIncludesItsStatementsInTextOrderAndItsClaims()
    {
        var article = await api.GetJsonAsync<ArticleDetail>($"/v1/articles/{TestPaths.SeedArticleId}");

        Assert.Equal(15, article.Statements.Count);
        Assert.Equal(article.Statements.OrderBy(s => s.Span.Start).ThenByDescending(s => s.Span.End).Select(s => s.Id), article.Statements.Select(s => s.Id));
        Assert.Equal(12, article.Claims.Count);
    }

    [SkippableFact]
    public async Task UnknownArticleIsANotFoundProblem()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v1/articles/0000000000000000");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, detailContains: "0000000000000000");
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    public async Task BadQueryParametersAreValidationProblems(string query, string parameter)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/v1/articles?{query}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}

public sealed class ArticleEndpointTestsOnSqlite(SqliteApi api) : ArticleEndpointTests<SqliteApi>(api);

public sealed class ArticleEndpointTestsOnPostgres(PostgresApi api) : ArticleEndpointTests<PostgresApi>(api);
