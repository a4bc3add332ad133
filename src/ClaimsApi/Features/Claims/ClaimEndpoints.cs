using ClaimsApi.Domain;
using ClaimsApi.Export;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using ClaimsApi.TextSearch;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

public static class ClaimEndpoints
{
    /// <summary>The orders of <see cref="ClaimListQuery.Sorts"/>.</summary>
    private static readonly Dictionary<string, Keyset<ClaimedFact>> Orders = new(StringComparer.Ordinal)
    {
        ["-claimedOn"] = Keyset<ClaimedFact>.Descending(c => c.ClaimedOn).ThenAscending(c => c.Id),
        ["claimedOn"] = Keyset<ClaimedFact>.Ascending(c => c.ClaimedOn).ThenAscending(c => c.Id),
        ["id"] = Keyset<ClaimedFact>.Ascending(c => c.Id),
    };

    /// <summary>The same orders over <c>entity_claims</c>, for the claims of one entity.</summary>
    private static readonly Dictionary<string, Keyset<EntityClaim>> EntityOrders = new(StringComparer.Ordinal)
    {
        ["-claimedOn"] = Keyset<EntityClaim>.Descending(e => e.ClaimedOn).ThenAscending(e => e.ClaimId),
        ["claimedOn"] = Keyset<EntityClaim>.Ascending(e => e.ClaimedOn).ThenAscending(e => e.ClaimId),
        ["id"] = Keyset<EntityClaim>.Ascending(e => e.ClaimId),
    };

    [EndpointName("ListClaims")]
    [EndpointSummary("List claims")]
    [EndpointDescription("Claims filtered by words, claimant, mentioned entity, article, kind, status, workflow stage, language and date range; sorted newest first by default; paged with a cursor.")]
    internal static async Task<Ok<Page<ClaimSummary>>> List(
        [AsParameters] ClaimListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct) =>
        TypedResults.Ok(await QueryPageAsync(query, null, db, aliases, context, ct));

    /// <summary>
    /// Applies a validated <see cref="ClaimListQuery"/> to the claims, or to the claims entity <paramref name="ofEntity"/>
    /// made or is mentioned in, and reads one page.
    /// </summary>
    internal static async Task<Page<ClaimSummary>> QueryPageAsync(
        ClaimListQuery query, string? ofEntity, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct)
    {
        var sort = query.SortOrDefault;
        Paging.TryDecode(query.Cursor, sort, out var cursor, sort == "id" ? null : QueryValues.IsDate);
        object[]? after = cursor is null ? null : sort == "id" ? [cursor.Id] : [QueryValues.Date(cursor.Key)!.Value, cursor.Id];
        var limit = QueryValues.Limit(query.Limit);

        // The claims of one entity are a range of entity_claims in list order (decision 0030): the page reads its
        // rows and stops, however common or rare the entity. What else the query asks is checked claim by claim.
        (string Id, EntityClaimScope Scope)? of = ofEntity is not null ? (ofEntity, EntityClaimScope.MadeOrMentioned)
            : query.Entity is { } mentioned ? (mentioned, EntityClaimScope.Mentioned)
            : null;
        List<ClaimedFact> rows;
        if (of is { } entity)
        {
            var filter = query with { Entity = entity.Scope == EntityClaimScope.Mentioned ? null : query.Entity, From = null, To = null };
            var listed = db.EntityClaims.AsNoTracking().Where(e => e.EntityId == entity.Id && e.Scope == entity.Scope);
            if (QueryValues.Date(query.From) is { } from)
            {
                listed = listed.Where(e => e.ClaimedOn >= from);
            }

            if (QueryValues.Date(query.To) is { } to)
            {
                listed = listed.Where(e => e.ClaimedOn <= to);
            }

            if (filter.HasAny || filter.Q is not null)
            {
                // A correlated EXISTS, not a join: no plan can start from the claims' own indexes and sort.
                var passing = await FilterAsync(db.Claims.AsNoTracking(), filter, db, aliases, ct);
                listed = listed.Where(e => passing.Any(c => c.Id == e.ClaimId));
            }

            rows = await EntityOrders[sort].Page(listed, after)
                .Join(db.Claims.AsNoTracking(), e => e.ClaimId, c => c.Id, (e, c) => c)
                .Take(limit + 1).ToListAsync(ct);
        }
        else
        {
            var claims = await FilterAsync(db.Claims.AsNoTracking(), query, db, aliases, ct);
            rows = await Orders[sort].Page(claims, after).Take(limit + 1).ToListAsync(ct);
        }

        var refs = await EntityRefs.LoadAsync(db, rows.Select(r => r.ClaimantId), ct);
        var summaries = rows.Select(c => new ClaimSummary(c.Id, c.Text, refs[c.ClaimantId], c.Kind, c.ClaimedOn, c.Status, c.ArticleId, c.Workflow)).ToList();
        return summaries.ToPage(limit, context, c => new Paging.Cursor(sort, sort == "id" ? null : c.ClaimedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Id));
    }

