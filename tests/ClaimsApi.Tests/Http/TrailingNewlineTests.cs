using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// In a .NET regular expression '$' also matches before a final newline, so "x\n" passed as an id (answered 500
/// after saving the record), and "en\n" as a language or "Q1\n" as a Wikidata id was stored with its newline.
/// Every such value is now a 400 naming the field, and leaves nothing behind.
/// </summary>
public abstract class TrailingNewlineTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AnEntityIdEndingInANewlineIsABadRequestAndNothingIsStored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = $"newline-{Guid.NewGuid():N}";

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id = id + "\n", name = "Newline Party", kind = "organisation" }), HttpStatusCode.BadRequest, "id");

        // Nothing was stored: the same id without the newline is free.
        var created = await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id, name = "Newline Party", kind = "organisation" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [SkippableFact]
    public async Task AClaimIdEndingInANewlineIsABadRequest()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            id = "newline-claim\n",
            text = "A claim with a newline in its id.",
            claimant = "dprk",
            kind = "factual",
            article = TestPaths.SeedArticleId,
            evidence = new[] { new { statement = "p3-noted-treaty" } },
        }), HttpStatusCode.BadRequest, "id");
    }

    [SkippableFact]
    public async Task AWikidataIdEndingInANewlineIsABadRequest()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = "Wikidata Party", kind = "organisation", wikidata = "Q1\n" }),
            HttpStatusCode.BadRequest, "wikidata");
    }

    [SkippableFact]
    public async Task AnArticleLanguageEndingInANewlineIsABadRequest()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, "/v1/articles", new { text = $" date 2026-01-01\n\nA title {Guid.NewGuid():N}\n\nA paragraph.", language = "en\n" }),
            HttpStatusCode.BadRequest, "language");
    }

    [SkippableFact]
    public async Task AKeyNameEndingInANewlineIsABadRequest()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/keys", new { name = "desk\n", role = "reader" }), HttpStatusCode.BadRequest, "name");
    }

    [SkippableFact]
    public async Task ALanguageFilterEndingInANewlineIsABadRequest()
    {
        using var client = api.CreateClient();

        await Problem.AssertAsync(await client.GetAsync("/v1/claims?language=en%0A"), HttpStatusCode.BadRequest, "language");
    }
}

public sealed class TrailingNewlineTestsOnSqlite(SqliteApi api) : TrailingNewlineTests<SqliteApi>(api);

public sealed class TrailingNewlineTestsOnPostgres(PostgresApi api) : TrailingNewlineTests<PostgresApi>(api);

/// <summary>The rules themselves: a value is whole, or it is not valid.</summary>
public sealed class TrailingNewlineRuleTests
{
    [Theory]
    [InlineData("x\n")]
    [InlineData("x\r\n")]
    [InlineData("\nx")]
    public void AnIdWithANewlineIsNotAnId(string id) => Assert.False(Ids.IsValid(id));

    [Fact]
    public void ALanguageTagWithAFinalNewlineIsNotALanguageTag() => Assert.False(ArticleBuilder.IsLanguageTag("en\n"));

    [Fact]
    public void AWikidataIdWithAFinalNewlineIsNotAWikidataId() => Assert.False(EntityRules.IsWikidataId("Q1\n"));

    [Fact]
    public void AKeyNameWithAFinalNewlineIsNotAKeyName() => Assert.False(ClaimsApi.Auth.ApiKeyStore.IsValidName("desk\n"));
}
