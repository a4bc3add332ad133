using System.Diagnostics;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;

namespace ClaimsApi.ReadModel;

/// <summary>A stored representation: the exact bytes an anonymous reader is sent, and their ETag.</summary>
public sealed record StoredRepresentation(byte[] Body, string ETag);

/// <summary>
/// The read model (decision 0031): for each record an anonymous reader has asked for since it last changed, the
/// bytes it was sent and their ETag, kept in the database (<c>representations</c>, with the ids each names in
/// <c>representation_refs</c>), so every instance on one database serves the same bytes and none serves bytes a
/// committed write has made stale. A read that finds its record's row sends it as it is (one point read, no
/// rendering); a read that misses renders and fills. A write removes, in its own transaction and after it has
/// taken the change log's turn, every row that names an id it touched; a fill is refused when a change recorded
/// after the fill's render began touched what it names. Each provider reads and writes it the cheapest way it
/// offers: raw commands, prepared once per connection, outside EF Core.
/// </summary>
public abstract class RepresentationStore(ClaimsMetrics metrics) : IAsyncDisposable
{
    /// <summary>
    /// Changes recorded after a render began that a fill still looks through; more than this many (a burst of
    /// writes while one record rendered) and the fill is skipped: the next read fills.
    /// </summary>
    protected const int MaxChangesToCheck = 64;

    /// <summary>
    /// The format of the stored bytes: this build of the API. Rows of another build (written before an upgrade,
    /// or by an instance of another version during a rolling one) are misses, and the next fill replaces them.
    /// </summary>
    public static string Format { get; } = typeof(RepresentationStore).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>The stored representation of <paramref name="resource"/> <paramref name="id"/> in this format, or null.</summary>
    public abstract ValueTask<StoredRepresentation?> ReadAsync(string resource, string id, CancellationToken cancellationToken);

    /// <summary>The change log's last committed position (0 when empty): read before a render, for <see cref="FillAsync"/>.</summary>
    public abstract ValueTask<long> PositionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="representation"/>, naming <paramref name="refs"/>, unless a change recorded after
    /// <paramref name="position"/> touched any of them (the render may have missed it). Returns whether it stored it.
    /// </summary>
    public abstract Task<bool> FillAsync(
        string resource, string id, StoredRepresentation representation, IReadOnlyCollection<string> refs, long position, CancellationToken cancellationToken);

    /// <summary>Removes, inside a write's transaction on <paramref name="db"/>, every stored representation that names one of <paramref name="touched"/>.</summary>
    public abstract Task InvalidateAsync(ClaimsDbContext db, IReadOnlyCollection<string> touched, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>Whether one of the changes read (kind, id, before, after) touched one of <paramref name="refs"/>.</summary>
    protected static bool Touches(IEnumerable<(string Resource, string Id, string? Before, string? After)> changes, IReadOnlyCollection<string> refs)
    {
        var named = refs as ISet<string> ?? new HashSet<string>(refs, StringComparer.Ordinal);
        return changes.Any(c => named.Contains(RepresentationRefs.Collection(c.Resource)) || RepresentationRefs.Of(c.Id, c.Before, c.After).Overlaps(named));
    }

    /// <summary>Feeds <c>claimsapi.db.command.duration</c>, as EF Core's commands do.</summary>
    protected void Timed(string provider, long started) => metrics.DbCommand(provider, Stopwatch.GetElapsedTime(started), error: null);
}
