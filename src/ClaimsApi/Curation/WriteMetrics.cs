using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;

namespace ClaimsApi.Curation;

/// <summary>
/// Counts every change once its transaction commits (<c>claimsapi.writes</c>, or <c>claimsapi.seed.records</c>
/// for the seed import's), by kind of record and action: a write that rolls back is not counted.
/// </summary>
public sealed class WriteMetrics(ClaimsMetrics metrics, CommitHooks commits, IHttpContextAccessor accessor) : IChangeObserver
{
    public ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        // A change made while answering a request is a write; the seed import runs outside any request (at start-up, or
        // `migrate`), under its own actor, which tells it from the `import` command's writes.
        var bySeeds = accessor.HttpContext is null && change.Actor == Seeding.SeedImporter.Actor;
        var (kind, action) = (change.Resource.Name, change.Action);
        commits.WhenCommitted(db, () => metrics.Committed(kind, action, bySeeds));
        return ValueTask.CompletedTask;
    }
}