    /// <summary>The claims of <paramref name="claims"/> that pass the query's words and filters; composable.</summary>
    private static async Task<IQueryable<ClaimedFact>> FilterAsync(
        IQueryable<ClaimedFact> claims, ClaimListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, CancellationToken ct)
    {
        if (query.Q is { } q)
        {
            var matching = db.MatchingIds(await aliases.BuildQueryAsync(q, db, ct), "claim");
            claims = claims.Where(c => matching.Contains(c.Id));
        }

        return query.Apply(claims, db.Articles.AsNoTracking());
    }

    [EndpointName("ExportClaims")]
    [EndpointSummary("Export claims")]
    [EndpointDescription("Every claim the filters select (those of GET /v1/claims, without paging or sort), in id order, streamed as NDJSON (each line the claim exactly as GET /v1/claims/{id} answers) or CSV (evidence quotes and spans, mentions, qualifiers and links flattened, with the number of reviews and the latest verdict), chosen by Accept or format. The whole export is one snapshot; the Changes-Position header names the change-feed position it is consistent with: GET /v1/changes?after={position} gives what changed since. Anonymous readers export published claims only, curators every stage; a client runs at most a few exports at once (429 past them).")]
    internal static Task<Results<ExportResult<ClaimDetail>, ProblemHttpResult>> Export(
        [AsParameters] ClaimListQuery query, [AsParameters] ExportQuery export, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct) =>
        Exports.OfAsync(export, context.Request, async _ => ClaimExport.Source(await FilterAsync(db.Claims.AsNoTracking(), query, db, aliases, ct), db));

    [EndpointName("MatchClaims")]
    [EndpointSummary("Match a sentence against the known claims")]
    [EndpointDescription("Returns the known claims that assert what the sentence asserts, each with a score (the share of the sentence's concepts it covers) and the reason: shared entities and shared terms. Claims below the threshold are not listed.")]
    internal static async Task<Ok<ClaimMatchResponse>> Match(
        ClaimMatchRequest request, ClaimsDbContext db, EntityAliasIndex aliases, TextIndex index, TextIndexFollower follower, CancellationToken ct)
    {
        await follower.EnsureCurrentAsync(db, ct);
        var (sentence, entities) = await aliases.AnalyseAsync(request.Text, db, ct);
        var claimsOnly = new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(IndexFields.Kind, IndexSource.Claim));
        var candidateIds = index.Search(index.Rarest(sentence, ClaimMatcher.LookupGroups), ClaimMatcher.Candidates, claimsOnly).Select(h => h.Id).ToList();

