using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimsApi.Tests.Infrastructure;
using ClaimsApi.TextSearch;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>What surrounds the endpoints: health, the OpenAPI document, Swagger UI and errors outside any route.</summary>
public abstract class PlatformTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    /// <summary>Every operation of the API; a new endpoint must be counted here on purpose.</summary>
    private const int ExpectedOperations = 69;

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsReportHealthy(string url)
    {
        using var client = api.CreateClient();
        await api.Services.GetRequiredService<TextIndexFollower>().Warmed.WaitAsync(TimeSpan.FromSeconds(30)); // Degraded until then

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task SwaggerUiIsServedAndPointsAtTheOpenApiDocument()
    {
        using var client = api.CreateClient();

        var page = await client.GetStringAsync("/swagger/index.html");
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EveryOperationIsNamedSummarisedTaggedAndDeclaresItsErrors()
    {
        var document = await GetDocumentAsync();

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!)))
            .ToList();
        Assert.Equal(ExpectedOperations, operations.Count);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Operation["operationId"]?.GetValue<string>()), $"{o.Method} {o.Path} has no operationId");
            Assert.False(string.IsNullOrEmpty(o.Operation["summary"]?.GetValue<string>()), $"{o.Method} {o.Path} has no summary");
            Assert.NotEmpty(o.Operation["tags"]!.AsArray());
            var responses = o.Operation["responses"]!.AsObject();
            Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{o.Method} {o.Path} declares no success");
            Assert.True(responses.ContainsKey(o.Path.Contains('{', StringComparison.Ordinal) ? "404" : "400") || o.Path == "/v1/keys", $"{o.Method} {o.Path} declares no 4xx");
            Assert.True(responses.Any(r => r.Key[0] == '4'), $"{o.Method} {o.Path} declares no 4xx");
            Assert.All(responses.Where(r => r.Key[0] is '4' or '5'), r => Assert.NotNull(r.Value!["content"]!["application/problem+json"]));
        });
    }

    [SkippableFact]
    public async Task QueryParametersAreDocumentedWithTheirRealTypes()
    {
        var document = await GetDocumentAsync();

        var parameters = document["paths"]!["/v1/claims"]!["get"]!["parameters"]!.AsArray();
        var limit = parameters.Single(p => p!["name"]!.GetValue<string>() == "limit")!["schema"]!;
        var kind = parameters.Single(p => p!["name"]!.GetValue<string>() == "kind")!["schema"]!;
        Assert.Equal("integer", limit["type"]!.GetValue<string>());
        Assert.Equal(100, limit["maximum"]!.GetValue<int>());
        Assert.Contains("prediction", kind["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task TheCommittedOpenApiDocumentMatchesTheServedOne()
    {
        var served = (await GetDocumentAsync()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(TestPaths.RepositoryRoot, "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        Assert.True(File.Exists(path), "docs/openapi/v1.json is missing; run UPDATE_OPENAPI=1 dotnet test");
        Assert.True(
            served == await File.ReadAllTextAsync(path),
            "docs/openapi/v1.json differs from the document the API serves; review the change and run UPDATE_OPENAPI=1 dotnet test to commit it");
    }

    [SkippableFact]
    public async Task AnUnknownRouteIsANotFoundProblem()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v2/claims");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [InlineData("text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("image/png")]
    [InlineData("application/xml")]
    public async Task ErrorsAreProblemDocumentsWhateverTheClientAccepts(string accept)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);

        await Problem.AssertAsync(await client.GetAsync("/v2/claims"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync("/v1/claims/no-such-claim"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync("/v1/claims?limit=0"), HttpStatusCode.BadRequest, "'limit'");
    }

    [SkippableFact]
    public async Task SwaggerUiDoesNotKeepTheEnteredKeyInBrowserStorage()
    {
        using var client = api.CreateClient();

        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Contains("\"persistAuthorization\":false", config, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheOpenApiDocumentIsBuiltOnceAndServedFromMemory()
    {
        using var client = api.CreateClient();
        var first = await client.GetStringAsync("/openapi/v1.json");

        var second = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(first, await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Age is not null, "the second response should come from the output cache, which sends an Age header");
    }

    [SkippableTheory]
    [InlineData("/openapi/v2.json")]
    [InlineData("/openapi/x.json")]
    public async Task AnOpenApiDocumentThatDoesNotExistIsANotFoundProblem(string url)
    {
        // Found by the fuzz pass: the OpenAPI endpoint answered other document names with a text/plain 404.
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task AWriteMethodIsAMethodNotAllowedProblem()
    {
        using var client = api.CreateClient();

        var response = await client.PatchAsync("/v1/claims/dprk-troops-fought-in-kursk", null);

        await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["DELETE", "GET", "HEAD", "PUT"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task OnlyRequestBodiesRefuseUnknownFieldsInTheDocument()
    {
        var document = await GetDocumentAsync();

        var closed = document["components"]!["schemas"]!.AsObject()
            .Where(s => s.Value!["additionalProperties"]?.GetValueKind() == System.Text.Json.JsonValueKind.False)
            .Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("ClaimWrite", closed);
        Assert.Contains("EvidenceWrite", closed);
        Assert.DoesNotContain("ProblemDetails", closed); // problems carry traceId and errors
        Assert.DoesNotContain("HttpValidationProblemDetails", closed);
        Assert.DoesNotContain("ClaimDetail", closed); // responses may gain fields
    }

    private async Task<JsonNode> GetDocumentAsync()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [SkippableTheory]
    [InlineData("/v1/claims")]
    [InlineData("/v1/claims/does-not-exist")]
    [InlineData("/no-such-route")]
    [InlineData("/swagger/index.html")]
    [InlineData("/openapi/v1.json")]
    public async Task EveryResponseForbidsSniffingAndFraming(string url)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains(url.StartsWith("/swagger", StringComparison.Ordinal) ? "script-src 'self'" : "default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    /// <summary>A request with a bad key wrote an information line each: a log flood anyone could cause.</summary>
    [SkippableFact]
    public void ARejectedKeyIsNotLoggedAtInformationLevel() =>
        Assert.False(api.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()
            .CreateLogger("ClaimsApi.Auth.ApiKeyAuthenticationHandler").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));

    [SkippableFact]
    public void KestrelSendsNoServerHeader() =>
        Assert.False(api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.AddServerHeader);
}

public sealed class PlatformTestsOnSqlite(SqliteApi api) : PlatformTests<SqliteApi>(api);

public sealed class PlatformTestsOnPostgres(PostgresApi api) : PlatformTests<PostgresApi>(api);
