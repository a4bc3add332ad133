using System.Diagnostics.Metrics;
using System.Reflection;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClaimsApi.Telemetry;

/// <summary>
/// Logs that carry the request's ids, ClaimsApi's meter and activity source, and, only when an OTLP endpoint is
/// configured, OpenTelemetry exporting traces, metrics and logs to it.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The setting that turns export on: the base address of an OTLP receiver (a collector).</summary>
    public const string EndpointSetting = "OpenTelemetry:Otlp:Endpoint";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public const string ProtocolSetting = "OpenTelemetry:Otlp:Protocol";

    /// <summary>OpenTelemetry's own variable; set, it turns export on as well, with every <c>OTEL_*</c> variable honoured.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Every line logged while a request is handled carries its W3C trace id, span id and parent span id (from
        // the traceparent header when the caller sent one); ASP.NET Core's hosting scope adds RequestId and RequestPath.
        services.Configure<LoggerFactoryOptions>(logging =>
            logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // The simple format's timestamp ends with a space to part it from the level; in JSON it is a value of its own.
        services.PostConfigure<JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());

        services.AddSingleton(sp =>
        {
            // The database is migrated and seeded before the host starts its services, OpenTelemetry's among them:
            // its providers (when export is on) are built here instead, so that they listen from the first command on.
            _ = sp.GetService<TracerProvider>();
            _ = sp.GetService<MeterProvider>();
            return new ClaimsMetrics(sp.GetRequiredService<IMeterFactory>());
        });
        services.AddSingleton<CommitHooks>();
        services.AddSingleton<DbCommandTimer>();
        services.ConfigureDbContext<SqliteClaimsDbContext>(Intercept, ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresClaimsDbContext>(Intercept, ServiceLifetime.Singleton);

        if (Exporting(configuration) is { } export)
        {
            var openTelemetry = services.AddOpenTelemetry()
                // Named claimsapi unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise (read after, they win).
                .ConfigureResource(resource => resource
                    .AddService("claimsapi", serviceVersion: typeof(TelemetryServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
                    .AddEnvironmentVariableDetector())
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddSource(ClaimsTelemetry.Name, "Npgsql"))
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(ClaimsTelemetry.Name, "Microsoft.EntityFrameworkCore", "Npgsql"))
                .WithLogging(configureBuilder: null, configureOptions: logs =>
                {
                    logs.IncludeFormattedMessage = true;
                    logs.IncludeScopes = true;
                });
            if (export.Endpoint is null)
            {
                openTelemetry.UseOtlpExporter();
            }
            else
            {
                // A base address: for http/protobuf each signal's path (/v1/traces, /v1/metrics, /v1/logs) is appended.
                openTelemetry.UseOtlpExporter(export.Protocol, export.Endpoint);
            }
        }

        return services;
    }

    private static void Intercept(IServiceProvider services, DbContextOptionsBuilder db) =>
        db.AddInterceptors(services.GetRequiredService<DbCommandTimer>(), services.GetRequiredService<CommitHooks>());

    /// <summary>How to export, or null for not at all (the default): nothing is registered, nothing is sent.</summary>
    private static (OtlpExportProtocol Protocol, Uri? Endpoint)? Exporting(IConfiguration configuration)
    {
        if (configuration[EndpointSetting] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{EndpointSetting} must be an http or https address, not '{endpoint}'.");
            }

            var protocol = configuration[ProtocolSetting] switch
            {
                null or "" or "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException($"{ProtocolSetting} must be 'grpc' or 'http/protobuf', not '{other}'."),
            };

            return (protocol, uri);
        }

        // Without our setting, OpenTelemetry reads its own variables (endpoint, protocol, headers, timeout).
        return string.IsNullOrEmpty(configuration[StandardEndpointVariable]) ? null : (OtlpExportProtocol.Grpc, null);
    }
}
