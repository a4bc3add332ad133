using System.IO.Pipelines;
using System.Threading.Channels;
using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Search;
using ClaimsApi.Persistence;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ClaimsApi.Features.Import;

/// <summary>How far an import has got, after each batch.</summary>
/// <param name="Lines">Lines read.</param>
/// <param name="Bytes">Bytes of the input read.</param>
/// <param name="Claims">Claims created or updated so far.</param>
/// <param name="Rejected">Lines rejected so far.</param>
public sealed record ImportProgress(int Lines, long Bytes, int Claims, int Rejected);

/// <summary>An import that stopped because its input could not be read to the end (a body over its limit); what it did until then.</summary>
public sealed class ImportStoppedException(ImportReport report, Exception inner)
    : Exception($"The import stopped at line {report.Lines + 1}: {inner.Message}", inner)
{
    public ImportReport Report { get; } = report;
}

/// <summary>
/// Imports NDJSON lines of articles, entities, statements, claims and reviews (<see cref="ImportLines"/>) in batches,
/// each through the curation pipeline as one write (<see cref="CurationPipeline.RunBatchAsync"/>): one transaction,
/// every record checked by the write API's own validators and editors (<see cref="ImportKind"/>), every change
/// recorded by the change observers (history, read model, metrics) like any write's. A batch with a rejected line
/// writes nothing. A line whose record exists is applied as a PUT would be: with the same content it changes
/// nothing (no revision, no history), with other content it is a new revision; a record that exists keeps its
/// workflow stage. New claims and statements are drafts unless <see cref="ImportOptions.Published"/>.
/// </summary>
public sealed partial class BulkImporter(ClaimsDbContext db, CurationPipeline curation, IServiceProvider services, IOptions<JsonOptions> json, ILogger<BulkImporter> log)
{
    private readonly ImportLines _lines = new(json.Value.SerializerOptions, services);
    private readonly EntityAliasIndex _aliases = services.GetRequiredService<EntityAliasIndex>();

    /// <summary>Imports every line of <paramref name="input"/>; <paramref name="progress"/> hears after each batch.</summary>
    public async Task<ImportReport> ImportAsync(PipeReader input, ImportOptions options, Action<ImportProgress>? progress, CancellationToken ct)
    {
        var report = new ReportBuilder(options);
        // Lines are read and checked on their own (JSON, the validators: no database) a batch ahead, on another thread,
        // while the batch before is written: the two take about as long as each other.
        var batches = Channel.CreateBounded<(List<ImportLine> Lines, long End)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadAsync(input, options, batches.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var (lines, end) in batches.Reader.ReadAllAsync(ct))
            {
                await WriteBatchAsync(lines, options, report, ct);
                progress?.Invoke(report.Progress(end));
            }

            await reading;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // The input broke off (a body over its limit, a client gone): the batch being read is not written.
            throw new ImportStoppedException(report.Build(), e);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(reading); // ended by now, or ending: its failure is the one thrown above
        }

