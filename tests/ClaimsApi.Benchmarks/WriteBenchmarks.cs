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
/// Every write must succeed: a statement is evidence for at most 500 claims and an article holds at most 2,000,
/// so creations rotate over articles and statements made in the setup (before, they all cited one seed statement,
/// and from the 501st on measured the 422 that refuses it).
/// </summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private const string Body = """
        {"text":"The Central Military Commission says North Korean units fought in the Kursk region.","claimant":"wpk-cmc","kind":"factual",
         "article":"9c422c9df4965fec","evidence":[{"statement":"p3-noted-treaty","exact":"mutual defense treaty"}],"mentions":["dprk","russia"]}
        """;

    /// <summary>Creations each (article, statement) pair takes: under both bounds (500 claims a statement, 2,000 an article).</summary>
    private const int CreationsPerTarget = 400;

    private const int Targets = 40;

    private readonly List<(string Article, string Statement)> _targets = [];
    private int _creations;

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

        for (var i = 0; i < Targets; i++)
        {
            var marker = Guid.NewGuid().ToString("N")[..8];
            using var article = await _client.PostAsync("/v1/articles", new StringContent(
                $" date 2025-05-01 Lead {marker}\n\nTitle {marker}\n\nThe ministry said the border was calm.", Encoding.UTF8, "text/plain"));
            var articleId = await IdOf(article);
            using var statement = await _client.PostAsync("/v1/statements", new StringContent(
                $$"""{"article":"{{articleId}}","speaker":"dprk","kind":"reported-speech","exact":"the border was calm"}""", Encoding.UTF8, "application/json"));
            _targets.Add((articleId, await IdOf(statement)));
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

    /// <summary>Eight POST /v1/claims at once: on SQLite they queue for the write turn, one after another.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public async Task<int> CreateClaimsEightAtOnce()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Create()));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        return responses.Length;
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

    private async Task<HttpResponseMessage> Create()
    {
        var n = Interlocked.Increment(ref _creations) - 1;
        var body = Body;
        if (_targets.Count > 0)
        {
            var (article, statement) = _targets[n / CreationsPerTarget < Targets ? n / CreationsPerTarget : throw new InvalidOperationException(
                $"More than {Targets * CreationsPerTarget} creations: raise {nameof(Targets)} so that every creation can succeed.")];
            body = Body.Replace("9c422c9df4965fec", article, StringComparison.Ordinal)
                .Replace("\"p3-noted-treaty\",\"exact\":\"mutual defense treaty\"", $"\"{statement}\"", StringComparison.Ordinal);
        }

        var response = await _client!.PostAsync("/v1/claims", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<string> IdOf(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
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
