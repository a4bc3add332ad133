using System.Net;
using System.Net.Sockets;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Fuzz;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Every GET route answers HEAD as it answers GET, without the body: the same status and headers (ETag, Content-Type),
/// 304 for a matching If-None-Match; a 405's Allow names HEAD wherever it names GET.
/// </summary>
public abstract class HeadTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Claim = "dprk-troops-fought-in-kursk";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryGetOperationAnswersHeadAsItAnswersGetWithoutTheBody()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var (key, _) = await api.CreateKeyAsync(ApiRole.Reader);
        var failures = new List<string>();
        foreach (var operation in ApiOperations.All.Where(o => o.Method == "GET"))
        {
            var url = operation.Path
                .Replace("{revision}", "1", StringComparison.Ordinal)
                .Replace("{claimId}", Claim, StringComparison.Ordinal)
                .Replace("{name}", key, StringComparison.Ordinal)
                .Replace("{id}", IdFor(operation.Path), StringComparison.Ordinal);

            var get = await admin.GetAsync(url);
            var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            var differences = Differences(get, head);
            var body = await head.Content.ReadAsByteArrayAsync();
            if (body.Length > 0)
            {
                differences.Add($"a body of {body.Length} bytes");
            }

            if (differences.Count > 0)
            {
                failures.Add($"{operation} ({url}, GET {(int)get.StatusCode}): {string.Join("; ", differences)}");
            }
        }

        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task HeadOfARecordSendsItsETagAndAnswers304ToIt()
    {
        using var client = api.CreateClient();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/claims/{Claim}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        var again = new HttpRequestMessage(HttpMethod.Head, $"/v1/claims/{Claim}");
        again.Headers.TryAddWithoutValidation("If-None-Match", head.ETag());
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(head.ETag(), notModified.ETag());
    }

    [SkippableFact]
    public async Task HeadShowsACuratorWhatGetShowsThem()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("head-draft");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        using var anonymous = api.CreateClient();

        var mine = await curator.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/claims/{id}"));
        var theirs = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/claims/{id}"));

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(etag, mine.ETag());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode); // a draft, as for GET
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await theirs.Content.ReadAsByteArrayAsync());
    }

    [SkippableTheory]
    [InlineData("/v1/entities?q=korea", HttpStatusCode.BadRequest)]
    [InlineData("/v1/entities?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/v1/no-such-thing", HttpStatusCode.NotFound)]
    public async Task HeadOfAnErrorIsTheErrorsStatusWithoutItsBody(string url, HttpStatusCode status)
    {
        using var client = api.CreateClient();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(status, head.StatusCode);
        Assert.Equal("application/problem+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [SkippableTheory]
    [InlineData("HEAD", "/v1/claims/" + Claim + "/workflow", "POST")]
    [InlineData("HEAD", "/v1/entities/dprk/merge", "POST")]
    [InlineData("GET", "/v1/claims/" + Claim + "/restore", "POST")]
    [InlineData("DELETE", "/v1/articles", "GET, HEAD, POST")]
    [InlineData("PATCH", "/v1/entities/dprk", "DELETE, GET, HEAD, PUT")]
    [InlineData("PUT", "/v1/keys", "GET, HEAD, POST")]
    [InlineData("POST", "/v1/search", "GET, HEAD")]
    public async Task AllowNamesHeadWhereverItNamesGet(string method, string url, string allow)
    {
        using var client = api.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    private static string IdFor(string path) => path.Split('/')[2] switch
    {
        "articles" => TestPaths.SeedArticleId,
        "statements" => TestClaims.Statement,
        "claims" => Claim,
        "entities" => "dprk",
        _ => "no-such-record", // reviews: the seeds have none, so GET and HEAD answer 404 alike
    };

    private static List<string> Differences(HttpResponseMessage get, HttpResponseMessage head)
    {
        var differences = new List<string>();
        if (get.StatusCode != head.StatusCode)
        {
            differences.Add($"HEAD answered {(int)head.StatusCode}");
        }

        foreach (var name in new[] { "ETag", "Location", "Vary", "Cache-Control", "Link", "Content-Type", "Content-Length" })
        {
            var expected = Header(get, name);
            var actual = Header(head, name);
            if (expected != actual)
            {
                differences.Add($"{name}: GET '{expected}', HEAD '{actual}'");
            }
        }

        return differences;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}

public sealed class HeadTestsOnSqlite(SqliteApi api) : HeadTests<SqliteApi>(api);

public sealed class HeadTestsOnPostgres(PostgresApi api) : HeadTests<PostgresApi>(api);

/// <summary>On Kestrel, HEAD's answer ends with its headers: no body, no chunked framing, nothing invented.</summary>
public sealed class HeadOnKestrelTests : IDisposable
{
    private readonly ClaimsApiFactory api = new(new SqliteTestDatabase(), ownsDatabase: true);

    public HeadOnKestrelTests()
    {
        api.UseKestrel(0);
        api.StartServer();
    }

    [Theory]
    [InlineData("/v1/claims/dprk-troops-fought-in-kursk")]
    [InlineData("/v1/claims?limit=2")]
    [InlineData("/v1/claims?colour=red")]
    [InlineData("/openapi/v1.json")]
    public async Task HeadSendsTheHeadersOfGetAndNothingAfterThem(string url)
    {
        var get = await RawAsync("GET", url);
        var head = await RawAsync("HEAD", url);

        var (getStatus, getHeaders, _) = Split(get);
        var (headStatus, headHeaders, headBody) = Split(head);
        Assert.Equal(getStatus, headStatus);
        Assert.Equal("", headBody);
        Assert.Equal(getHeaders.GetValueOrDefault("content-type"), headHeaders.GetValueOrDefault("content-type"));
        Assert.Equal(getHeaders.GetValueOrDefault("etag"), headHeaders.GetValueOrDefault("etag"));
        Assert.False(headHeaders.ContainsKey("transfer-encoding"), head);
        Assert.False(headHeaders.GetValueOrDefault("content-length") == "0", head); // GET's body is chunked: no length is made up
    }

    public void Dispose() => api.Dispose();

    /// <summary>The raw bytes of the answer, read until the server closes the connection.</summary>
    private async Task<string> RawAsync(string method, string url)
    {
        var address = new Uri(api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{method} {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static (string Status, Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, raw);
        var lines = raw[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
        return (lines[0], headers, raw[(end + 4)..]);
    }
}
