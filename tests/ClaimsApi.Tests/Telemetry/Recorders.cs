using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>Keeps every log entry with its category, message and the key-value pairs of its scopes.</summary>
internal sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => recorder._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
            recorder._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        values[key] = item?.ToString();
                    }
                }
            }, scope);
            recorder.Entries.Enqueue(new LogEntry(category, formatter(state, exception), scope, logLevel));
        }
    }
}

internal sealed record LogEntry(string Category, string Message, IReadOnlyDictionary<string, string?> Scope, LogLevel Level = LogLevel.Information)
{
    public string? this[string key] => Scope.GetValueOrDefault(key);
}

/// <summary>
/// Every measurement of the meters one host made (through its <see cref="IMeterFactory"/>), so that tests running
/// side by side in the process do not see each other's.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public IReadOnlyList<Measurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Waits (up to 10 s) for a measurement of <paramref name="instrument"/> matching <paramref name="match"/>: some are recorded after the response is sent.</summary>
    public async Task<IReadOnlyList<Measurement>> WaitForAsync(string instrument, Func<Measurement, bool>? match = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = Of(instrument).Where(match ?? (_ => true)).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No measurement of {instrument} that matches; seen: {string.Join("; ", Measurements.Select(m => m.Instrument + " " + string.Join(",", m.Tags.Select(t => t.Key + "=" + t.Value))).Distinct())}");
        return [];
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
        {
            tagged[key] = tag?.ToString();
        }

        Measurements.Enqueue(new Measurement(instrument.Name, value, tagged, Activity.Current?.TraceId.ToHexString()));
    }

    /// <summary>A measurement, with the trace id of the activity it was recorded under (a request's, or none for background work).</summary>
    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags, string? TraceId = null)
    {
        public string? this[string key] => Tags.GetValueOrDefault(key);
    }
}

/// <summary>
/// Makes ASP.NET Core start an activity for every request (it does only when someone listens), so that what a
/// request records carries its trace id and can be told apart from background work's.
/// </summary>
internal static class RequestActivities
{
    public static IDisposable Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
