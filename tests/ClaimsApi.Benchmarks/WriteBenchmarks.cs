using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Benchmarks;

/// <summary>
/// Curation writes through the whole pipeline in process (TestServer, SQLite): authentication by key, body
/// validation, anchoring, the transaction with its history entry and search-index refresh, and the response.
/// </summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private const string Body = """
        {"text":"The Central Military Commission says North Korean units fought in the Kursk region.","claimant":"wpk-cmc","kind":"factual",
         "article":"9c422c9df4965fec","evidence":[{"statement":"p3-noted-treaty","exact":"mutual defense treaty"}],"mentions":["dprk","russia"]}
        """;

    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;
    private string? _root;
    private string _location = "";
    private int _revision;

    [GlobalSetup]
    public async Task Setup()
    {
        _root = Directory.CreateTempSubdirectory("claimsapi-bench-").FullName;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Production")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("RateLimiting:Enabled", "false") // a benchmark is one client sending as fast as it can
            .UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_root, "claims.db")}")
            .UseSetting("Seeds:Path", Path.Combine(AppContext.BaseDirectory, "seeds")));
        _client = _factory.CreateClient();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var key = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync("bench", ApiRole.Curator, CancellationToken.None);
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Value!.Key);
        }

        using var created = await Create();
        _location = created.Headers.Location!.ToString();
        _revision = 1;
    }

    /// <summary>POST /v1/claims: a new draft claim (its id made from the text).</summary>
    [Benchmark]
    public async Task<int> CreateClaim()
    {
        using var response = await Create();
        return (int)response.StatusCode;
    }

    /// <summary>PUT /v1/claims/{id} with If-Match: a new revision of one claim, its history entry and index rows.</summary>
    [Benchmark]
    public async Task<int> ReplaceClaim()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, _location) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{_revision}\"");
        using var response = await _client!.SendAsync(request);
        response.EnsureSuccessStatusCode();
        _revision++;
        return (int)response.StatusCode;
    }

    private Task<HttpResponseMessage> Create() =>
        _client!.PostAsync("/v1/claims", new StringContent(Body, Encoding.UTF8, "application/json"));

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _factory?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
