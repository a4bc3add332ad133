using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClaimsApi.Telemetry;

/// <summary>
/// ClaimsApi's own traces: one activity source, named like the meter. Starting a span on it costs a null check
/// while no one listens (OpenTelemetry is off unless an exporter is configured).
/// </summary>
public static class ClaimsTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ClaimsApi";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>A span around one write through the curation pipeline, or null while no one listens.</summary>
    public static Activity? StartWrite(string kind, string id)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("write " + kind);
        activity?.SetTag("claimsapi.kind", kind);
        activity?.SetTag("claimsapi.id", id);
        return activity;
    }
}

/// <summary>
/// ClaimsApi's own instruments, on the meter <see cref="ClaimsTelemetry.Name"/>: database time, the seed import
/// and committed writes. Request rate and latency come from ASP.NET Core's own meters. Made through
/// <see cref="IMeterFactory"/>, so each host (each test's too) has its own meter.
/// </summary>
public sealed class ClaimsMetrics
{
    /// <summary>Bucket bounds for durations in seconds: from 0.1 ms (a SQLite lookup) to 10 s.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Histogram<double> _dbCommandDuration;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _seedRecords;
    private readonly Histogram<double> _seedImportDuration;

    public ClaimsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ClaimsTelemetry.Name);
        _dbCommandDuration = meter.CreateHistogram(
            "claimsapi.db.command.duration", "s", "Time of one database command, from sending it to the last row read.", advice: Seconds);
        _writes = meter.CreateCounter<long>(
            "claimsapi.writes", "{change}", "Changes to records committed through the API, by kind of record and action.");
        _seedRecords = meter.CreateCounter<long>(
            "claimsapi.seed.records", "{change}", "Changes to records committed by the seed import, by kind of record and action.");
        _seedImportDuration = meter.CreateHistogram(
            "claimsapi.seed.import.duration", "s", "Time of one seed import (compare, reconcile, rebuild the search index, commit), by outcome.", advice: Seconds);
    }

    public void DbCommand(string provider, TimeSpan duration, string? error)
    {
        var tags = new TagList { { "db.system.name", provider } };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        _dbCommandDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>One change committed; <paramref name="bySeeds"/> when the seed import made it.</summary>
    public void Committed(string kind, string action, bool bySeeds) =>
        (bySeeds ? _seedRecords : _writes).Add(1, new("claimsapi.kind", kind), new("claimsapi.action", action));

    /// <summary>Starts timing a seed import (and its span); dispose the result when the import ends.</summary>
    public SeedImportTiming StartSeedImport(int files) => new(this, files);

    /// <summary>A seed import under way: its span and its stopwatch.</summary>
    public sealed class SeedImportTiming : IDisposable
    {
        private readonly ClaimsMetrics _metrics;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private string _outcome = "failed";

        internal SeedImportTiming(ClaimsMetrics metrics, int files)
        {
            _metrics = metrics;
            _activity = ClaimsTelemetry.Source.StartActivity("seed import");
            _activity?.SetTag("claimsapi.seed.files", files);
        }

        /// <summary>The import committed (or found the seeds unchanged and wrote nothing).</summary>
        public void Succeeded(bool unchanged, int added, int updated, int deleted)
        {
            _outcome = unchanged ? "unchanged" : "imported";
            _activity?.SetTag("claimsapi.seed.rows_added", added);
            _activity?.SetTag("claimsapi.seed.rows_updated", updated);
            _activity?.SetTag("claimsapi.seed.rows_deleted", deleted);
        }

        public void Dispose()
        {
            _metrics._seedImportDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, new KeyValuePair<string, object?>("claimsapi.outcome", _outcome));
            _activity?.SetTag("claimsapi.outcome", _outcome);
            if (_outcome == "failed")
            {
                _activity?.SetStatus(ActivityStatusCode.Error);
            }

            _activity?.Dispose();
        }
    }
}
