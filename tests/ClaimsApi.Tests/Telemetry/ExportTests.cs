using System.Collections.Concurrent;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Telemetry;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>
/// OpenTelemetry export is off unless an OTLP endpoint is configured: nothing is registered, nothing sent. With
/// one, traces, metrics and logs reach it (here a receiver on 127.0.0.1, speaking OTLP over HTTP).
/// </summary>
public sealed class ExportTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public void WithoutAnEndpointNoOpenTelemetryProviderIsRegistered()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
        Assert.Null(api.Services.GetService<MeterProvider>());
        Assert.Null(api.Services.GetService<LoggerProvider>());
        Assert.DoesNotContain(api.Services.GetServices<ILoggerProvider>(), p => p.GetType().FullName!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TelemetryServices.EndpointSetting, "collector:4317", "must be an http or https address")]
    [InlineData(TelemetryServices.ProtocolSetting, "udp", "must be 'grpc' or 'http/protobuf'")]
    public void AMistakeInTheExportSettingsStopsStartUpNamingTheSetting(string setting, string value, string message)
    {
        using var misconfigured = new ClaimsApiFactory(new SqliteTestDatabase(), ownsDatabase: true)
        {
            Settings =
            {
                [TelemetryServices.EndpointSetting] = "http://127.0.0.1:4317",
                [setting] = value,
            },
        };

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.Services);

        Assert.Contains($"{setting} {message}", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnEndpointTracesMetricsAndLogsAreSentToIt()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var exporting = new ClaimsApiFactory(new SqliteTestDatabase(), ownsDatabase: true)
        {
            Settings =
            {
                [TelemetryServices.EndpointSetting] = receiver.Address,
                [TelemetryServices.ProtocolSetting] = "http/protobuf",
                ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=api-7",
            },
        };
        using var curator = await exporting.CreateClientAsync(ApiRole.Curator);

        await TestClaims.CreateAsync(curator, TestClaims.NewId("exported"));
        Assert.True(exporting.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(exporting.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.True(exporting.Services.GetRequiredService<LoggerProvider>().ForceFlush());

        var traces = receiver.Text("/v1/traces");
        Assert.Contains("claimsapi", traces, StringComparison.Ordinal); // service.name
        Assert.Contains("api-7", traces, StringComparison.Ordinal); // OTEL_RESOURCE_ATTRIBUTES
        Assert.Contains("seed import", traces, StringComparison.Ordinal);
        Assert.Contains("write claim", traces, StringComparison.Ordinal);
        Assert.Contains("POST /v1/claims", traces, StringComparison.Ordinal);
        var metrics = receiver.Text("/v1/metrics");
        foreach (var name in new[] { "http.server.request.duration", "claimsapi.db.command.duration", "claimsapi.writes", "claimsapi.seed.records", "claimsapi.seed.import.duration" })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }

        Assert.Contains("Seeded {Articles} articles", receiver.Text("/v1/logs"), StringComparison.Ordinal);
    }

    /// <summary>Takes OTLP/HTTP exports on 127.0.0.1 and keeps their bodies (protobuf: names are there as UTF-8).</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private OtlpReceiver()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                _received.Enqueue((context.Request.Path, body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
        }

        public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        public static async Task<OtlpReceiver> StartAsync()
        {
            var receiver = new OtlpReceiver();
            await receiver._app.StartAsync();
            return receiver;
        }

        public string Text(string path)
        {
            var bodies = _received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
            Assert.True(bodies.Count > 0, $"nothing was sent to {path}; received: {string.Join(", ", _received.Select(r => r.Path))}");
            return string.Concat(bodies);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
