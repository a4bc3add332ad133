using System.Globalization;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using ClaimsApi.TextSearch;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Search;

/// <summary>The relevance cursor: the last result's score, type and id.</summary>
internal static class SearchCursor
{
    public static string Key(double score, string kind) => score.ToString("R", CultureInfo.InvariantCulture) + "|" + kind;

    public static bool IsValidKey(string? key) => TryParse(key, out _, out _);

    public static bool TryParse(string? key, out double score, out string kind)
    {
        score = 0;
        kind = "";
        var bar = key?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (bar < 0 || !double.TryParse(key.AsSpan(0, bar), NumberStyles.Float, CultureInfo.InvariantCulture, out score) || !double.IsFinite(score))
        {
            return false;
        }

        kind = key![(bar + 1)..];
        return SearchQuery.Types.Contains(kind, StringComparer.Ordinal);
    }
}

public static class SearchEndpoints
{
    [EndpointName("Search")]
    [EndpointSummary("Search claims, statements and articles")]
    [EndpointDescription("Full-text search, ranked, with snippets. Entity names in the query are expanded to all their aliases; plurals find singulars and the reverse. Combine with filters; add facets=true for counts by claimant, entity, kind, status and year.")]
    internal static async Task<Ok<SearchResponse>> Search(
        [AsParameters] SearchQuery query, ClaimsDbContext db, EntityAliasIndex aliases, TextIndex index, TextIndexFollower follower, HttpContext context, CancellationToken ct)
    {
        await follower.EnsureCurrentAsync(db, ct); // every write committed before this search, entity names included
        var (fullText, entities) = await aliases.AnalyseAsync(query.Q!, db, ct);

        Paging.TryDecode(query.Cursor, SearchQuery.Sort, out var cursor, SearchCursor.IsValidKey);
        var after = cursor is not null && SearchCursor.TryParse(cursor.Key, out var score, out var kind) ? new RankCursor(score, IndexFields.KeyOf(kind, cursor.Id)) : null;
        var limit = QueryValues.Limit(query.Limit);
        var page = index.Search(fullText, limit + 1, TextFilters.For(query), after);
        var results = await DescribeAsync(page, fullText, entities, db, ct);
        var paged = results.ToPage(limit, context, r => new Paging.Cursor(SearchQuery.Sort, SearchCursor.Key(r.Score, r.Type), r.Id));
        // Facets count the whole result set (every match, not this page).
        var facets = query.Facets == "true" ? await FacetsAsync(index.Facets(fullText, TextFilters.For(query)), db, ct) : null;

        return TypedResults.Ok(new SearchResponse(
            new SearchQueryInfo(query.Q!, [.. fullText.Terms], entities),
            paged.Items, facets, paged.Limit, paged.NextCursor, paged.Next));
    }

