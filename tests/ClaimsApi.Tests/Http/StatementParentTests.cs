using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Nested statements through the API: the rules of Domain/Rules/StatementNesting, with the API's messages.</summary>
public abstract class StatementParentTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Paragraph = StatementWriteTests<SqliteApi>.Paragraph;

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task ACircleOfParentsIsNamedInTheProblem()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var outer = await curator.PostStatementAsync(article.Id, "The ministry said");
        var middle = await curator.PostStatementAsync(article.Id, "The ministry said", parent: outer.Id);
        var inner = await curator.PostStatementAsync(article.Id, "The ministry said", parent: middle.Id);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{outer.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "The ministry said", parent = inner.Id }, ifMatch: "\"1\"");

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, $"parent goes round in a circle: {outer.Id} → {inner.Id} → {middle.Id} → {outer.Id}.");
    }

    [SkippableFact]
    public async Task AStatementCannotBeItsOwnParent()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var statement = await curator.PostStatementAsync(article.Id, "The ministry said");

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{statement.Id}",
            new { article = article.Id, speaker = "dprk", kind = "reported-speech", exact = "The ministry said", parent = statement.Id }, ifMatch: "\"1\"");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "A statement cannot be its own parent.");
        Assert.Equal(["parent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [SkippableFact]
    public async Task AnUnknownOrDeletedParentIs422()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var article = await curator.PostArticleAsync(Paragraph);
        var deleted = await curator.PostStatementAsync(article.Id, "The ministry said the border was calm.");
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/statements/{deleted.Id}", null, "\"1\"")).StatusCode);

        var unknown = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "dprk", kind = "partial-quote", exact = "The ministry", parent = "no-such-statement" });
        var gone = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = article.Id, speaker = "dprk", kind = "partial-quote", exact = "The ministry", parent = deleted.Id });

        await Problem.AssertAsync(unknown, HttpStatusCode.UnprocessableEntity, "There is no statement 'no-such-statement'.");
        await Problem.AssertAsync(gone, HttpStatusCode.UnprocessableEntity, $"There is no statement '{deleted.Id}'.");
    }

    [SkippableFact]
    public async Task AnUnknownParentIsReportedBesideAnUnknownArticle()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new { article = "ffffffffffff0000", speaker = "dprk", kind = "direct-quote", exact = "words", parent = "no-such-statement" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "There is no article 'ffffffffffff0000'");
        Assert.Equal(["article", "parent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}

public sealed class StatementParentTestsOnSqlite(SqliteApi api) : StatementParentTests<SqliteApi>(api);

public sealed class StatementParentTestsOnPostgres(PostgresApi api) : StatementParentTests<PostgresApi>(api);
