using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

/// <summary>
/// Makes a realistic synthetic knowledge base for scale tests (issue #4): entities with aliases (some names
/// non-ASCII, one outside the Basic Multilingual Plane), news-like articles in the seed layout with paragraph
/// spans, statements that are exact spans of their articles, and claims with evidence inside those statements,
/// mentions, qualifiers and links. Everything comes from one <see cref="Random"/> seeded with
/// <see cref="SyntheticOptions.Seed"/>, so a run is reproducible. Rows are written with raw ADO.NET (prepared
/// inserts on SQLite, binary COPY on PostgreSQL) rather than EF change tracking, into the tables and columns the EF
/// model names (<see cref="SyntheticSchema"/>), then the search index is rebuilt once.
/// </summary>
internal sealed partial class SyntheticGenerator
{
    public const string IdPrefix = "syn-";
    private const int ArticlesPerBatch = 1000;
    private static readonly DateOnly FirstDay = new(2015, 1, 1);
    private static readonly DateOnly LastDay = new(2026, 10, 31);

    private readonly SyntheticOptions _options;
    private readonly Random _random;
    private Cast _all = null!;
    private int _statementCount;
    private int _claimCount;
    private int _articleCount;

    public SyntheticGenerator(SyntheticOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>True when any generated row is already there (a second run would collide).</summary>
    public static async Task<bool> HoldsSyntheticRowsAsync(ClaimsDbContext db, CancellationToken ct) =>
        await db.Entities.AnyAsync(e => e.Id.StartsWith(IdPrefix), ct)
        || await db.Articles.AnyAsync(a => a.Id.StartsWith(IdPrefix), ct)
        || await db.Claims.AnyAsync(c => c.Id.StartsWith(IdPrefix), ct);

    /// <summary>Generates and writes the base, rebuilds the search index and entity_claims, and reports progress to <paramref name="progress"/>.</summary>
    public static Task<SyntheticSummary> GenerateAsync(ClaimsDbContext db, SyntheticOptions options, TextWriter progress, CancellationToken ct) =>
        GenerateAsync(db, SyntheticSchema.Resolve(db), options, progress, ct);

    /// <inheritdoc cref="GenerateAsync(ClaimsDbContext, SyntheticOptions, TextWriter, CancellationToken)"/>
    public static async Task<SyntheticSummary> GenerateAsync(ClaimsDbContext db, TableSpec[] schema, SyntheticOptions options, TextWriter progress, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var connectionString = db.Database.GetConnectionString()!;
        var counts = new int[Tables.All.Length];

        // Generation runs on its own thread, a couple of batches ahead, while this one writes.
        // A failed write cancels the producer, which would otherwise wait forever for room in the channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<SyntheticBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in new SyntheticGenerator(options).Batches())
                {
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            await using var writer = db.Database.IsNpgsql()
                ? await PostgresBatchWriter.OpenAsync(connectionString, schema, ct)
                : (IBatchWriter)await SqliteBatchWriter.OpenAsync(connectionString, schema, ct);
            var nextReport = 100_000;
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                await writer.WriteAsync(batch, ct);
                for (var t = 0; t < counts.Length; t++)
                {
                    counts[t] += batch.Rows[t].Count;
                }

                if (counts[Tables.Claims.Ordinal] >= nextReport || counts[Tables.Claims.Ordinal] == options.Claims)
                {
                    var claims = counts[Tables.Claims.Ordinal];
                    nextReport = (claims / 100_000 + 1) * 100_000;
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {claims,9:N0} claims ({100.0 * claims / options.Claims,5:F1} %), {counts[Tables.Articles.Ordinal]:N0} articles, {counts[Tables.Statements.Ordinal]:N0} statements, {counts.Sum(c => (long)c):N0} rows: {total.Elapsed.TotalSeconds:F1} s"));
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        await producer;
        var insert = total.Elapsed;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Inserted {counts.Sum(c => (long)c):N0} rows in {insert.TotalSeconds:F1} s; rebuilding the search index and entity_claims…"));

        var index = Stopwatch.StartNew();
        await RebuildSearchIndexAsync(db, ct);
        index.Stop();

        var summary = new SyntheticSummary(
            counts[Tables.Entities.Ordinal], counts[Tables.EntityAliases.Ordinal], counts[Tables.Articles.Ordinal],
            counts[Tables.Paragraphs.Ordinal], counts[Tables.Statements.Ordinal], counts[Tables.Claims.Ordinal],
            counts[Tables.Evidence.Ordinal], counts[Tables.Mentions.Ordinal], counts[Tables.Qualifiers.Ordinal],
            counts[Tables.Links.Ordinal], insert, index.Elapsed);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Search index rebuilt and entity_claims filled in {index.Elapsed.TotalSeconds:F1} s. Done in {total.Elapsed.TotalSeconds:F1} s: {summary.Entities:N0} entities ({summary.Aliases:N0} aliases), {summary.Articles:N0} articles ({summary.Paragraphs:N0} paragraphs), {summary.Statements:N0} statements, {summary.Claims:N0} claims ({summary.Evidence:N0} evidence, {summary.Mentions:N0} mentions, {summary.Qualifiers:N0} qualifiers, {summary.Links:N0} links)."));
        return summary;
    }

    /// <summary>
    /// The search index and entity_claims (the claims of each entity in list order) are rebuilt in one transaction,
    /// with no command timeout: at a million claims it takes minutes, far over the providers' 30 s default.
    /// </summary>
    private static async Task RebuildSearchIndexAsync(ClaimsDbContext db, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(6));
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async token =>
            {
                await db.Database.OpenConnectionAsync(token);
                try
                {
                    if (db.Database.IsSqlite())
                    {
                        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", token);
                    }

                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    await db.RebuildSearchIndexAsync(token);
                    await db.RebuildEntityClaimsAsync(token);
                    await transaction.CommitAsync(token);
                    if (db.Database.IsSqlite())
                    {
                        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", token);
                    }
                    else
                    {
                        await db.Database.ExecuteSqlRawAsync("ANALYZE", token);
                    }
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>The rows, in batches of <see cref="ArticlesPerBatch"/> articles; the entities come in the first batch.</summary>
    public IEnumerable<SyntheticBatch> Batches()
    {
        var batch = new SyntheticBatch();
        _all = CreateEntities(batch);
        var remaining = _options.Claims;
        var articlesInBatch = 0;
        while (remaining > 0)
        {
            var claims = Math.Min(remaining, 5 + _random.Next(11));
            AddArticle(batch, claims);
            remaining -= claims;
            if (++articlesInBatch == ArticlesPerBatch)
            {
                yield return batch;
                batch = new SyntheticBatch();
                articlesInBatch = 0;
            }
        }

        if (articlesInBatch > 0 || batch.Rows.Any(r => r.Count > 0))
        {
            yield return batch;
        }
    }

    private static string Id(string kind, int number, int digits) =>
        IdPrefix + kind + "-" + number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
}
