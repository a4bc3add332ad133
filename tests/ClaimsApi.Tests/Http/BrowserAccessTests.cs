using System.Net;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// CORS for browser-based tools (issue #14): off by default, and with <c>Cors:AllowedOrigins</c> an origin listed
/// may read answers (problems included) and send preflighted requests; any other origin gets no CORS header. The
/// policy does not depend on the provider: each test runs its own API on SQLite.
/// </summary>
public sealed class BrowserAccessTests : IDisposable
{
    private const string Desk = "https://desk.example.org";

    private readonly ClaimsApiFactory _api = new SqliteApi();

    [Fact]
    public async Task WithoutAllowedOriginsNoResponseCarriesACorsHeader()
    {
        using var client = _api.CreateClient();

        var read = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/claims?limit=1") { Headers = { { "Origin", Desk } } });
        var preflight = await client.SendAsync(Preflight("/v1/claims", "POST"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
    }

    [Fact]
    public async Task AListedOriginReadsAnswersAndProblemsWithTheirHeaders()
    {
        _api.Settings["Cors:AllowedOrigins:0"] = "https://DESK.example.org/"; // normalised: lower case, no slash
        _api.Settings["Cors:AllowedOrigins:1"] = "http://127.0.0.1:3000";
        using var client = _api.CreateClient();

        var read = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/claims?limit=1") { Headers = { { "Origin", Desk } } });
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/claims/no-such-claim") { Headers = { { "Origin", Desk } } });
        var other = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/claims?limit=1") { Headers = { { "Origin", "https://elsewhere.example" } } });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Desk, Assert.Single(read.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", read.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("ETag", exposed, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Link", exposed, StringComparer.OrdinalIgnoreCase);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Desk, Assert.Single(missing.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task APreflightForAWriteWithAKeyAndAPreconditionIsAllowed()
    {
        _api.Settings["Cors:AllowedOrigins:0"] = Desk;
        using var client = _api.CreateClient();

        var preflight = await client.SendAsync(Preflight("/v1/claims/dprk-troops-fought-in-kursk", "PUT", "authorization, content-type, if-match"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Desk, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        var allowed = string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowed, StringComparison.Ordinal);
        Assert.Contains("if-match", allowed, StringComparison.Ordinal);
        Assert.Equal("600", Assert.Single(preflight.Headers.GetValues("Access-Control-Max-Age")));
    }

    [Fact]
    public async Task AnyOriginWithAStar()
    {
        _api.Settings["Cors:AllowedOrigins:0"] = "*";
        using var client = _api.CreateClient();

        var read = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/claims?limit=1") { Headers = { { "Origin", "https://anywhere.example" } } });

        Assert.Equal("*", Assert.Single(read.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("desk.example.org")]
    [InlineData("https://desk.example.org/tools")]
    [InlineData("ftp://desk.example.org")]
    [InlineData("https://desk.example.org/?a=1")]
    public void AValueThatIsNotAnOriginStopsTheStartWithItsReason(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = value }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => BrowserAccess.Origins(configuration));

        Assert.Contains($"'{value}' is not an origin", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();

    private static HttpRequestMessage Preflight(string path, string method, string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path) { Headers = { { "Origin", Desk }, { "Access-Control-Request-Method", method } } };
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return request;
    }
}
