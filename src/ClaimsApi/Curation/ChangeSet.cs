using System.Text.Json;
using ClaimsApi.Http;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;

namespace ClaimsApi.Curation;

/// <summary>
/// The records one write changes, as its editor hands them to the <see cref="CurationPipeline"/>: the record the
/// request is about, and any other record the change carries with it (statements an article edit moves, every
/// record an entity merge repoints). Each gets a new revision, its search-index rows and its history entry.
/// </summary>
public sealed class ChangeSet
{
    private readonly List<Pending> _pending = [];

    internal ChangeSet(ClaimsDbContext db, IWriteLookup lookup) => (Db, Lookup) = (db, lookup);

    /// <summary>The write's unit of work, inside its transaction.</summary>
    public ClaimsDbContext Db { get; }

    /// <summary>What the editors' checks read about the records the write refers to.</summary>
    public IWriteLookup Lookup { get; }

    internal IReadOnlyList<Pending> Pending => _pending;

    /// <summary>
    /// Adds a record this write changes besides the one it is about, with <paramref name="action"/> in its history.
    /// Call it before the change is saved (the pipeline saves), so that its representation before the change is
    /// the one readers saw.
    /// </summary>
    public async Task ChangingAsync<T, TView>(CuratedResource<T, TView> resource, T record, string action, CancellationToken ct)
        where T : class, ICurated
        where TView : class, IRevisioned =>
        _pending.Add(new Pending(resource, record, action, await resource.Render(record.Id, Db, ct), Touch: true));

    internal void Add(ICuratedResource resource, ICurated record, string action, IRevisioned? before, bool touch) =>
        _pending.Add(new Pending(resource, record, action, before, touch));

    /// <summary>Adds a changed record at <paramref name="index"/>: before the records its change carried with it, as a single write records them.</summary>
    internal void Insert(int index, ICuratedResource resource, ICurated record, string action, IRevisioned? before) =>
        _pending.Insert(index, new Pending(resource, record, action, before, Touch: true));
}

/// <summary>A record of a <see cref="ChangeSet"/>: what changes, how, and how readers saw it before.</summary>
internal sealed record Pending(ICuratedResource Resource, ICurated Record, string Action, IRevisioned? Before, bool Touch);

/// <summary>One committed change to one record, as every <see cref="IChangeObserver"/> sees it.</summary>
/// <param name="Resource">The kind of record.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Revision">The revision the change made.</param>
/// <param name="Action">create, update, transition, merge, delete or restore.</param>
/// <param name="Actor">Who made it: the API key's name, or "seeds" for the seed import.</param>
/// <param name="At">When.</param>
/// <param name="Before">The record as readers saw it before (null when they could not: a creation, a restore).</param>
/// <param name="After">The record as readers see it after (null once it is deleted).</param>
public sealed record CuratedChange(ICuratedResource Resource, string Id, int Revision, string Action, string Actor, DateTimeOffset At, object? Before, object? After)
{
    private (JsonSerializerOptions Options, byte[]? Before, byte[]? After)? _json;

    /// <summary>
    /// <see cref="Before"/> and <see cref="After"/> as JSON (UTF-8) in <paramref name="options"/>: made once, for every
    /// observer that needs the bytes (the history keeps them, the read model reads the ids they name).
    /// </summary>
    public (byte[]? Before, byte[]? After) Json(JsonSerializerOptions options)
    {
        if (_json is not { } json || !ReferenceEquals(json.Options, options))
        {
            _json = json = (options, Serialize(Before, options), Serialize(After, options));
        }

        return (json.Before, json.After);
    }

    private static byte[]? Serialize(object? representation, JsonSerializerOptions options) =>
        representation is null ? null : JsonSerializer.SerializeToUtf8Bytes(representation, representation.GetType(), options);
}

/// <summary>
/// Something that must commit with every change (the history today; a change feed, a read model or a webhook
/// outbox next): called inside the write's transaction, in the order the changes were made, after the records are
/// saved. What it adds to the unit of work is saved and committed with the change, or not at all.
/// </summary>
public interface IChangeObserver
{
    ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct);

    /// <summary>
    /// The changes of one write (or one batch of an import), in the order they were made: each in turn unless the
    /// observer can take many at once more cheaply (one statement for the lot).
    /// </summary>
    async ValueTask OnChangesAsync(IReadOnlyList<CuratedChange> changes, ClaimsDbContext db, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            await OnChangedAsync(change, db, ct);
        }
    }
}
