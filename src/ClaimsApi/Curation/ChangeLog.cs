using System.Linq.Expressions;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Curation;

/// <summary>
/// What a change was, as the change feed, the Atom feed and webhooks name it: the history's action, with a workflow
/// move named by where it went. A change an entity merge makes to a record it repoints is an update of that record;
/// only the entity merged away is "merged".
/// </summary>
public static class ChangeEvents
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Submitted = "submitted";
    public const string Published = "published";
    public const string Retracted = "retracted";
    public const string Drafted = "drafted";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string Merged = "merged";

    /// <summary>Every event, in the order of a record's life.</summary>
    public static readonly IReadOnlyList<string> All = [Created, Updated, Submitted, Published, Retracted, Drafted, Deleted, Restored, Merged];

    /// <summary>The event of a change recorded as <paramref name="action"/> that left the record as <paramref name="after"/> (null: gone).</summary>
    public static string Of(string action, JsonElement? after) => action switch
    {
        "create" => Created,
        "update" => Updated,
        "delete" => Deleted,
        "restore" => Restored,
        "merge" => after is null ? Merged : Updated,
        "transition" => after?.TryGetProperty("workflow", out var workflow) == true ? OfMove(workflow.GetString()) : Updated,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action of the history."),
    };

    private static string OfMove(string? to) => to switch
    {
        "in-review" => Submitted,
        "published" => Published,
        "retracted" => Retracted,
        "draft" => Drafted,
        _ => Updated,
    };
}

/// <summary>One change as the change log gives it to its readers.</summary>
/// <param name="Position">Its place in the log: the history entry's id.</param>
/// <param name="Type">The kind of record.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Revision">The revision the change made.</param>
/// <param name="Event">What the change was (<see cref="ChangeEvents"/>).</param>
/// <param name="At">When it was made.</param>
public sealed record LoggedChange(long Position, string Type, string Id, int Revision, string Event, DateTimeOffset At);

/// <summary>A change with the record as the change left it (as it was before, for a deletion), as the history keeps it.</summary>
/// <param name="Change">The change.</param>
/// <param name="Representation">The record's API representation (JSON) at the change.</param>
public sealed record LoggedSnapshot(LoggedChange Change, string Representation);

/// <summary>
/// Reads the change log: the history, in the order its entries committed (decision 0033). Every position up to the
/// head is final when the head is read: SQLite has one writer, and on PostgreSQL a writer takes its history ids under
/// the change log's lock and holds it until it commits, so no entry below the head can still appear. A reader that
/// reads the head first and then the entries up to it can never skip one that commits later.
/// </summary>
public static class ChangeLog
{
    /// <summary>The position of the newest change (0 when there is none).</summary>
    public static async Task<long> HeadAsync(ClaimsDbContext db, CancellationToken ct) =>
        await db.History.MaxAsync(h => (long?)h.Id, ct) ?? 0;

    /// <summary>
    /// The changes after <paramref name="after"/> up to <paramref name="head"/> (read first, <see cref="HeadAsync"/>),
    /// in order, at most <paramref name="limit"/>: those of the given types, and for a reader who does not see
    /// unpublished records only those to a record they saw before or see after the change. Also the position to
    /// read after next: the last change returned, or the head when none is left up to it.
    /// </summary>
    public static async Task<(List<LoggedChange> Changes, long Next)> ReadAsync(
        ClaimsDbContext db, long after, long head, IReadOnlyCollection<string>? types, bool everyone, int limit, CancellationToken ct)
    {
        var changes = await Seen(db, types, everyone).Where(h => h.Id > after && h.Id <= head).OrderBy(h => h.Id).Take(limit)
            .Select(h => new LoggedChange(h.Id, h.ResourceType, h.ResourceId, h.Revision, h.Event, h.At))
            .ToListAsync(ct);
        return (changes, changes.Count == limit ? changes[^1].Position : head);
    }

    /// <summary>
    /// The newest changes before <paramref name="before"/> (null: the newest of all), newest first, at most
    /// <paramref name="limit"/>, chosen as <see cref="ReadAsync"/> chooses them and further by <paramref name="where"/>
    /// (which records), each with the record as the change left it: what a feed of recent changes shows. It needs no
    /// head: a change that commits later takes a position above every one read now, so the pages below a position
    /// never change.
    /// </summary>
    public static Task<List<LoggedSnapshot>> ReadBackAsync(
        ClaimsDbContext db, long? before, IReadOnlyCollection<string>? types, bool everyone, Expression<Func<HistoryEntry, bool>>? where, int limit, CancellationToken ct)
    {
        // The types are compared as an expression, not a column, so that no plan starts from the index on
        // (resource_type, resource_id): SQLite, without statistics, would read every claim's entry through it and
        // sort them all, where the primary key read backwards stops after the page (10 s against 0.1 s at a million).
        var entries = Seen(db, null, everyone);
        if (types is { Count: > 0 })
        {
            entries = entries.Where(h => types.Contains(h.ResourceType + ""));
        }

        if (before is { } position)
        {
            entries = entries.Where(h => h.Id < position);
        }

        if (where is not null)
        {
            entries = entries.Where(where);
        }

        return entries.OrderByDescending(h => h.Id).Take(limit)
            .Select(h => new LoggedSnapshot(new LoggedChange(h.Id, h.ResourceType, h.ResourceId, h.Revision, h.Event, h.At), (h.After ?? h.Before)!))
            .ToListAsync(ct);
    }

    /// <summary>The history entries of these types (all when none are given) that the reader may see.</summary>
    private static IQueryable<HistoryEntry> Seen(ClaimsDbContext db, IReadOnlyCollection<string>? types, bool everyone)
    {
        var entries = db.History.AsNoTracking();
        if (!everyone)
        {
            entries = entries.Where(h => h.PublicBefore || h.PublicAfter);
        }

        if (types is { Count: > 0 })
        {
            entries = entries.Where(h => types.Contains(h.ResourceType));
        }

        return entries;
    }
}

/// <summary>
/// Wakes whoever waits for the next change (a long-polling reader of the change feed, the webhook dispatcher) once a
/// change of this instance commits. Other instances' changes are found by polling.
/// </summary>
public sealed class ChangeSignal(CommitHooks commits) : IChangeObserver
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next change of this instance commits.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        commits.WhenCommitted(db, Pulse);
        return ValueTask.CompletedTask;
    }

    /// <summary>Wakes the waiters now.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
