using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>A body in a character set the server does not know is a 415, not a 500.</summary>
public abstract class RequestCharsetTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [InlineData("/v1/entities")]
    [InlineData("/v1/articles")]
    [InlineData("/v1/claims/match")]
    public async Task AnUnknownCharsetIsUnsupportedMediaType(string url)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var content = new StringContent("""{"name":"Klingon Party","kind":"organisation"}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        await Problem.AssertAsync(await curator.PostAsync(url, content), HttpStatusCode.UnsupportedMediaType, "klingon");
    }

    [SkippableFact]
    public async Task AnUnknownCharsetFromABrowserIsUnsupportedMediaTypeNotA500()
    {
        // Found by the fuzz pass: with Accept: text/html the 415 could not be written, and became a 500.
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        curator.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");
        using var content = new StringContent("""{"name":"Klingon Party","kind":"organisation"}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        await Problem.AssertAsync(await curator.PostAsync("/v1/entities", content), HttpStatusCode.UnsupportedMediaType, "klingon");
    }

    [SkippableTheory]
    [InlineData("/v1/entities", "application/json")]
    [InlineData("/v1/articles", "text/plain")]
    public async Task AQuotedUtfEightCharsetIsAccepted(string url, string mediaType)
    {
        // Found by the fuzz pass: charset="UTF-8" (quotes are allowed) reached the JSON reader with its quotes, a 500.
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var marker = Guid.NewGuid().ToString("N");
        using var content = new StringContent(mediaType == "text/plain" ? TestArticles.Text("A paragraph.") : $$"""{"name":"Quoted Party {{marker}}","kind":"organisation"}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"{mediaType}; charset=\"UTF-8\"");

        var response = await curator.PostAsync(url, content);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [SkippableFact]
    public async Task UtfEightInAnyCaseIsAccepted()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var content = new StringContent($$"""{"name":"Charset Party {{Guid.NewGuid():N}}","kind":"organisation"}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");

        Assert.Equal(HttpStatusCode.Created, (await curator.PostAsync("/v1/entities", content)).StatusCode);
    }
}

public sealed class RequestCharsetTestsOnSqlite(SqliteApi api) : RequestCharsetTests<SqliteApi>(api);

public sealed class RequestCharsetTestsOnPostgres(PostgresApi api) : RequestCharsetTests<PostgresApi>(api);
