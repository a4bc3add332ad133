using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using ClaimsApi.Features.Import;
using ClaimsApi.Persistence;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>import FILE [--published] [--propose] [--batch N]</c>: the bulk import of <c>POST /v1/import</c> from a file (or standard
/// input, <c>-</c>) of any size, read as it goes. Progress goes to standard error, a bar when it is a terminal and a
/// line every few seconds otherwise; each rejected line to standard error as <c>FILE:LINE: field: reason</c>; the
/// summary to standard output. Exit code 0 when every line was taken, 1 when any was rejected (its batch wrote
/// nothing; the others were committed), 2 for bad arguments. The history names the actor <c>import</c>.
/// </summary>
internal static class ImportCommand
{
    public const string Name = "import";

    /// <summary>Who the history names for the command's changes (an API key's name over HTTP).</summary>
    public const string Actor = "import";

    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(5);

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The NDJSON file to import, or - for standard input (docs/api-guide.md#import for the format)." };
        var published = new Option<bool>("--published") { Description = "Create claims and statements published (a claim's evidence must be published too); drafts by default." };
        var propose = new Option<bool>("--propose") { Description = "Store with every article created the attributions the extractor proposes (draft statements and claims, new entities), as POST /v1/import?propose=true does." };
        var batch = new Option<int>("--batch")
        {
            HelpName = "N",
            Description = $"Lines written together, all or nothing (1 to {ImportOptions.MaxBatch:N0}; default {ImportOptions.DefaultBatch:N0}).",
            DefaultValueFactory = _ => ImportOptions.DefaultBatch,
        };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ImportOptions.MaxBatch)
            {
                result.AddError($"--batch must be a whole number from 1 to {ImportOptions.MaxBatch}.");
            }
        });

        // Arguments after the file may be host settings (--Database:ConnectionString=…), read by the host, as for migrate.
        var command = new Command(Name, "Import articles, entities, statements, claims and reviews from an NDJSON file, as POST /v1/import does, then exit.")
        {
            file, published, propose, batch,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => RunAsync(host, result.GetRequiredValue(file), result.GetValue(published), result.GetValue(propose), result.GetValue(batch), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string file, bool published, bool propose, int batch, CancellationToken ct)
    {
        Stream input;
        try
        {
            input = file == "-" ? Console.OpenStandardInput() : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"Cannot read '{file}': {e.Message}");
            return ClaimsCli.BadArguments;
        }

        await using (input)
        {
            await host.InitializeDatabaseAsync(false, ct);
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().SeeUnpublishedWhen(() => true); // a curator's view: drafts are records too
            var importer = scope.ServiceProvider.GetRequiredService<BulkImporter>();
            var size = input.CanSeek ? input.Length : (long?)null;
            var progress = new Progress(host.Error, size, bar: !Console.IsErrorRedirected && ReferenceEquals(host.Error, Console.Error));
            var watch = Stopwatch.StartNew();
            var report = await importer.ImportAsync(PipeReader.Create(input), new ImportOptions(published, batch, Actor, propose), progress.Report, ct);
            progress.Done();
            var seconds = watch.Elapsed.TotalSeconds;

            var name = file == "-" ? "stdin" : file;
            foreach (var rejected in report.Rejected)
            {
                await host.Error.WriteLineAsync($"{name}:{rejected.Line}: {(rejected.Field is null ? "" : rejected.Field + ": ")}{rejected.Reason}");
            }

            if (report.RejectedLines > report.Rejected.Count)
            {
                await host.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: … and more: {report.RejectedLines:N0} lines were rejected in all."));
            }

            await host.Output.WriteLineAsync(Summary(name, report, seconds));
            return report.RejectedLines > 0 || report.Batches.Any(b => !b.Committed) ? ClaimsCli.Refused : ClaimsCli.Done;
        }
    }

    private static string Summary(string name, ImportReport report, double seconds)
    {
        var committed = report.Batches.Count(b => b.Committed);
        var claims = report.Created.Claims + report.Updated.Claims;
        var rate = claims >= 1000 && seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({claims / seconds:N0} claims/s)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Imported {name}: {report.Lines:N0} lines in {report.Batches.Count:N0} batches ({committed:N0} committed) in {seconds:F1} s, as {report.Workflow}: {Counts(report.Created)} created; {Counts(report.Updated)} updated; {report.Unchanged.Total:N0} unchanged; {(report.Proposed.Total > 0 ? $"{report.Proposed.Entities:N0} entities, {report.Proposed.Statements:N0} statements and {report.Proposed.Claims:N0} claims proposed; " : "")}{report.RejectedLines:N0} lines rejected{rate}.");
    }

    private static string Counts(ImportCounts counts) => string.Create(CultureInfo.InvariantCulture,
        $"{counts.Articles:N0} articles, {counts.Entities:N0} entities, {counts.Statements:N0} statements, {counts.Claims:N0} claims, {counts.Reviews:N0} reviews");

    /// <summary>Progress on standard error: a bar redrawn in place on a terminal, a line every few seconds otherwise (a log, a pipe).</summary>
    private sealed class Progress(TextWriter error, long? size, bool bar)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;
        private bool _drawn;

        public void Report(ImportProgress progress)
        {
            var elapsed = _watch.Elapsed;
            var rate = elapsed.TotalSeconds > 0 ? progress.Claims / elapsed.TotalSeconds : 0;
            var share = size is > 0 ? (double)progress.Bytes / size.Value : (double?)null;
            var counts = string.Create(CultureInfo.InvariantCulture,
                $"{progress.Lines,10:N0} lines  {progress.Claims,10:N0} claims  {rate,8:N0} claims/s  {progress.Rejected:N0} rejected  {elapsed.TotalSeconds,5:F0} s");
            if (bar)
            {
                const int width = 30;
                var filled = (int)Math.Round((share ?? 0) * width);
                var percent = share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100,3:F0}%") : "   ?";
                error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {percent} {counts}");
                _drawn = true;
            }
            else if (elapsed - _lastLine >= PlainProgressEvery)
            {
                _lastLine = elapsed;
                var percent = share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:F0}%  ") : "";
                error.WriteLine($"import: {percent}{counts.Trim()}");
            }
        }

        public void Done()
        {
            if (_drawn)
            {
                error.WriteLine();
            }
        }
    }
}