        var done = report.Build();
        Log.Imported(log, done.Lines, done.Created.Total, done.Updated.Total, done.Unchanged.Total, done.RejectedLines, options.Actor);
        return done;
    }

    /// <summary>Reads and checks the lines of <paramref name="input"/>, a batch at a time; a failure to read ends the batches (and the task) with it.</summary>
    private async Task ReadAsync(PipeReader input, ImportOptions options, ChannelWriter<(List<ImportLine>, long)> batches, CancellationToken ct)
    {
        try
        {
            var batch = new List<ImportLine>(options.BatchSize);
            var given = new Dictionary<(string Type, string Id), int>();
            long read = 0;
            await foreach (var raw in NdjsonLines.ReadAsync(input, ImportOptions.MaxLineBytes, ct))
            {
                read = raw.End;
                if (raw.IsBlank)
                {
                    continue;
                }

                var line = _lines.Read(raw);
                if (line is { Kind: { } kind, Id: { } id } && !given.TryAdd((kind.Resource.Name, id), line.Number))
                {
                    line.Reject("id", $"{kind.Resource.Title} '{id}' is given again: line {given[(kind.Resource.Name, id)]} gave it already, and a record appears once in an import.");
                }

                batch.Add(line);
                if (batch.Count == options.BatchSize)
                {
                    await batches.WriteAsync((batch, read), ct);
                    batch = new List<ImportLine>(options.BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await batches.WriteAsync((batch, read), ct);
            }
        }
        finally
        {
            batches.TryComplete(); // the batches read so far are written; a failure is the task's
        }
    }

    private async Task WriteBatchAsync(List<ImportLine> lines, ImportOptions options, ReportBuilder report, CancellationToken ct)
    {
        ImportLookup? lookup = null;
        BatchOutcome? outcome = null;
        var (committed, problem) = await curation.RunBatchAsync(options.Actor, db => lookup = new ImportLookup(db), async (changes, ct) =>
        {
            outcome = await WriteAsync(lines, lookup!, changes, options, ct); // again from the start if the attempt is retried
            return outcome.Rejected.Count == 0;
        }, ct);
        report.Add(lines, outcome!, committed, problem?.ProblemDetails.Detail);
    }

    /// <summary>Applies every line of a batch to the change set, in order; the outcome says what each did or why it was rejected.</summary>
    private async Task<BatchOutcome> WriteAsync(List<ImportLine> lines, ImportLookup lookup, ChangeSet changes, ImportOptions options, CancellationToken ct)
    {
        var outcome = new BatchOutcome();
        foreach (var line in lines.Where(l => l.Rejected))
        {
            outcome.Rejected.AddRange(line.Rejections);
        }

        var valid = lines.Where(l => !l.Rejected).ToList();
        var existing = new Dictionary<(ImportKind, string), ICurated>();
        foreach (var kind in valid.GroupBy(l => l.Kind!))
        {
            foreach (var record in await kind.Key.ExistingAsync([.. kind.Select(l => l.Id!)], db, ct))
            {
                existing[(kind.Key, record.Id)] = record;
            }
        }

        var refs = new ImportReferences();
        foreach (var line in valid)
        {
            line.Kind!.Refer(line.Record!, refs);
        }

        await lookup.PreloadAsync(refs, ct);
        foreach (var line in valid)
        {
            var (kind, record) = (line.Kind!, line.Record!);
            var rejections = new List<RejectedLine>();
            if (existing.TryGetValue((kind, record.Id), out var current))
            {
                if (current.DeletedAt is not null)
                {
                    Reject(line, outcome, "id", $"{kind.Resource.Title} '{record.Id}' is deleted; an admin can restore it (POST {kind.Resource.Location(record.Id)}/restore), and then an import can change it.");
                    continue;
                }

                var at = changes.Pending.Count;
                var content = Content(current);
                if (await kind.ReplaceAsync(current, record, changes, ct) is { } refused)
                {
                    Reject(line, outcome, ImportProblems.Fields(refused));
                    continue;
                }

                if (Content(current) == content)
                {
                    outcome.Unchanged.Add(kind);
                    continue;
                }

                // Not saved yet: the database still shows the record as readers saw it before this line.
                changes.Insert(at, kind.Resource, current, "update", await kind.Resource.RenderAsync(current.Id, db, ct));
                outcome.Updated.Add(kind);
                if (current is ClaimedFact or NamedEntity or Article or Statement)
                {
                    // What later lines read about it has changed: saved, and the database answers from here on.
                    await db.SaveChangesAsync(ct);
                    lookup.Forget();
                    await lookup.PreloadAsync(refs, ct);
                }

                continue;
            }

            var (created, problem) = await kind.CreateAsync(record, lookup, ct);
            if (problem is not null)
            {
                Reject(line, outcome, ImportProblems.Fields(problem));
                continue;
            }

            if (options.Published && created is IWorkflowed workflowed)
            {
                workflowed.Workflow = WorkflowState.Published;
                if (created is ClaimedFact claim && await ClaimReferences.UnpublishedEvidenceAsync(claim, lookup, ct) is { } unpublished)
                {
                    Reject(line, outcome, "evidence", unpublished);
                    continue;
                }
            }

            // Inserted at once (a later line may refer to it, and the database then has it), untracked: many rows,
            // and nothing changes them again in this batch.
            await db.Rows.InsertAsync(created!, ct);
            changes.Add(kind.Resource, created!, "create", before: null, touch: false);
            lookup.Added(created!);
            outcome.Created.Add(kind);
            if (options.Propose && created is Article article)
            {
                var (entities, statements, claims) = await ArticleProposals.AddAsync(
                    article, await ArticleProposals.ExtractAsync(article.Text, _aliases, db, ct), changes, ct);
                outcome.Proposed.Add(CuratedRecords.Entity, entities);
                outcome.Proposed.Add(CuratedRecords.Statement, statements);
                outcome.Proposed.Add(CuratedRecords.Claim, claims);
            }
        }

        return outcome;
    }

    private static void Reject(ImportLine line, BatchOutcome outcome, string? field, string reason)
    {
        line.Reject(field, reason);
        outcome.Rejected.Add(line.Rejections[^1]);
    }

    private static void Reject(ImportLine line, BatchOutcome outcome, IDictionary<string, string[]> errors)
    {
        var before = line.Rejections.Count;
        line.Reject(errors);
        outcome.Rejected.AddRange(line.Rejections.Skip(before));
    }

    /// <summary>The record with its children as JSON, to tell whether a line changed it.</summary>
    private static string Content(ICurated record) => JsonSerializer.Serialize(record, record.GetType());

    /// <summary>What a batch's lines did (or would have done, had it been committed).</summary>
    private sealed class BatchOutcome
    {
        public Counts Created { get; } = new();
        public Counts Updated { get; } = new();
        public Counts Unchanged { get; } = new();
        public Counts Proposed { get; } = new();
        public List<RejectedLine> Rejected { get; } = [];
    }

    /// <summary>Records by kind.</summary>
    private sealed class Counts
    {
        private readonly Dictionary<string, int> _byType = new(StringComparer.Ordinal);

        public void Add(ImportKind kind) => Add(kind.Resource.Name, 1);

        public void Add(string type, int count) => _byType[type] = _byType.GetValueOrDefault(type) + count;

        public void Add(Counts other)
        {
            foreach (var (type, count) in other._byType)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + count;
            }
        }

        public int Of(string type) => _byType.GetValueOrDefault(type);

        public ImportCounts ToCounts() => new(
            Of(CuratedRecords.Article), Of(CuratedRecords.Entity), Of(CuratedRecords.Statement), Of(CuratedRecords.Claim), Of(CuratedRecords.Review));
    }

    /// <summary>The report, batch by batch.</summary>
    private sealed class ReportBuilder(ImportOptions options)
    {
        private readonly Counts _created = new();
        private readonly Counts _updated = new();
        private readonly Counts _unchanged = new();
        private readonly Counts _proposed = new();
        private readonly List<ImportBatch> _batches = [];
        private readonly List<RejectedLine> _rejected = [];
        private int _lines;
        private int _rejectedLines;

        public void Add(List<ImportLine> lines, BatchOutcome outcome, bool committed, string? reason)
        {
            _lines += lines.Count;
            _batches.Add(new ImportBatch(lines[0].Number, lines[^1].Number, committed, committed || outcome.Rejected.Count > 0 ? null : reason));
            if (committed)
            {
                _created.Add(outcome.Created);
                _updated.Add(outcome.Updated);
                _unchanged.Add(outcome.Unchanged);
                _proposed.Add(outcome.Proposed);
            }

            _rejectedLines += outcome.Rejected.Select(r => r.Line).Distinct().Count();
            _rejected.AddRange(outcome.Rejected.OrderBy(r => r.Line).Take(ImportOptions.MaxListed - _rejected.Count));
        }

        public ImportProgress Progress(long bytes) =>
            new(_lines, bytes, _created.Of(CuratedRecords.Claim) + _updated.Of(CuratedRecords.Claim), _rejectedLines);

        public ImportReport Build() => new(
            _lines, options.BatchSize, options.Published ? "published" : "draft",
            _created.ToCounts(), _updated.ToCounts(), _unchanged.ToCounts(), _proposed.ToCounts(), _rejectedLines, [.. _batches], [.. _rejected]);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Lines} lines: {Created} records created, {Updated} updated, {Unchanged} unchanged, {Rejected} lines rejected (actor {Actor})")]
        public static partial void Imported(ILogger logger, int lines, int created, int updated, int unchanged, int rejected, string actor);
    }
}
