using System.Net;
using System.Net.Http.Headers;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// The rate limiter (docs/security.md): a token bucket per API key, and one per client address for requests
/// without a valid key; 429 with Retry-After and a problem document past it; health checks never limited. Each test
/// runs its own API with buckets small enough to empty (the limiter does not depend on the provider).
/// </summary>
public sealed class RateLimitingTests : IDisposable
{
    private const int Burst = 3;

    private readonly ClaimsApiFactory _api = new SqliteApi();

    public RateLimitingTests()
    {
        _api.Settings["RateLimiting:Enabled"] = "true";
        _api.Settings["RateLimiting:Anonymous:Burst"] = $"{Burst}";
        _api.Settings["RateLimiting:Anonymous:PerSecond"] = "0.001"; // one token every 1,000 s: none comes back during a test
        _api.Settings["RateLimiting:Key:Burst"] = $"{2 * Burst}";
        _api.Settings["RateLimiting:Key:PerSecond"] = "0.001"; // one token every 1,000 s: none comes back during a test
    }

    [Fact]
    public async Task AnonymousRequestsPastTheBurstAre429WithRetryAfterAndAProblem()
    {
        using var client = _api.CreateClient();
        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims")).StatusCode);
        }

        var refused = await client.GetAsync("/v1/claims");

        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests, "this client address");
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1000));
    }

    [Fact]
    public async Task ARefusedRequestWithABodyClosesTheConnectionItsBodyWasLeftOn()
    {
        using var client = _api.CreateClient();
        for (var i = 0; i < Burst; i++)
        {
            await client.GetAsync("/v1/claims");
        }

        var refused = await client.PostAsync("/v1/entities", new StringContent(new string(' ', 100_000) + "{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.ConnectionClose, "a 429 that leaves a body unread says Connection: close");
    }

    [Fact]
    public async Task AKeyHasItsOwnAllowanceApartFromItsAddress()
    {
        using var anonymous = _api.CreateClient();
        for (var i = 0; i <= Burst; i++)
        {
            await anonymous.GetAsync("/v1/claims");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/v1/claims")).StatusCode);
        var (name, key) = await _api.CreateKeyAsync(ApiRole.Reader);
        using var keyed = _api.CreateClientWithKey(key);

        for (var i = 0; i < 2 * Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/v1/claims")).StatusCode);
        }

        await Problem.AssertAsync(await keyed.GetAsync("/v1/claims"), HttpStatusCode.TooManyRequests, $"the API key '{name}'");
    }

    [Fact]
    public async Task InventedKeysCountAgainstTheAddressSoGuessingIsLimitedToo()
    {
        using var client = _api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Burst; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/claims");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"ck_guess{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Burst), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task HealthChecksAndTheContractAreNeverLimited()
    {
        using var client = _api.CreateClient();
        for (var i = 0; i < 4 * Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims")).StatusCode);
    }

    [Fact]
    public void TurnedOffThereIsNoLimiterAtAll()
    {
        using var api = new SqliteApi();
        api.Settings["RateLimiting:Enabled"] = "false";

        Assert.False(api.Services.GetRequiredService<RateLimitingOptions>().Enabled);
        Assert.Null(api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>>().Value.GlobalLimiter);
    }

    public void Dispose() => _api.Dispose();
}
