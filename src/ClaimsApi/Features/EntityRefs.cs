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

        return await db.Entities.AsNoTracking()
            .Where(e => wanted.Contains(e.Id))
            .Select(e => new EntityRef(e.Id, e.Name, e.Kind))
            .ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
    }

    public static EntityRef? Get(this IReadOnlyDictionary<string, EntityRef> refs, string? id) =>
        id is not null && refs.TryGetValue(id, out var found) ? found : null;
}
