using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>An entity and what it is part of, as <see cref="PartOfLinks.AboveAsync"/> reads them.</summary>
internal sealed class PartOfLink
{
    public required string Id { get; init; }

    public string? PartOfId { get; init; }
}

internal static class PartOfLinks
{
    /// <summary>
    /// The part-of links from <paramref name="id"/> upwards (each entity on the way → what it is part of), deleted
    /// entities' too, in one round trip however long the chain: a recursive query, the same SQL on SQLite and
    /// PostgreSQL, whose UNION (not UNION ALL) ends it at a circle. Loading every link instead costs milliseconds
    /// once there are thousands of entities.
    /// </summary>
    public static async Task<Dictionary<string, string?>> AboveAsync(this ClaimsDbContext db, string id, CancellationToken ct)
    {
        var links = await db.Database.SqlQuery<PartOfLink>($"""
            WITH RECURSIVE up(id, part_of_id) AS (
                SELECT id, part_of_id FROM entities WHERE id = {id}
                UNION
                SELECT e.id, e.part_of_id FROM entities AS e JOIN up ON e.id = up.part_of_id
            )
            SELECT id, part_of_id FROM up
            """).ToListAsync(ct);
        return links.ToDictionary(l => l.Id, l => l.PartOfId, StringComparer.Ordinal);
    }
}
