using System.Net;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>
/// Every line logged while a request is handled carries the request's ids: its W3C trace id (the caller's, when it
/// sent a traceparent), span id and parent span id, and ASP.NET Core's RequestId; the problem document's
/// <c>traceId</c> is the same trace and span.
/// </summary>
public abstract class RequestLogTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string CallerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryLineOfARequestCarriesTheTraceIdOfItsProblemDocument()
    {
        var logs = new LogRecorder();
        using var logged = Logged(logs);
        var path = $"/v1/claims/{TestClaims.NewId("no-such-claim")}";
        using var client = logged.CreateClient();

        var problem = await Problem.AssertAsync(await client.GetAsync(path), HttpStatusCode.NotFound);

        var (traceId, spanId) = Parse(problem.GetProperty("traceId").GetString()!);
        var lines = LinesOf(logs, path);
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)); // the query was logged in the request
        Assert.All(lines, line =>
        {
            Assert.Equal(traceId, line["TraceId"]);
            Assert.Equal(spanId, line["SpanId"]);
            Assert.Equal("0000000000000000", line["ParentId"]);
        });
        Assert.Single(lines.Select(l => l["RequestId"]).Distinct());
    }

    [SkippableFact]
    public async Task ARequestWithATraceparentIsLoggedAndAnsweredUnderTheCallersTrace()
    {
        var logs = new LogRecorder();
        using var logged = Logged(logs);
        var path = $"/v1/claims/{TestClaims.NewId("no-such-claim")}";
        using var client = logged.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{CallerTrace}-{CallerSpan}-01");

        var problem = await Problem.AssertAsync(await client.SendAsync(request), HttpStatusCode.NotFound);

        var (traceId, spanId) = Parse(problem.GetProperty("traceId").GetString()!);
        Assert.Equal(CallerTrace, traceId);
        Assert.NotEqual(CallerSpan, spanId); // the request is a span of its own, a child of the caller's
        var lines = LinesOf(logs, path);
        Assert.All(lines, line =>
        {
            Assert.Equal(CallerTrace, line["TraceId"]);
            Assert.Equal(spanId, line["SpanId"]);
            Assert.Equal(CallerSpan, line["ParentId"]);
        });
    }

    private WebApplicationFactory<Program> Logged(LogRecorder logs) => api.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
    {
        logging.AddFilter<LogRecorder>(null, LogLevel.Trace);
        logging.AddProvider(logs);
    }));

    /// <summary>The lines logged while <paramref name="path"/> was handled (its hosting scope names it), at least one.</summary>
    private static List<LogEntry> LinesOf(LogRecorder logs, string path)
    {
        var lines = logs.Entries.Where(e => e["RequestPath"] == path).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l["RequestId"])));
        return lines;
    }

    /// <summary>The trace and span ids of a W3C trace context (<c>00-{trace}-{span}-{flags}</c>).</summary>
    private static (string TraceId, string SpanId) Parse(string traceContext)
    {
        var parts = traceContext.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal(32, parts[1].Length);
        Assert.Equal(16, parts[2].Length);
        return (parts[1], parts[2]);
    }
}

public sealed class RequestLogTestsOnSqlite(SqliteApi api) : RequestLogTests<SqliteApi>(api);

public sealed class RequestLogTestsOnPostgres(PostgresApi api) : RequestLogTests<PostgresApi>(api);
