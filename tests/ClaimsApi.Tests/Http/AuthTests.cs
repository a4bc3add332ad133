using System.Net;
using System.Text;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace ClaimsApi.Tests.Http;

/// <summary>An endpoint of the app as its route table declares it, with a URL that reaches it.</summary>
/// <param name="Method">Its HTTP method.</param>
/// <param name="Url">Its route with every parameter filled in.</param>
/// <param name="Role">The role it needs (the highest it names), or null when it declares no authorisation.</param>
/// <param name="AllowsAnonymous">Whether it opts out of authorisation altogether.</param>
public sealed record AppEndpoint(string Method, string Url, string? Role, bool AllowsAnonymous)
{
    public override string ToString() => $"{Method} {Url}";
}

/// <summary>Every endpoint the app maps, read from its own route table, so that endpoints added later are covered too.</summary>
internal static class AppEndpoints
{
    /// <summary>An id that exists in the seeds; any well-formed id reaches the same authorisation.</summary>
    public const string SeedClaimId = "dprk-troops-fought-in-kursk";

    /// <summary>The claim writes of the foundation; the route table must hold at least these behind a role.</summary>
    public static readonly (string Method, string Route, string Role)[] ClaimWrites =
    [
        ("POST", "/v1/claims", "curator"),
        ("PUT", "/v1/claims/{id}", "curator"),
        ("POST", "/v1/claims/{id}/workflow", "curator"),
        ("DELETE", "/v1/claims/{id}", "curator"),
        ("POST", "/v1/claims/{id}/restore", "admin"),
        ("GET", "/v1/claims/{id}/history", "curator"),
        ("GET", "/v1/claims/{id}/history/{revision}", "curator"),
    ];

    private static readonly Dictionary<string, string> SeedIds = new(StringComparer.Ordinal)
    {
        ["claims"] = SeedClaimId,
        ["articles"] = TestPaths.SeedArticleId,
        ["statements"] = TestClaims.Statement,
        ["entities"] = "dprk",
    };

    public static IReadOnlyList<AppEndpoint> All(ClaimsApiFactory api)
    {
        var endpoints = new List<AppEndpoint>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .SelectMany(a => (a.Policy is null ? [] : new[] { a.Policy }).Concat(a.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? []))
                .ToList();
            var role = Enum.GetValues<ApiRole>().Select(EnumNames.Of).LastOrDefault(roles.Contains)
                ?? (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() ? Policies.Reader : null);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var url = Url(endpoint.RoutePattern);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                endpoints.Add(new AppEndpoint(method, url, role, anonymous));
            }
        }

        return endpoints;
    }

    public static HttpRequestMessage Request(AppEndpoint endpoint)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>The route with each parameter replaced: revisions and numbers by 1, ids by a seed record of the collection.</summary>
    private static string Url(RoutePattern pattern)
    {
        var url = new StringBuilder();
        string? collection = null;
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        collection = literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        url.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var numeric = parameter.Name.Contains("revision", StringComparison.OrdinalIgnoreCase)
                            || parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");
                        url.Append(numeric ? "1" : collection is not null && SeedIds.TryGetValue(collection, out var id) ? id : SeedClaimId);
                        break;
                }
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }
}

