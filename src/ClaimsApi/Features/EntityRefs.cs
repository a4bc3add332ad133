using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features;

/// <summary>Resolves entity ids to <see cref="EntityRef"/>s in one query, for responses that name speakers, claimants and mentions.</summary>
internal static class EntityRefs
{
    public static async Task<IReadOnlyDictionary<string, EntityRef>> LoadAsync(ClaimsDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, EntityRef>();
        }

        // Deleted ones too: an entity the seeds no longer define is soft-deleted, and the API records that refer
        // to it keep their references (docs/decisions/0022), so they must still read. Every other way to delete
        // an entity is refused while live records refer to it, and a merge repoints them.
        return await db.Entities.IgnoreQueryFilters().AsNoTracking()
            .WhereIn(e => e.Id, wanted)
            .Select(e => new EntityRef(e.Id, e.Name, e.Kind))
            .ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
    }

    public static EntityRef? Get(this IReadOnlyDictionary<string, EntityRef> refs, string? id) =>
        id is not null && refs.TryGetValue(id, out var found) ? found : null;
}
