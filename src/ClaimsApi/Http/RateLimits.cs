using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ClaimsApi.Http;

/// <summary>
/// A token bucket: a client may send <see cref="Burst"/> requests at once, then <see cref="PerSecond"/> a second
/// (below 1, one request every 1/<see cref="PerSecond"/> seconds).
/// </summary>
public sealed class RateLimitBucket
{
    public double PerSecond { get; set; }

    public int Burst { get; set; }
}

/// <summary>
/// Requests per client (configuration section <c>RateLimiting</c>; docs/security.md): a request with a valid API
/// key counts against its key, any other against its client address. On by default, with values no real client
/// meets; a load test turns it off (<c>RateLimiting__Enabled=false</c>).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Per client address, for requests without a (valid) key.</summary>
    public RateLimitBucket Anonymous { get; set; } = new() { PerSecond = 50, Burst = 200 };

    /// <summary>Per API key.</summary>
    public RateLimitBucket Key { get; set; } = new() { PerSecond = 500, Burst = 1000 };

    /// <summary>
    /// Exports one client (key, or address without one) may run at once. An export counts as one request against the
    /// buckets above but reads the whole base for minutes, holding a database connection and a read snapshot.
    /// </summary>
    public int ConcurrentExports { get; set; } = 2;
}

public static class RateLimits
{
    /// <summary>The policy of the exports: at most <see cref="RateLimitingOptions.ConcurrentExports"/> at once per client.</summary>
    public const string ExportPolicy = "export";

    /// <summary>What a client over its concurrent exports is told to wait: an export of a large base takes minutes.</summary>
    private static readonly TimeSpan ExportRetryAfter = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                // Authentication runs first: only a key that was accepted gets the key's allowance, so inventing
                // keys gains nothing over sending none.
                http.User.Identity is { IsAuthenticated: true, Name: not null }
                    ? RateLimitPartition.GetTokenBucketLimiter(Client(http), _ => Bucket(options.Key))
                    : RateLimitPartition.GetTokenBucketLimiter(Client(http), _ => Bucket(options.Anonymous)));
            limiter.AddPolicy(ExportPolicy, http => RateLimitPartition.GetConcurrencyLimiter(Client(http), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Math.Max(1, options.ConcurrentExports),
                QueueLimit = 0,
            }));
            limiter.OnRejected = RejectAsync;
        });
    }

    /// <summary>After authentication (a request's key decides its allowance), before anything that does work.</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitingOptions>().Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>Whose allowance a request counts against: its (accepted) key, or its client address.</summary>
    private static string Client(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } key } ? "key:" + key : "address:" + http.Connection.RemoteIpAddress;

    private static TokenBucketRateLimiterOptions Bucket(RateLimitBucket bucket) => new()
    {
        TokenLimit = Math.Max(1, bucket.Burst),
        TokensPerPeriod = bucket.PerSecond >= 1 ? (int)Math.Round(bucket.PerSecond) : 1,
        ReplenishmentPeriod = bucket.PerSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / Math.Max(bucket.PerSecond, 1e-6)),
        QueueLimit = 0, // refused at once: a queue would hold the connection, the very thing being limited
        AutoReplenishment = true,
    };

    /// <summary>429 with Retry-After (whole seconds, at least 1) and a problem document saying whose allowance ran out.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        // A token bucket's refusal says when a token comes back; the exports' concurrency limiter's says nothing.
        var bucketRefused = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
        var retryAfter = bucketRefused ? wait : ExportRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            // The body is never read: Kestrel may then drop the connection, so the client must not send the
            // next request on it (it would be reset), and a client over its allowance should come back later anyway.
            http.Response.Headers.Connection = "close";
        }

        var options = http.RequestServices.GetRequiredService<RateLimitingOptions>();
        var (who, bucket) = http.User.Identity is { IsAuthenticated: true, Name: { } key }
            ? ($"the API key '{key}'", options.Key)
            : ("this client address", options.Anonymous);
        var detail = bucketRefused
            ? $"Too many requests for {who}: at most {bucket.Burst} at once and {bucket.PerSecond.ToString(CultureInfo.InvariantCulture)} a second. Retry after {seconds} s."
            : $"Too many exports for {who}: at most {options.ConcurrentExports} at once. Retry when one has finished, or after {seconds} s.";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Problems.Describe(StatusCodes.Status429TooManyRequests, detail),
        });
    }
}