/// <summary>
/// The full auth matrix, over every endpoint that declares a role: no key, an unknown key, a revoked key, a key
/// with too low a role; and what a key does on the public reads.
/// </summary>
public abstract class AuthTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private IReadOnlyList<AppEndpoint> Protected => [.. AppEndpoints.All(api).Where(e => e.Role is not null && !e.AllowsAnonymous)];

    [SkippableFact]
    public void TheRouteTableHoldsEveryClaimWriteBehindItsRole()
    {
        var found = Protected;

        Assert.True(found.Count >= AppEndpoints.ClaimWrites.Length, $"only {found.Count} protected endpoints: {string.Join(", ", found)}");
        foreach (var (method, route, role) in AppEndpoints.ClaimWrites)
        {
            var url = route.Replace("{id}", AppEndpoints.SeedClaimId, StringComparison.Ordinal).Replace("{revision}", "1", StringComparison.Ordinal);
            Assert.Contains(new AppEndpoint(method, url, role, false), found);
        }
    }

    [SkippableFact]
    public async Task WithoutAKeyEveryProtectedEndpointIsUnauthorizedSayingWhichRoleItNeeds()
    {
        using var client = api.CreateClient();

        await ForEachAsync(Protected, client, HttpStatusCode.Unauthorized, e => $"needs an API key with role {e.Role}");
    }

    [SkippableFact]
    public async Task AnUnknownKeyIsUnauthorizedOnEveryProtectedEndpoint()
    {
        using var client = api.CreateClientWithKey(UnknownKey());

        await ForEachAsync(Protected, client, HttpStatusCode.Unauthorized, _ => "not known");
    }

    [SkippableFact]
    public async Task ARevokedKeyIsUnauthorizedOnEveryProtectedEndpoint()
    {
        var (name, key) = await api.CreateKeyAsync(ApiRole.Admin);
        await RevokeAsync(name);
        using var client = api.CreateClientWithKey(key);

        await ForEachAsync(Protected, client, HttpStatusCode.Unauthorized, _ => "not known or has been revoked");
    }

    [SkippableFact]
    public async Task AReaderKeyIsForbiddenOnEveryProtectedEndpointNamingTheRoleNeeded()
    {
        var (name, key) = await api.CreateKeyAsync(ApiRole.Reader);
        using var client = api.CreateClientWithKey(key);

        await ForEachAsync(
            [.. Protected.Where(e => e.Role != Policies.Reader)], client, HttpStatusCode.Forbidden,
            e => $"needs an API key with role {e.Role}; the key '{name}' has role reader");
    }

    [SkippableFact]
    public async Task ACuratorKeyIsForbiddenOnEveryAdminEndpoint()
    {
        var (name, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var client = api.CreateClientWithKey(key);
        var admin = Protected.Where(e => e.Role == Policies.Admin).ToList();

        Assert.NotEmpty(admin);
        await ForEachAsync(admin, client, HttpStatusCode.Forbidden, _ => $"needs an API key with role admin; the key '{name}' has role curator");
    }

    [SkippableTheory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(ApiRole.Curator, HttpStatusCode.Forbidden)]
    public async Task AnAnswerToABrowserIsAProblemDocumentNotA500(ApiRole? role, HttpStatusCode status)
    {
        // Found by the fuzz pass: with Accept: text/html no problem writer would write, and the 401/403 became a 500.
        using var client = role is { } r ? await api.CreateClientAsync(r) : api.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");

        var response = await client.GetAsync("/v1/keys");

        await Problem.AssertAsync(response, status, "role admin");
    }

    [SkippableFact]
    public async Task PublicReadsWorkWithoutAKey()
    {
        using var client = api.CreateClient();
        var failures = new List<string>();
        foreach (var endpoint in AppEndpoints.All(api).Where(e => e.Role is null && e.Method == "GET"))
        {
            using var response = await client.SendAsync(AppEndpoints.Request(endpoint));
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
            {
                failures.Add($"{endpoint}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
        foreach (var url in new[] { "/v1/claims", $"/v1/claims/{AppEndpoints.SeedClaimId}", $"/v1/articles/{TestPaths.SeedArticleId}", "/v1/entities/dprk", $"/v1/statements/{TestClaims.Statement}", "/v1/search?q=Kursk" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
    }

    [SkippableTheory]
    [InlineData("/v1/claims")]
    [InlineData("/v1/claims/dprk-troops-fought-in-kursk")]
    [InlineData("/v1/entities")]
    public async Task AnUnknownKeyOnAPublicReadIsUnauthorizedNotServedAsAnonymous(string url)
    {
        using var client = api.CreateClientWithKey(UnknownKey());

        var response = await client.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "not known");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [SkippableFact]
    public async Task ARevokedKeyOnAPublicReadIsUnauthorized()
    {
        var (name, key) = await api.CreateKeyAsync(ApiRole.Reader);
        using var client = api.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims")).StatusCode);

        await RevokeAsync(name);

        await Problem.AssertAsync(await client.GetAsync("/v1/claims"), HttpStatusCode.Unauthorized, "revoked");
    }

    [SkippableTheory]
    [InlineData("bearer")]
    [InlineData("x-api-key")]
    public async Task AKeyIsAcceptedAsABearerTokenAndAsAnXApiKeyHeader(string header)
    {
        var (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/claims/{AppEndpoints.SeedClaimId}/history");
        if (header == "bearer")
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task AnUnknownKeyInTheXApiKeyHeaderIsUnauthorized()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, UnknownKey());

        await Problem.AssertAsync(await client.GetAsync("/v1/claims"), HttpStatusCode.Unauthorized, "not known");
    }

    [SkippableTheory]
    [InlineData("none")]
    [InlineData("bearer")]
    [InlineData("x-api-key")]
    [InlineData("unknown")]
    public async Task ResponsesVaryByTheKeyAndAResponseToAKeyIsPrivate(string header)
    {
        var (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var client = api.CreateClient();
        var urls = new[] { $"/v1/claims/{AppEndpoints.SeedClaimId}", "/v1/claims?limit=1", "/v1/claims/no-such-claim" };
        foreach (var url in urls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            Authorise(request, header, key);

            using var response = await client.SendAsync(request);

            // A claim also varies by Accept (JSON or JSON-LD), found or not; an unknown key is refused before that.
            string[] vary = url.StartsWith("/v1/claims/", StringComparison.Ordinal) && header != "unknown"
                ? ["Authorization", ApiKeyAuthenticationHandler.HeaderName, "Accept"]
                : ["Authorization", ApiKeyAuthenticationHandler.HeaderName];
            Assert.Equal(vary, response.Headers.Vary);
            if (header == "none")
            {
                Assert.False(response.Headers.CacheControl?.Private ?? false, $"{url}: {response.Headers.CacheControl}");
            }
            else
            {
                Assert.True(response.Headers.CacheControl?.Private, $"{url}: {response.Headers.CacheControl}");
            }
        }
    }

    [SkippableFact]
    public async Task ANotModifiedAnswerToAKeyVariesByTheKeyAndIsPrivate()
    {
        using var client = await api.CreateClientAsync(ApiRole.Reader);
        var first = await client.GetAsync($"/v1/claims/{AppEndpoints.SeedClaimId}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/claims/{AppEndpoints.SeedClaimId}");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(["Authorization", ApiKeyAuthenticationHandler.HeaderName, "Accept"], response.Headers.Vary);
        Assert.True(response.Headers.CacheControl?.Private);
    }

    /// <summary>A well-formed key (ck_ and 43 base62 characters) that was never issued.</summary>
    internal static string UnknownKey() => ApiKeyStore.KeyPrefix + string.Concat(Enumerable.Range(0, 43).Select(_ => "abcXYZ019"[Random.Shared.Next(9)]));

    private static void Authorise(HttpRequestMessage request, string header, string key)
    {
        switch (header)
        {
            case "bearer":
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                break;
            case "x-api-key":
                request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, key);
                break;
            case "unknown":
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", UnknownKey());
                break;
        }
    }

    private async Task RevokeAsync(string name)
    {
        await using var scope = api.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().RevokeAsync(name, CancellationToken.None));
    }

    /// <summary>Sends a request to each endpoint and checks the problem answered, reporting every endpoint that does not fit at once.</summary>
    private static async Task ForEachAsync(IReadOnlyList<AppEndpoint> endpoints, HttpClient client, HttpStatusCode status, Func<AppEndpoint, string> detail)
    {
        Assert.NotEmpty(endpoints);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var response = await client.SendAsync(AppEndpoints.Request(endpoint));
            try
            {
                await Problem.AssertAsync(response, status, detail(endpoint));
                if (status == HttpStatusCode.Unauthorized)
                {
                    Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                }
            }
            catch (XunitException e)
            {
                failures.Add($"{endpoint}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class AuthTestsOnSqlite(SqliteApi api) : AuthTests<SqliteApi>(api);

public sealed class AuthTestsOnPostgres(PostgresApi api) : AuthTests<PostgresApi>(api);

/// <summary>A class fixture: the API on its own fresh SQLite database, with reading behind a key (Auth:RequireReaderKey).</summary>
public sealed class SqliteApiRequiringReaderKey : ClaimsApiFactory
{
    public SqliteApiRequiringReaderKey()
        : base(new SqliteTestDatabase(), ownsDatabase: true) => Settings["Auth:RequireReaderKey"] = "true";
}

/// <summary>A class fixture: the same on PostgreSQL, where a server is configured.</summary>
public sealed class PostgresApiRequiringReaderKey : ClaimsApiFactory
{
    public PostgresApiRequiringReaderKey()
        : base(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase(), ownsDatabase: true) =>
        Settings["Auth:RequireReaderKey"] = "true";
}

/// <summary>With Auth:RequireReaderKey, reading needs a key too; health and the OpenAPI document stay open.</summary>
public abstract class ReaderKeyAuthTests<TApi> : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api;

    protected ReaderKeyAuthTests(TApi fixture, DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        api = fixture;
    }

    [SkippableFact]
    public async Task AnonymousReadsAreUnauthorizedSayingAReaderKeyIsNeeded()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/v1/claims");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "needs an API key with role reader");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [SkippableFact]
    public async Task EveryEndpointThatDeclaresNothingNeedsAKey()
    {
        using var client = api.CreateClient();
        var open = AppEndpoints.All(api).Where(e => e.Role is null && !e.AllowsAnonymous).ToList();

        Assert.Contains(open, e => e.Url == "/v1/claims");
        var failures = new List<string>();
        foreach (var endpoint in open)
        {
            using var response = await client.SendAsync(AppEndpoints.Request(endpoint));
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{endpoint}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [SkippableTheory]
    [InlineData(ApiRole.Reader)]
    [InlineData(ApiRole.Curator)]
    public async Task AReaderKeyOrAboveReads(ApiRole role)
    {
        using var client = await api.CreateClientAsync(role);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/claims/{AppEndpoints.SeedClaimId}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    public async Task HealthTheOpenApiDocumentAndSwaggerUiStayOpen(string url)
    {
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [SkippableFact]
    public async Task AReaderKeyIsStillForbiddenToWrite()
    {
        using var client = await api.CreateClientAsync(ApiRole.Reader);

        var response = await client.SendJsonAsync(HttpMethod.Post, "/v1/claims", "{}");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "role curator");
    }
}

public sealed class ReaderKeyAuthTestsOnSqlite(SqliteApiRequiringReaderKey api) : ReaderKeyAuthTests<SqliteApiRequiringReaderKey>(api, DatabaseProvider.Sqlite);

public sealed class ReaderKeyAuthTestsOnPostgres(PostgresApiRequiringReaderKey api) : ReaderKeyAuthTests<PostgresApiRequiringReaderKey>(api, DatabaseProvider.Postgres);
