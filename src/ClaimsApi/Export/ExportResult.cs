using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using ClaimsApi.Persistence;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ClaimsApi.Export;

/// <summary>The <c>Export</c> section of the configuration.</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>
    /// Records read by one query and written before the response is flushed: what an export holds in memory at
    /// once, whatever the size of the base (a thousand claims with their evidence is about 2 MB).
    /// </summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Streams an export: begins a read snapshot, sends the headers (with <see cref="ExportHeaders.Position"/>, the
/// change-log position the snapshot holds) before any record is read, then reads the records in id order a batch at
/// a time and writes each batch as it comes, flushing it to the client; nothing is tracked and no batch is kept, so
/// memory stays the same for any size of base. A HEAD request gets the headers and reads no record.
/// </summary>
public sealed class ExportResult<TRow>(ExportFormat format, ExportSource<TRow> source) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var db = httpContext.RequestServices.GetRequiredService<ClaimsDbContext>();
        var batchSize = Math.Max(1, httpContext.RequestServices.GetRequiredService<IOptions<ExportOptions>>().Value.BatchSize);
        // The provider's execution strategy may retry a transient failure: the whole export, as long as nothing was
        // sent. Once the headers are out a retry would send them and the rows again, so it fails instead, and the
        // client sees a cut response (no final chunk), never a complete-looking one.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(ct => WriteAsync(httpContext, db, batchSize, ct), httpContext.RequestAborted);
    }

    private async Task WriteAsync(HttpContext http, ClaimsDbContext db, int batchSize, CancellationToken ct)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            throw new InvalidOperationException("The export failed after its first bytes were sent; it cannot be resumed.");
        }

        var started = Stopwatch.GetTimestamp();
        await using var snapshot = await db.BeginReadSnapshotAsync(ct);
        response.ContentType = ExportFormats.ContentType(format);
        response.Headers[ExportHeaders.Position] = snapshot.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, Microsoft.Net.Http.Headers.HeaderNames.Accept);
        await response.StartAsync(ct);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await using var rows = format == ExportFormat.Csv
            ? (IRowWriter)new CsvRowWriter(response.Body, source.Columns.Select(c => c.Name).ToArray())
            : new NdjsonRowWriter(response.BodyWriter, http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        var count = 0L;
        string? after = null;
        while (true)
        {
            var batch = await source.ReadAfterAsync(after, batchSize, ct);
            foreach (var row in batch)
            {
                await rows.WriteAsync(row, source, ct);
            }

            count += batch.Count;
            await rows.FlushAsync(ct);
            if (batch.Count < batchSize)
            {
                break;
            }

            after = source.IdOf(batch[^1]);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var path = http.Request.Path.Value ?? "";
        var logger = http.RequestServices.GetRequiredService<ILogger<ExportResult<TRow>>>();
        ExportLog.Exported(logger, count, path, format, snapshot.Position, seconds);
    }

    /// <summary>Writes rows in one format into the response.</summary>
    private interface IRowWriter : IAsyncDisposable
    {
        ValueTask WriteAsync(TRow row, ExportSource<TRow> source, CancellationToken ct);

        /// <summary>Sends what is written so far.</summary>
        ValueTask FlushAsync(CancellationToken ct);
    }

    /// <summary>
    /// One JSON text per line, serialised with the API's options as <c>GET</c> serialises the record (so the same
    /// bytes), straight into the response's pipe; the pipe is flushed when a batch ends or it holds
    /// <see cref="FlushBytes"/>, so a batch of large records is not held whole.
    /// </summary>
    private sealed class NdjsonRowWriter(PipeWriter body, JsonSerializerOptions options) : IRowWriter
    {
        private const int FlushBytes = 64 * 1024;

        private readonly Utf8JsonWriter _json = new(body, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });

        public async ValueTask WriteAsync(TRow row, ExportSource<TRow> source, CancellationToken ct)
        {
            var value = source.Representation(row);
            _json.Reset();
            JsonSerializer.Serialize(_json, value, value.GetType(), options);
            _json.Flush();
            body.Write("\n"u8);
            if (body.CanGetUnflushedBytes && body.UnflushedBytes >= FlushBytes)
            {
                await FlushAsync(ct);
            }
        }

        public async ValueTask FlushAsync(CancellationToken ct) => await body.FlushAsync(ct);

        public ValueTask DisposeAsync() => _json.DisposeAsync();
    }

    /// <summary>
    /// RFC 4180 rows written by CsvHelper: CRLF line ends; a field with a comma, a quote, CR or LF quoted, its quotes
    /// doubled; and a text field that starts with <c>= + - @</c>, a tab or CR (a formula to a spreadsheet program)
    /// escaped with a leading <c>'</c> and quoted, as OWASP advises against CSV injection. CsvHelper writes to the
    /// response when its buffer fills, asynchronously.
    /// </summary>
    private sealed class CsvRowWriter : IRowWriter
    {
        private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

        private readonly CsvWriter _csv;

        public CsvRowWriter(Stream body, string[] header)
        {
            _csv = CsvWriter.Create(body, Options, leaveOpen: true);
            _csv.WriteHeader(header);
        }

        public async ValueTask WriteAsync(TRow row, ExportSource<TRow> source, CancellationToken ct)
        {
            foreach (var column in source.Columns)
            {
                _csv.WriteField(column.Value(row));
            }

            await _csv.EndRecordAsync(ct);
        }

        public async ValueTask FlushAsync(CancellationToken ct) => await _csv.FlushAsync(ct);

        public ValueTask DisposeAsync() => _csv.DisposeAsync();
    }
}

/// <summary>What an export handler answers.</summary>
public static class Exports
{
    /// <summary>
    /// The export, in the format the request chose (<see cref="ExportFormats.Choose"/>), of the source
    /// <paramref name="source"/> makes for that format; or the 406 when the request accepts neither format, before
    /// anything is read.
    /// </summary>
    public static Results<ExportResult<TRow>, ProblemHttpResult> Of<TRow>(ExportQuery query, HttpRequest request, Func<ExportFormat, ExportSource<TRow>> source) =>
        ExportFormats.Choose(query, request) is { } format ? new ExportResult<TRow>(format, source(format)) : ExportFormats.NotAcceptable(request);

    /// <inheritdoc cref="Of"/>
    public static async Task<Results<ExportResult<TRow>, ProblemHttpResult>> OfAsync<TRow>(
        ExportQuery query, HttpRequest request, Func<ExportFormat, Task<ExportSource<TRow>>> source) =>
        ExportFormats.Choose(query, request) is { } format ? new ExportResult<TRow>(format, await source(format)) : ExportFormats.NotAcceptable(request);
}

/// <summary>The headers of an export.</summary>
public static class ExportHeaders
{
    /// <summary>
    /// The change-feed position the export is consistent with: the id of the last change in its snapshot. The export
    /// holds every change up to it and none after; <c>GET /v1/changes?after={position}</c> gives the rest.
    /// </summary>
    public const string Position = "Changes-Position";
}

internal static partial class ExportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Rows} records of {Path} as {Format} at change position {Position} in {Seconds:0.0} s")]
    public static partial void Exported(ILogger logger, long rows, string path, ExportFormat format, long position, double seconds);
}
