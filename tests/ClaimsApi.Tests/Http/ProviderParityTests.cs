using System.Text.RegularExpressions;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>SQLite and PostgreSQL serve the same seeds as the same JSON, byte for byte (trace ids aside).</summary>
public sealed partial class ProviderParityTests : IClassFixture<SqliteApi>, IClassFixture<PostgresApi>
{
    private readonly SqliteApi _sqlite;
    private readonly PostgresApi _postgres;

    public ProviderParityTests(SqliteApi sqlite, PostgresApi postgres)
    {
        _sqlite = sqlite;
        _postgres = ProviderLeg.Require(postgres);
    }

    [SkippableTheory]
    [InlineData("/v1/articles")]
    [InlineData("/v1/articles/9c422c9df4965fec")]
    [InlineData("/v1/statements?limit=100")]
    [InlineData("/v1/statements?limit=4")]
    [InlineData("/v1/statements/p5-un-charter-partial")]
    [InlineData("/v1/claims?limit=100")]
    [InlineData("/v1/claims?sort=id&limit=3")]
    [InlineData("/v1/claims?sort=claimedOn&limit=5")]
    [InlineData("/v1/claims?from=2025-04-27&to=2025-04-28&kind=factual")]
    [InlineData("/v1/claims/legal-basis-treaty-article-4")]
    [InlineData("/v1/claims/kursk-region-liberated")]
    [InlineData("/v1/entities?limit=100")]
    [InlineData("/v1/entities?limit=5")]
    [InlineData("/v1/entities?name=PYONGYANG")]
    [InlineData("/v1/entities/dprk")]
    [InlineData("/v1/entities/dprk/claims?limit=3")]
    [InlineData("/v1/claims/export")]
    [InlineData("/v1/claims/export?format=csv")]
    [InlineData("/v1/statements/export?format=csv")]
    [InlineData("/v1/entities/export")]
    [InlineData("/v1/claims?limit=0")]
    [InlineData("/v1/claims/nope")]
    public async Task BothProvidersAnswerWithTheSameBody(string url)
    {
        using var sqlite = _sqlite.CreateClient();
        using var postgres = _postgres.CreateClient();

        var expected = await sqlite.GetAsync(url);
        var actual = await postgres.GetAsync(url);

        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(WithoutTraceId(await expected.Content.ReadAsStringAsync()), WithoutTraceId(await actual.Content.ReadAsStringAsync()));
        Assert.Equal(expected.Headers.TryGetValues("Link", out var a) ? a : [], actual.Headers.TryGetValues("Link", out var b) ? b : []);
    }

    private static string WithoutTraceId(string body) => TraceId().Replace(body, "");

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
