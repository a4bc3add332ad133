using ClaimsApi.Domain;
using ClaimsApi.Export;
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

    /// <summary>The CSV columns of the export, named by the JSON paths they flatten.</summary>
    private static readonly CsvColumn<EntityResponse>[] CsvColumns =
    [
        new("id", e => e.Id),
        new("name", e => e.Name),
        new("kind", e => CsvFields.Of(e.Kind)),
        new("aliases", e => CsvFields.List(e.Aliases)),
        new("description", e => e.Description),
        new("wikidataId", e => e.WikidataId),
        new("partOf.id", e => e.PartOf?.Id),
        new("partOf.name", e => e.PartOf?.Name),
        new("revision", e => CsvFields.Of(e.Revision)),
    ];

    [EndpointName("ListEntities")]
    [EndpointSummary("List entities")]
    [EndpointDescription("Entities ordered by id, filtered by kind and by a name or any alias (case- and diacritic-insensitive).")]
    internal static async Task<Ok<Page<EntityResponse>>> List(
        [AsParameters] EntityListQuery query, ClaimsDbContext db, HttpContext context, CancellationToken ct)
    {
        var limit = QueryValues.Limit(query.Limit);
        Paging.TryDecode(query.Cursor, EntityListQuery.Sort, out var cursor);
        var rows = await ToResponsesAsync(ById.Page(Filter(query, db), cursor is null ? null : [cursor.Id]).Take(limit + 1), db, ct);
        return TypedResults.Ok(rows.ToPage(limit, context, e => new Paging.Cursor(EntityListQuery.Sort, null, e.Id)));
    }

    [EndpointName("ExportEntities")]
    [EndpointSummary("Export entities")]
    [EndpointDescription("Every entity the filters select (those of GET /v1/entities, without paging), in id order, streamed as NDJSON (each line the entity exactly as GET /v1/entities/{id} answers) or CSV (aliases and partOf flattened), chosen by Accept or format. The whole export is one snapshot; the Changes-Position header names the change-feed position it is consistent with: GET /v1/changes?after={position} gives what changed since. A client runs at most a few exports at once (429 past them).")]
    internal static Results<ExportResult<EntityResponse>, ProblemHttpResult> Export(
        [AsParameters] EntityListQuery query, [AsParameters] ExportQuery export, ClaimsDbContext db, HttpContext context) =>
        Exports.Of(export, context.Request, _ => ExportSource.Of(Filter(query, db), ById, (batch, ct) => ToResponsesAsync(batch, db, ct), e => e.Id, CsvColumns));

    /// <summary>The entities that pass the (validated) query's filters; composable.</summary>
    private static IQueryable<NamedEntity> Filter(EntityListQuery query, ClaimsDbContext db)
    {
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

        return entities;
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
        (await ToResponsesAsync(db.Entities.AsNoTracking().Where(e => e.Id == id), db, ct)).SingleOrDefault();

    /// <summary>The live entities among <paramref name="ids"/>, by id.</summary>
    internal static async Task<IReadOnlyDictionary<string, EntityResponse>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        (await ToResponsesAsync(db.Entities.AsNoTracking().WhereIn(e => e.Id, ids), db, ct)).ToDictionary(e => e.Id, StringComparer.Ordinal);

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

    /// <summary>Reads entities with their aliases and what they are part of; keeps the query's order.</summary>
    internal static async Task<List<EntityResponse>> ToResponsesAsync(IQueryable<NamedEntity> entities, ClaimsDbContext db, CancellationToken ct)
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
                e.ProposedBy,
                e.Extractor,
                e.Confidence,
                e.ConfirmedAt,
                e.Revision,
            })
            .ToListAsync(ct);
        var refs = await EntityRefs.LoadAsync(db, rows.Select(r => r.PartOfId), ct);
        return [.. rows.Select(r => new EntityResponse(r.Id, r.Name, r.Kind, r.Aliases, r.Description, r.WikidataId, refs.Get(r.PartOfId), Provenance.Of(r.ProposedBy, r.Extractor, r.Confidence, r.ConfirmedAt), r.Revision))];
    }
}
