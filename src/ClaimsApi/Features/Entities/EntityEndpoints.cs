using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Entities;

public static class EntityEndpoints
{
    private static readonly Keyset<NamedEntity> ById = Keyset<NamedEntity>.Ascending(e => e.Id);

    [EndpointName("ListEntities")]
    [EndpointSummary("List entities")]
    [EndpointDescription("Entities ordered by id, filtered by kind and by a name or any alias (case- and diacritic-insensitive).")]
    internal static async Task<Ok<Page<EntityResponse>>> List(
        [AsParameters] EntityListQuery query, ClaimsDbContext db, HttpContext context, CancellationToken ct)
    {
        var limit = QueryValues.Limit(query.Limit);
        var entities = db.Entities.AsNoTracking();
        if (QueryValues.Enum<EntityKind>(query.Kind) is { } kind)
        {
            entities = entities.Where(e => e.Kind == kind);
        }

        if (query.Name is { } name)
        {
            var key = TextFolding.Fold(name);
            entities = entities.Where(e => e.NormalizedName == key || e.Aliases.Any(a => a.NormalizedAlias == key));
        }

        Paging.TryDecode(query.Cursor, EntityListQuery.Sort, out var cursor);
        var rows = await Project(ById.Page(entities, cursor is null ? null : [cursor.Id]).Take(limit + 1), db, ct);
        return TypedResults.Ok(rows.ToPage(limit, context, e => new Paging.Cursor(EntityListQuery.Sort, null, e.Id)));
    }

    [EndpointName("GetEntity")]
    [EndpointSummary("Get an entity")]
    [EndpointDescription("One entity with its aliases. The ETag is its revision and a digest of the bytes (\"3-5f0c2a9d41be\"), so it changes with anything shown, embedded names included: If-None-Match answers 304. An entity merged into another answers 301 with the other's URL.")]
    internal static async Task<Results<Ok<EntityResponse>, RedirectHttpResult, ProblemHttpResult>> Get(string id, ClaimsDbContext db, CancellationToken ct)
    {
        if (await LoadAsync(id, db, ct) is { } entity)
        {
            return TypedResults.Ok(entity);
        }

        return await MergedIntoAsync(id, db, ct) is { } target
            ? TypedResults.Redirect($"/v1/entities/{target}", permanent: true)
            : Problems.NotFound("entity", id);
    }

    /// <summary>The live entity that a merged (deleted) entity ended up in, following later merges, or null.</summary>
    private static async Task<string?> MergedIntoAsync(string id, ClaimsDbContext db, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var current = id;
        while (true)
        {
            var here = current;
            var row = await db.Entities.IgnoreQueryFilters().Where(e => e.Id == here).Select(e => new { e.DeletedAt, e.MergedIntoId }).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                return null;
            }

            if (row.DeletedAt is null)
            {
                return here == id ? null : here;
            }

            if (row.MergedIntoId is not { } next || !seen.Add(next))
            {
                return null;
            }

            current = next;
        }
    }

    /// <summary>The entity, or null (also when it is deleted).</summary>
    internal static async Task<EntityResponse?> LoadAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        (await Project(db.Entities.AsNoTracking().Where(e => e.Id == id), db, ct)).SingleOrDefault();

    /// <summary>The live entities among <paramref name="ids"/>, by id.</summary>
    internal static async Task<IReadOnlyDictionary<string, EntityResponse>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        (await Project(db.Entities.AsNoTracking().WhereIn(e => e.Id, ids), db, ct)).ToDictionary(e => e.Id, StringComparer.Ordinal);

    [EndpointName("ListEntityClaims")]
    [EndpointSummary("List the claims of an entity")]
    [EndpointDescription("Claims made by the entity (it is the claimant) or mentioning it, with the same filters, sort and paging as GET /v1/claims.")]
    internal static async Task<Results<Ok<Page<ClaimSummary>>, ProblemHttpResult>> ListClaims(
        string id, [AsParameters] ClaimListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct)
    {
        if (!await db.Entities.AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound("entity", id);
        }

        return TypedResults.Ok(await ClaimEndpoints.QueryPageAsync(query, id, db, aliases, context, ct));
    }

    private static async Task<List<EntityResponse>> Project(IQueryable<NamedEntity> entities, ClaimsDbContext db, CancellationToken ct)
    {
        var rows = await entities
            .Select(e => new
            {
                e.Id,
                e.Name,
                e.Kind,
                Aliases = e.Aliases.OrderBy(a => a.Alias).Select(a => a.Alias).ToList(),
                e.Description,
                e.WikidataId,
                e.PartOfId,
                e.Revision,
            })
            .ToListAsync(ct);
        var refs = await EntityRefs.LoadAsync(db, rows.Select(r => r.PartOfId), ct);
        return [.. rows.Select(r => new EntityResponse(r.Id, r.Name, r.Kind, r.Aliases, r.Description, r.WikidataId, refs.Get(r.PartOfId), r.Revision))];
    }
}
