using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>POST /v1/extract: attributions proposed for an article, with the store's entities as the known speakers; nothing stored.</summary>
public abstract class ExtractEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private static readonly string SeedText = File.ReadAllText(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

    [SkippableFact]
    public async Task TheSeedArticleAsTextPlainGivesItsAttributionsWithTheStoresSpeakers()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent(SeedText, Encoding.UTF8, "text/plain"));

        var body = await response.ReadSuccessAsync();
        var provenance = body.GetProperty("provenance");
        Assert.Equal("machine", provenance.GetProperty("proposedBy").GetString());
        Assert.False(provenance.GetProperty("confirmed").GetBoolean());
        Assert.StartsWith("claimsapi-rules/", provenance.GetProperty("extractor").GetString(), StringComparison.Ordinal);
        var attributions = body.GetProperty("attributions").EnumerateArray().ToList();
        var blockQuotes = attributions.Where(a => a.GetProperty("kind").GetString() == "unmarked-block-quote").ToList();
        Assert.Equal(3, blockQuotes.Count);
        Assert.All(blockQuotes, a => Assert.Equal("wpk-cmc", a.GetProperty("speaker").GetProperty("id").GetString()));
        var claims = attributions.Single(a => a.GetProperty("kind").GetString() == "reported" && a.GetProperty("cue").GetProperty("text").GetString() == "claims");
        Assert.Equal("dprk", claims.GetProperty("speaker").GetProperty("id").GetString());
        Assert.True(claims.GetProperty("speaker").GetProperty("known").GetBoolean());
    }

    [SkippableFact]
    public async Task SpansAreCodePointOffsetsIntoTheTextAsSent()
    {
        using var client = api.CreateClient();
        var text = " date 2025-01-01 Lead 😀 here.\n\nTitle 𝐀\n\n\"We will win 😀 this,\" said the minister. He told reporters that the talks had failed.";

        var body = await (await client.PostAsJsonAsync("/v1/extract", new { text })).ReadSuccessAsync();

        var spans = body.GetProperty("attributions").EnumerateArray()
            .SelectMany(a => new[] { a.GetProperty("source"), a.GetProperty("cue"), a.GetProperty("content") })
            .Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.Equal(s.GetProperty("text").GetString(),
            ClaimsApi.Domain.Text.CodePoints.Slice(text, s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32())));
    }

    [SkippableFact]
    public async Task AnEntityWrittenThroughTheApiIsAKnownSpeakerAtOnce()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = $"ministry-{Guid.NewGuid().ToString("N")[..8]}";
        var alias = $"Bureau {Guid.NewGuid().ToString("N")[..6]}";
        await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id, name = "Ministry of Tests", kind = "organisation", aliases = new[] { alias } })).ReadSuccessAsync();
        using var client = api.CreateClient();

        var body = await (await client.PostAsJsonAsync("/v1/extract", new { text = $"The {alias} said that the tests had passed." })).ReadSuccessAsync();

        var speaker = body.GetProperty("attributions")[0].GetProperty("speaker");
        Assert.Equal(id, speaker.GetProperty("id").GetString());
        Assert.True(speaker.GetProperty("known").GetBoolean());
    }

    [SkippableFact]
    public async Task ADenialComesBackFlaggedDenied()
    {
        using var client = api.CreateClient();

        var body = await (await client.PostAsJsonAsync("/v1/extract", new { text = "The government denied that troops had crossed the border." })).ReadSuccessAsync();

        var claim = body.GetProperty("attributions")[0].GetProperty("claims")[0];
        Assert.True(claim.GetProperty("denied").GetBoolean());
        Assert.Equal("troops had crossed the border.", claim.GetProperty("proposition").GetString());
    }

    [SkippableFact]
    public async Task ExtractingStoresNothing()
    {
        using var client = api.CreateClient();
        var before = await (await client.GetAsync("/v1/statements?limit=100")).ReadSuccessAsync();

        await (await client.PostAsync("/v1/extract", new StringContent(SeedText, Encoding.UTF8, "text/plain"))).ReadSuccessAsync();

        var after = await (await client.GetAsync("/v1/statements?limit=100")).ReadSuccessAsync();
        Assert.Equal(before.ToString(), after.ToString());
    }

    [SkippableTheory]
    [InlineData("text/plain", "")]
    [InlineData("text/plain", "  \n\n ")]
    [InlineData("application/json", "{\"text\":\"\"}")]
    [InlineData("application/json", "{}")]
    [InlineData("application/json", "null")]
    public async Task AnEmptyArticleIsAValidationProblemNamingText(string mediaType, string content)
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent(content, Encoding.UTF8, mediaType));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [SkippableFact]
    public async Task MalformedJsonIsABadRequestNamingTheField()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent("{\"text\": 42}", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "$.text");
    }

    [SkippableFact]
    public async Task AnUnknownJsonFieldIsABadRequest()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent("{\"text\": \"He said so.\", \"propose\": true}", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "propose");
    }

    [SkippableFact]
    public async Task AnotherMediaTypeIs415()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent("<p>He said so.</p>", Encoding.UTF8, "text/html"));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "text/html");
    }

    [SkippableFact]
    public async Task ABodyOverAMegabyteIs413()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/v1/extract", new StringContent(new string('a', 1024 * 1024 + 1), Encoding.UTF8, "text/plain"));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "1048576 bytes");
    }

    [SkippableFact]
    public async Task AMegabyteArticleIsAnswered()
    {
        using var client = api.CreateClient();
        var paragraph = "\n\n\"We will rebuild the bridge,\" the mayor said. According to the police, three people were arrested on Monday.";
        var text = new StringBuilder(" date 2025-01-01 Lead.\n\nTitle");
        while (text.Length + paragraph.Length < 1024 * 1024 - 16)
        {
            text.Append(paragraph);
        }

        var response = await client.PostAsync("/v1/extract", new StringContent(text.ToString(), Encoding.UTF8, "text/plain"));

        var body = await response.ReadSuccessAsync();
        Assert.True(body.GetProperty("attributions").GetArrayLength() > 10_000);
    }
}

public sealed class ExtractEndpointTestsOnSqlite(SqliteApi api) : ExtractEndpointTests<SqliteApi>(api);

public sealed class ExtractEndpointTestsOnPostgres(PostgresApi api) : ExtractEndpointTests<PostgresApi>(api);