        // Claims can cover an entity by mentioning it without naming it in their own text: the first claims (by id) that
        // mention one of the entities. Read entity by entity, each an ordered range of the (entity, claim) index: the
        // first of the union are among the first of each, where one query over all of them sorted every mention of
        // a frequent entity (hundreds of thousands at a million claims) to keep fifty.
        var mentioning = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entityId in entities.Select(e => e.Entity.Id).Distinct())
        {
            mentioning.UnionWith(await db.ClaimMentions.AsNoTracking()
                .Where(m => m.EntityId == entityId).OrderBy(m => m.ClaimId).Select(m => m.ClaimId)
                .Take(ClaimMatcher.Candidates).ToListAsync(ct));
        }

        candidateIds.AddRange(mentioning.Take(ClaimMatcher.Candidates));
        // Two collections per claim: one query each rather than claims × mentions × evidence rows in one.
        var claims = await db.Claims.AsNoTracking().Where(c => candidateIds.Contains(c.Id)).AsSplitQuery()
            .Select(c => new
            {
                Claim = c,
                Mentions = c.Mentions.Select(m => m.EntityId).ToList(),
                Evidence = c.Evidence.Select(e => e.Text).ToList(),
            })
            .ToListAsync(ct);

        var scored = claims
            .Select(c =>
            {
                var texts = new[] { c.Claim.Text, c.Claim.Subject ?? "", c.Claim.Predicate ?? "", c.Claim.Object ?? "" }.Concat(c.Evidence).ToList();
                var linked = c.Mentions.Append(c.Claim.ClaimantId).ToHashSet(StringComparer.Ordinal);
                return (c.Claim, Result: ClaimMatcher.Score(sentence, new ClaimMatcher.Candidate(c.Claim.Id, texts, linked)));
            })
            .Where(c => c.Result.Score >= ClaimMatcher.Threshold)
            .OrderByDescending(c => c.Result.Score).ThenBy(c => c.Claim.Id, StringComparer.Ordinal)
            .Take(request.Limit ?? 5)
            .ToList();
        var refs = await EntityRefs.LoadAsync(db, scored.SelectMany(s => s.Result.SharedEntityIds.Append(s.Claim.ClaimantId)), ct);

        return TypedResults.Ok(new ClaimMatchResponse(
            request.Text,
            ClaimMatcher.Threshold,
            entities,
            [.. scored.Select(s => new ClaimMatch(
                new ClaimSummary(s.Claim.Id, s.Claim.Text, refs[s.Claim.ClaimantId], s.Claim.Kind, s.Claim.ClaimedOn, s.Claim.Status, s.Claim.ArticleId, s.Claim.Workflow),
                Math.Round(s.Result.Score, 4),
                [.. s.Result.SharedEntityIds.Select(id => refs[id])],
                s.Result.SharedTerms))]));
    }

    [EndpointName("GetClaim")]
    [EndpointSummary("Get a claim")]
    [EndpointDescription("One claim with its evidence (statement, speaker, span and quoted text), the entities it mentions, its links to other claims in both directions and its reviews. The ETag is its revision and a digest of the bytes (\"3-5f0c2a9d41be\"), so it changes with anything shown, embedded names and reviews included: If-None-Match answers 304. With Accept: application/ld+json (preferred over application/json) the answer is the claim and its reviews as schema.org Claim and ClaimReview in JSON-LD, as GET /v1/claims/{id}/claim-review answers, with an ETag of its own; any other Accept is answered in JSON (Vary: Accept).")]
    internal static async Task<Results<Ok<ClaimDetail>, ProblemHttpResult>> Get(string id, ClaimsDbContext db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } claim ? TypedResults.Ok(claim) : Problems.NotFound("claim", id);

    [EndpointName("GetClaimJsonLd")]
    [EndpointSummary("Get a claim and its reviews as schema.org JSON-LD")]
    [EndpointDescription("The claim as a schema.org Claim (text, author = the claimant with sameAs Wikidata where known, datePublished, appearance = the article with its URL and the exact quoted text, firstAppearance) and one ClaimReview per review (claimReviewed, reviewRating, author, url, datePublished, itemReviewed), in application/ld+json whatever Accept says: for crawlers and pages that cannot set headers. The same representation, and ETag, as GET /v1/claims/{id} with Accept: application/ld+json; 404 when the claim is not visible to the caller.")]
    internal static async Task<IResult> GetJsonLd(string id, ClaimsDbContext db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } claim ? TypedResults.Ok(claim) : Problems.NotFound("claim", id);

    /// <summary>The claim as the current reader may see it, or null.</summary>
    internal static async Task<ClaimDetail?> LoadAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        (await RenderAsync(db.Claims.Where(c => c.Id == id), db, ct)).SingleOrDefault();

    /// <summary>The claims among <paramref name="ids"/> the current reader may see, by id (a write's changes rendered at once).</summary>
    internal static async Task<IReadOnlyDictionary<string, ClaimDetail>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        (await RenderAsync(db.Claims.WhereIn(c => c.Id, ids), db, ct)).ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>
    /// Reads the claims of <paramref name="claims"/> as the current reader may see them, in the query's order: one
    /// query for the claims and one for each kind of row they embed, whatever their number, so a detail read and a
    /// batch of an export (<see cref="ClaimExport"/>) render alike.
    /// </summary>
    internal static async Task<List<ClaimDetail>> RenderAsync(IQueryable<ClaimedFact> claims, ClaimsDbContext db, CancellationToken ct)
    {
        var rows = await claims.AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(c => c.Id).ToList();
        var evidence = (await db.ClaimEvidence.AsNoTracking().WhereIn(e => e.ClaimId, ids).ToListAsync(ct)).ToLookup(e => e.ClaimId, StringComparer.Ordinal);
        var mentions = (await db.ClaimMentions.AsNoTracking().WhereIn(m => m.ClaimId, ids).ToListAsync(ct)).ToLookup(m => m.ClaimId, StringComparer.Ordinal);
        var qualifiers = (await db.ClaimQualifiers.AsNoTracking().WhereIn(q => q.ClaimId, ids).ToListAsync(ct)).ToLookup(q => q.ClaimId, StringComparer.Ordinal);
        var outgoing = (await db.ClaimLinks.AsNoTracking().WhereIn(l => l.FromClaimId, ids).ToListAsync(ct)).ToLookup(l => l.FromClaimId, StringComparer.Ordinal);
        var incoming = (await db.ClaimLinks.AsNoTracking().WhereIn(l => l.ToClaimId, ids).ToListAsync(ct)).ToLookup(l => l.ToClaimId, StringComparer.Ordinal);

        var statementIds = evidence.SelectMany(e => e).Select(e => e.StatementId).Distinct().ToList();
        var statements = await db.Statements.AsNoTracking()
            .WhereIn(s => s.Id, statementIds)
            .Select(s => new { s.Id, s.SpeakerId, s.Kind, s.Start, s.Text })
            .ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);

        var linkedIds = outgoing.SelectMany(l => l).Select(l => l.ToClaimId).Concat(incoming.SelectMany(l => l).Select(l => l.FromClaimId)).Distinct().ToList();
        var linkedTexts = await db.Claims.AsNoTracking().WhereIn(c => c.Id, linkedIds).ToDictionaryAsync(c => c.Id, c => c.Text, StringComparer.Ordinal, ct);
        var reviews = await Reviews.ReviewEndpoints.OfClaimsAsync(ids, db, ct);

        var refs = await EntityRefs.LoadAsync(
            db,
            [.. rows.Select(c => c.ClaimantId), .. mentions.SelectMany(m => m).Select(m => m.EntityId), .. qualifiers.SelectMany(q => q).Select(q => q.EntityId), .. statements.Values.Select(s => s.SpeakerId)],
            ct);

        return [.. rows.Select(claim =>
        {
            // Links to claims this reader cannot see (drafts, deleted) are left out.
            var links = outgoing[claim.Id].Where(l => linkedTexts.ContainsKey(l.ToClaimId))
                .Select(l => new ClaimLinkResponse(l.Kind, LinkDirection.Outgoing, l.ToClaimId, linkedTexts[l.ToClaimId]))
                .Concat(incoming[claim.Id].Where(l => linkedTexts.ContainsKey(l.FromClaimId))
                    .Select(l => new ClaimLinkResponse(l.Kind, LinkDirection.Incoming, l.FromClaimId, linkedTexts[l.FromClaimId])))
                .OrderBy(l => l.Direction).ThenBy(l => l.Kind).ThenBy(l => l.ClaimId, StringComparer.Ordinal)
                .ToList();

            return new ClaimDetail(
                claim.Id,
                claim.Text,
                refs[claim.ClaimantId],
                claim.Kind,
                claim.ClaimedOn,
                claim.Status,
                claim.ArticleId,
                claim.Subject,
                claim.Predicate,
                claim.Object,
                [.. qualifiers[claim.Id].OrderBy(q => q.Ordinal).Select(q => new QualifierResponse(q.Name, q.Value, refs.Get(q.EntityId)))],
                [.. evidence[claim.Id].Where(e => statements.ContainsKey(e.StatementId)).OrderBy(e => e.Ordinal).Select(e =>
                {
                    var statement = statements[e.StatementId];
                    return new EvidenceResponse(
                        e.StatementId,
                        refs[statement.SpeakerId],
                        statement.Kind,
                        e.Text,
                        new Span(e.Start, e.End),
                        new Span(e.Start - statement.Start, e.End - statement.Start),
                        statement.Text);
                })],
                [.. mentions[claim.Id].Select(m => refs[m.EntityId]).OrderBy(e => e.Id, StringComparer.Ordinal)],
                links,
                [.. reviews[claim.Id]],
                claim.Workflow,
                claim.RetractionReason,
                Provenance.Of(claim),
                claim.Revision);
        })];
    }
}
