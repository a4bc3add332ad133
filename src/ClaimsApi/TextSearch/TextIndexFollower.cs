using System.Diagnostics;
using ClaimsApi.Features.Search;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.TextSearch;

/// <summary>Where and how this instance keeps its text index.</summary>
public sealed class TextSearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// The folder of this instance's index (relative to the content root), or <c>:memory:</c> for one rebuilt at every
    /// start (tests, small bases). Empty: a folder of <c>data/search-index/</c> named after the database, so that two
    /// databases never share an index.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>How often the change log is read for changes this instance did not make itself (other instances' writes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Keeps this instance's <see cref="TextIndex"/> in step with the database (decision 0032): reads the change log
/// (the history, in commit order) after the position the index has applied, reindexes the documents each change
/// touched, and commits the index with the new position. Woken at once by this instance's own commits
/// (<see cref="Wake"/>) and every <see cref="TextSearchOptions.PollInterval"/> for the others'. An empty index is
/// built from the database first.
/// </summary>
public sealed partial class TextIndexFollower(
    TextIndex index, EntityAliasIndex aliases, IServiceScopeFactory scopes, IOptions<TextSearchOptions> options, TimeProvider time, ILogger<TextIndexFollower> log)
    : BackgroundService
{
    /// <summary>How often what has been applied is made durable (a crash re-applies at most this much of the change log).</summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(5);

    private const int Batch = 500;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly SemaphoreSlim applying = new(1, 1);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the index has been built and can answer (it may still be catching up).</summary>
    public bool IsReady => ready.Task.IsCompleted;

    private readonly TaskCompletionSource warmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the index has also been warmed after the start (<see cref="WarmAsync"/>), or the warming failed.</summary>
    public bool IsWarm => warmed.Task.IsCompleted;

    /// <summary>Completes once the index has been warmed after the start, or the warming failed.</summary>
    public Task Warmed => warmed.Task;

    /// <summary>Completes once the index can answer.</summary>
    public Task Ready => ready.Task;

    /// <summary>Asks the follower to read the change log now (after a commit of this instance).</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>
    /// Brings the index up to every change committed before this call (a search calls it first, so that a search
    /// sees every write committed before it, on every instance): one read of the change log's head, and when the
    /// index is behind, the changes since.
    /// </summary>
    public async Task EnsureCurrentAsync(ClaimsDbContext db, CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        var head = await db.History.MaxAsync(h => (long?)h.Id, ct) ?? 0;
        if (head <= index.Position)
        {
            return;
        }

        await applying.WaitAsync(ct);
        try
        {
            while (index.Position < head && await ApplyNextAsync(db, ct))
            {
            }
        }
        finally
        {
            applying.Release();
        }
    }

    /// <summary>Applies the changes committed after the index's position, a batch at a time; false when there was none.</summary>
    public async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        await applying.WaitAsync(ct);
        try
        {
            return await ApplyNextAsync(db, ct);
        }
        finally
        {
            applying.Release();
        }
    }

    private async Task<bool> ApplyNextAsync(ClaimsDbContext db, CancellationToken ct)
    {
        var after = index.Position;
        var changes = await db.History.AsNoTracking().Where(h => h.Id > after).OrderBy(h => h.Id).Take(Batch)
            .Select(h => new { h.Id, h.ResourceType, h.ResourceId }).ToListAsync(ct);
        if (changes.Count == 0)
        {
            return false;
        }

        var keys = new HashSet<(string Kind, string Id)>();
        foreach (var change in changes)
        {
            keys.UnionWith(await IndexSource.AffectedAsync(db, change.ResourceType, change.ResourceId, ct));
        }

        var documents = await IndexSource.OfAsync(db, keys, ct);
        index.Apply(keys, documents, changes[^1].Id);
        if (changes.Any(c => c.ResourceType == "entity"))
        {
            aliases.Invalidate(); // names and aliases a query is read with
        }

        return true;
    }

    /// <summary>Rebuilds the index from the database; <paramref name="progress"/> hears how many documents are in so far.</summary>
    public Task RebuildAsync(Action<long>? progress, CancellationToken ct) => RebuildAsync(index, scopes, progress, ct);

    /// <summary>Rebuilds <paramref name="target"/> from the database (the server's index, or one a command opened).</summary>
    public static async Task RebuildAsync(TextIndex target, IServiceScopeFactory scopes, Action<long>? progress, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        // The position first: a change committed while the documents are read is applied again afterwards (reindexing is idempotent).
        var position = await db.History.MaxAsync(h => (long?)h.Id, ct) ?? 0;
        await target.ReplaceAsync(IndexSource.AllAsync(db, ct), position, progress, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index.Damage is { } damage)
        {
            LogDamaged(log, damage);
        }

        try
        {
            while (index.Position == 0 && index.Count == 0)
            {
                try
                {
                    var watch = Stopwatch.StartNew();
                    await RebuildAsync(null, stoppingToken);
                    LogBuilt(log, index.Count, watch.Elapsed.TotalSeconds);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(log, e); // tried again in a second; searches wait meanwhile, the rest of the API serves
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
            }

            ready.TrySetResult();
            await WarmAsync(stoppingToken);
            var committed = time.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await CatchUpAsync(stoppingToken))
                    {
                    }

                    if (time.GetUtcNow() - committed >= CommitInterval)
                    {
                        index.Commit();
                        committed = time.GetUtcNow();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy or unreachable database, a full disk, no file descriptor to spare: the index stays as it
                    // was (searches bring it up to date themselves) and the next turn tries again; the API keeps serving.
                    LogFailed(log, e);
                }

                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Prepares the first searches after a start (they took most of a second at a million claims): the alias table
    /// a query is read with, each segment's facet columns, and one search and its facets. A failure is only logged.
    /// </summary>
    private async Task WarmAsync(CancellationToken ct)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
            var (query, _) = await aliases.AnalyseAsync("said", db, ct);
            await Task.Run(() => index.Warm(query), ct);
            LogWarmed(log, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e);
        }
        finally
        {
            warmed.TrySetResult();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (IsReady)
        {
            index.Commit(); // a clean stop resumes where it stopped
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index built from the database: {Documents} documents in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int documents, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index: the folder's index could not be read ({Damage}); it starts over empty and is built again from the database")]
    private static partial void LogDamaged(ILogger logger, string damage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index warmed for the first searches in {Seconds:F1} s")]
    private static partial void LogWarmed(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index: building it or applying the change log failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
