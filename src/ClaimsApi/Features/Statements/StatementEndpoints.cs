using ClaimsApi.Domain;
using ClaimsApi.Export;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Statements;

public static class StatementEndpoints
{
    private static readonly Keyset<Statement> ById = Keyset<Statement>.Ascending(s => s.Id);

    /// <summary>The CSV columns of the export, named by the JSON paths they flatten.</summary>
    private static readonly CsvColumn<StatementResponse>[] CsvColumns =
    [
        new("id", s => s.Id),
        new("articleId", s => s.ArticleId),
        new("speaker.id", s => s.Speaker.Id),
        new("speaker.name", s => s.Speaker.Name),
        new("speaker.kind", s => CsvFields.Of(s.Speaker.Kind)),
        new("kind", s => CsvFields.Of(s.Kind)),
        new("cue", s => s.Cue),
        new("text", s => s.Text),
        new("span", s => CsvFields.Of(s.Span)),
        new("parentId", s => s.ParentId),
        new("source.id", s => s.Source?.Id),
        new("source.name", s => s.Source?.Name),
        new("claimIds", s => CsvFields.List(s.ClaimIds)),
        new("workflow", s => CsvFields.Of(s.Workflow)),
        new("retractionReason", s => s.RetractionReason),
        new("revision", s => CsvFields.Of(s.Revision)),
    ];

    [EndpointName("ListStatements")]
    [EndpointSummary("List statements")]
    [EndpointDescription("Attributed statements ordered by id, filtered by article, speaker and kind.")]
    internal static async Task<Ok<Page<StatementResponse>>> List(
        [AsParameters] StatementListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct)
    {
        var statements = await FilterAsync(query, db, aliases, ct);
        Paging.TryDecode(query.Cursor, StatementListQuery.Sort, out var cursor);
        var limit = QueryValues.Limit(query.Limit);
        var rows = await ToResponsesAsync(ById.Page(statements, cursor is null ? null : [cursor.Id]).Take(limit + 1), db, ct);
        return TypedResults.Ok(rows.ToPage(limit, context, s => new Paging.Cursor(StatementListQuery.Sort, null, s.Id)));
    }

    [EndpointName("ExportStatements")]
    [EndpointSummary("Export statements")]
    [EndpointDescription("Every statement the filters select (those of GET /v1/statements, without paging), in id order, streamed as NDJSON (each line the statement exactly as GET /v1/statements/{id} answers) or CSV (speaker, span and claim ids flattened), chosen by Accept or format. The whole export is one snapshot; the Changes-Position header names the change-feed position it is consistent with: GET /v1/changes?after={position} gives what changed since. Anonymous readers export published statements only, curators every stage; a client runs at most a few exports at once (429 past them).")]
    internal static Task<Results<ExportResult<StatementResponse>, ProblemHttpResult>> Export(
        [AsParameters] StatementListQuery query, [AsParameters] ExportQuery export, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct) =>
        Exports.OfAsync(export, context.Request, async _ =>
            ExportSource.Of(await FilterAsync(query, db, aliases, ct), ById, (batch, ct) => ToResponsesAsync(batch, db, ct), s => s.Id, CsvColumns));

    /// <summary>The statements that pass the (validated) query's words and filters; composable.</summary>
    private static async Task<IQueryable<Statement>> FilterAsync(StatementListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, CancellationToken ct)
    {
        var statements = db.Statements.AsNoTracking();
        if (query.Q is { } q)
        {
            var matching = db.MatchingIds(await aliases.BuildQueryAsync(q, db, ct), "statement");
            statements = statements.Where(s => matching.Contains(s.Id));
        }

        if (query.Article is { } article)
        {
            statements = statements.Where(s => s.ArticleId == article);
        }

        if (query.Speaker is { } speaker)
        {
            statements = statements.Where(s => s.SpeakerId == speaker);
        }

        if (QueryValues.Enum<StatementKind>(query.Kind) is { } kind)
        {
            statements = statements.Where(s => s.Kind == kind);
        }

        if (QueryValues.Enum<WorkflowState>(query.Workflow) is { } workflow)
        {
            statements = statements.Where(s => s.Workflow == workflow);
        }

        return statements;
    }

    [EndpointName("GetStatement")]
    [EndpointSummary("Get a statement")]
    [EndpointDescription("One statement with its speaker, span and the claims it is evidence for. The ETag is its revision and a digest of the bytes (\"3-5f0c2a9d41be\"), so it changes with anything shown, embedded names included: If-None-Match answers 304.")]
    internal static async Task<Results<Ok<StatementResponse>, ProblemHttpResult>> Get(string id, ClaimsDbContext db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } statement ? TypedResults.Ok(statement) : Problems.NotFound("statement", id);

    /// <summary>The statement as the current reader may see it, or null.</summary>
    internal static async Task<StatementResponse?> LoadAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        (await ToResponsesAsync(db.Statements.AsNoTracking().Where(s => s.Id == id), db, ct)).SingleOrDefault();

    /// <summary>The statements among <paramref name="ids"/> the current reader may see, by id.</summary>
    internal static async Task<IReadOnlyDictionary<string, StatementResponse>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        (await ToResponsesAsync(db.Statements.AsNoTracking().WhereIn(s => s.Id, ids), db, ct)).ToDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>Reads statements with their speakers, sources and the claims they support; keeps the query's order.</summary>
    internal static async Task<List<StatementResponse>> ToResponsesAsync(IQueryable<Statement> statements, ClaimsDbContext db, CancellationToken ct)
    {
        var rows = await statements.AsNoTracking().ToListAsync(ct);
        var ids = rows.Select(s => s.Id).ToList();
        // Only the claims this reader may see: a correlated EXISTS (a lookup by key per evidence row), where an IN over
        // the visible claims would read all of them first.
        var claimIds = (await db.ClaimEvidence.AsNoTracking()
                .WhereIn(e => e.StatementId, ids).Where(e => db.Claims.Any(c => c.Id == e.ClaimId))
                .Select(e => new { e.StatementId, e.ClaimId })
                .ToListAsync(ct))
            .ToLookup(e => e.StatementId, e => e.ClaimId, StringComparer.Ordinal);
        // A parent this reader cannot see (a draft) is left out, as links to such claims are.
        var parentIds = rows.Select(s => s.ParentId).OfType<string>().Distinct().ToList();
        var visibleParents = parentIds.Count == 0 ? [] : (await db.Statements.AsNoTracking().WhereIn(s => s.Id, parentIds).Select(s => s.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var refs = await EntityRefs.LoadAsync(db, rows.SelectMany(s => new[] { s.SpeakerId, s.SourceId }), ct);
        return [.. rows.Select(s => new StatementResponse(
            s.Id,
            s.ArticleId,
            refs[s.SpeakerId],
            s.Kind,
            s.Cue,
            s.Text,
            new Span(s.Start, s.End),
            s.ParentId is { } parent && visibleParents.Contains(parent) ? parent : null,
            refs.Get(s.SourceId),
            [.. claimIds[s.Id].Distinct().Order(StringComparer.Ordinal)],
            s.Workflow,
            s.RetractionReason,
            Provenance.Of(s),
            s.Revision))];
    }
}
