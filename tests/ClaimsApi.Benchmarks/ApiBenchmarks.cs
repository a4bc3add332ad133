using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimsApi.Benchmarks;

/// <summary>
/// Whole requests through the ASP.NET Core pipeline, EF Core and SQLite, in process (TestServer: no sockets),
/// so the figures are the server's cost per request without network noise; each with the read model and without.
/// </summary>
[MemoryDiagnoser]
public class ApiBenchmarks
{
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;
    private string? _root;

    [Params(
        "/v1/claims",
        "/v1/claims/dprk-troops-fought-in-kursk",
        "/v1/articles/9c422c9df4965fec",
        "/v1/statements?kind=unmarked-quote",
        "/v1/entities?name=the%20DPRK",
        "/v1/entities/dprk/claims")]
    public string Url { get; set; } = "";

    /// <summary>Whether reads are served from the read model (decision 0031; warm after the set-up's first read) or rendered every time.</summary>
    [Params(true, false)]
    public bool ReadModel { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _root = Directory.CreateTempSubdirectory("claimsapi-bench-").FullName;
        var database = Path.Combine(_root, "claims.db");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Production")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("RateLimiting:Enabled", "false") // a benchmark is one client sending as fast as it can
            .UseSetting("ReadModel:Enabled", ReadModel ? "true" : "false")
            .UseSetting("Database:ConnectionString", $"Data Source={database}")
            .UseSetting("Seeds:Path", Path.Combine(AppContext.BaseDirectory, "seeds")));
        _client = _factory.CreateClient();
        (await _client.GetAsync(Url)).EnsureSuccessStatusCode();
    }

    [Benchmark]
    public async Task<int> Get()
    {
        using var response = await _client!.GetAsync(Url);
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }

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