    private static async Task<List<SearchResult>> DescribeAsync(
        IReadOnlyList<TextHit> page, FullTextQuery fullText, IReadOnlyList<MatchedEntity> entities, ClaimsDbContext db, CancellationToken ct)
    {
        var ids = page.Select(h => h.Id).ToList();
        var claims = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Text, c.ArticleId, c.ClaimantId, Mentions = c.Mentions.Select(m => m.EntityId).ToList() })
            .ToDictionaryAsync(c => c.Id, ct);
        var statements = await db.Statements.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Text, s.ArticleId, s.SpeakerId })
            .ToDictionaryAsync(s => s.Id, ct);
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Text })
            .ToDictionaryAsync(a => a.Id, ct);

        var terms = fullText.Terms.ToList();
        var wanted = entities.Select(e => e.Entity.Id).ToHashSet(StringComparer.Ordinal);
        var groupsByEntity = fullText.Groups.Where(g => g.EntityIds.Count > 0).ToList();

        // An entity matched a result when the result names it (any alias) or, for claims, mentions or makes it.
        IReadOnlyList<string> Matched(string text, IEnumerable<string> linked)
        {
            var tokens = FullTextQuery.Tokenize(TextFolding.Fold(text));
            var named = groupsByEntity
                .Where(g => g.IsNamedIn(tokens))
                .SelectMany(g => g.EntityIds);
            return [.. named.Concat(linked.Where(wanted.Contains)).Where(wanted.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        var results = new List<SearchResult>(page.Count);
        foreach (var hit in page)
        {
            switch (hit.Kind)
            {
                case "claim" when claims.TryGetValue(hit.Id, out var c):
                    results.Add(new SearchResult("claim", c.Id, hit.Score, c.Text, Snippets.Build(c.Text, terms), c.ArticleId, Matched(c.Text, c.Mentions.Append(c.ClaimantId))));
                    break;
                case "statement" when statements.TryGetValue(hit.Id, out var s):
                    results.Add(new SearchResult("statement", s.Id, hit.Score, s.Text, Snippets.Build(s.Text, terms), s.ArticleId, Matched(s.Text, [s.SpeakerId])));
                    break;
                case "article" when articles.TryGetValue(hit.Id, out var a):
                    results.Add(new SearchResult("article", a.Id, hit.Score, a.Title, Snippets.Build(a.Text, terms), a.Id, Matched(a.Text, [])));
                    break;
            }
        }

        return results;
    }

    private static async Task<SearchFacets> FacetsAsync(FacetCounts counts, ClaimsDbContext db, CancellationToken ct)
    {
        const int Top = 20;
        static List<KeyValuePair<string, int>> Best(IReadOnlyDictionary<string, int> counts) =>
            [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(Top)];
        static IEnumerable<FacetCount> ByCount<TEnum>(IReadOnlyDictionary<string, int> counts) where TEnum : struct, Enum =>
            counts.Select(c => (Value: QueryValues.Enum<TEnum>(c.Key)!.Value, c.Key, Count: c.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Value).Select(c => new FacetCount(c.Key, null, c.Count));

        var claimants = Best(counts.Claimants);
        var mentioned = Best(counts.Mentioned);
        var refs = await EntityRefs.LoadAsync(db, claimants.Select(c => c.Key).Concat(mentioned.Select(m => m.Key)), ct);

        return new SearchFacets(
            [.. claimants.Select(c => new FacetCount(c.Key, refs.Get(c.Key)?.Name, c.Value))],
            [.. mentioned.Select(m => new FacetCount(m.Key, refs.Get(m.Key)?.Name, m.Value))],
            [.. ByCount<ClaimKind>(counts.Kinds)],
            [.. ByCount<VerificationStatus>(counts.Statuses)],
            [.. counts.Years.OrderByDescending(y => y.Key).Select(y => new FacetCount(y.Key.ToString(CultureInfo.InvariantCulture), null, y.Value))]);
    }
}

/// <summary>The search filters as a query of the text index's keyword fields (decision 0032): claim-only filters narrow to claims; article, language and dates apply to every type through its article.</summary>
internal static class TextFilters
{
    /// <summary>The filter of <paramref name="query"/>, or null when it has none.</summary>
    public static Lucene.Net.Search.Query? For(SearchQuery query)
    {
        var all = new Lucene.Net.Search.BooleanQuery();
        void Must(string field, string? value)
        {
            if (value is not null)
            {
                all.Add(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(field, value)), Lucene.Net.Search.Occur.MUST);
            }
        }

        Must(IndexFields.Kind, query.ClaimsOnly ? IndexSource.Claim : query.Type);
        Must(IndexFields.Claimant, query.Claimant);
        Must(IndexFields.Mention, query.Entity);
        Must(IndexFields.Article, query.Article);
        Must(IndexFields.Language, query.Language);
        Must(IndexFields.ClaimKind, QueryValues.Enum<ClaimKind>(query.Kind) is { } kind ? EnumNames.Of(kind) : null);
        Must(IndexFields.Status, QueryValues.Enum<VerificationStatus>(query.Status) is { } status ? EnumNames.Of(status) : null);
        if (QueryValues.Enum<WorkflowState>(query.Workflow) is { } workflow && workflow != WorkflowState.Published)
        {
            Must(IndexFields.Key, "-"); // only published claims are indexed: nothing matches
        }

        var (from, to) = (QueryValues.Date(query.From), QueryValues.Date(query.To));
        if (from is not null || to is not null)
        {
            all.Add(Lucene.Net.Search.NumericRangeQuery.NewInt32Range(
                IndexFields.Date, from is { } f ? IndexFields.DayNumber(f) : null, to is { } t ? IndexFields.DayNumber(t) : null, true, true), Lucene.Net.Search.Occur.MUST);
        }

        return all.Clauses.Count == 0 ? null : all;
    }
}
