using System.Globalization;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Search;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Articles;

public static class ArticleEndpoints
{
    private static readonly Keyset<Article> NewestFirst = Keyset<Article>.Descending(a => a.PublishedOn).ThenAscending(a => a.Id);

    [EndpointName("ListArticles")]
    [EndpointSummary("List articles")]
    [EndpointDescription("Articles, newest first, with their statement and claim counts.")]
    internal static async Task<Ok<Page<ArticleSummary>>> List(
        [AsParameters] ArticleListQuery query, ClaimsDbContext db, EntityAliasIndex aliases, HttpContext context, CancellationToken ct)
    {
        var articles = db.Articles.AsNoTracking();
        if (query.Q is { } q)
        {
            var matching = db.MatchingIds(await aliases.BuildQueryAsync(q, db, ct), "article");
            articles = articles.Where(a => matching.Contains(a.Id));
        }

        Paging.TryDecode(query.Cursor, ArticleListQuery.Sort, out var cursor, QueryValues.IsDate);
        var limit = QueryValues.Limit(query.Limit);
        var rows = await NewestFirst.Page(articles, cursor is null ? null : [QueryValues.Date(cursor.Key)!.Value, cursor.Id])
            .Take(limit + 1)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.Lead,
                a.PublishedOn,
                a.PublishedOnPrecision,
                a.Language,
                a.PublisherId,
                Statements = db.Statements.Count(s => s.ArticleId == a.Id),
                Claims = db.Claims.Count(c => c.ArticleId == a.Id),
            })
            .ToListAsync(ct);
        var refs = await EntityRefs.LoadAsync(db, rows.Select(r => r.PublisherId), ct);
        var summaries = rows
            .Select(r => new ArticleSummary(r.Id, r.Title, r.Lead, r.PublishedOn, r.PublishedOnPrecision, r.Language, refs.Get(r.PublisherId), r.Statements, r.Claims))
            .ToList();
        return TypedResults.Ok(summaries.ToPage(limit, context, a => new Paging.Cursor(ArticleListQuery.Sort, a.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Id)));
    }

    [EndpointName("GetArticle")]
    [EndpointSummary("Get an article")]
    [EndpointDescription("The article text exactly as published, its paragraphs with spans, its attributed statements and its claims. The ETag is its revision and a digest of the bytes (\"3-5f0c2a9d41be\"), so it changes with anything shown, embedded names included: If-None-Match answers 304.")]
    internal static async Task<Results<Ok<ArticleDetail>, ProblemHttpResult>> Get(string id, ClaimsDbContext db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } article ? TypedResults.Ok(article) : Problems.NotFound("article", id);

    /// <summary>The article as the current reader may see it (with the statements and claims they may see), or null.</summary>
    internal static async Task<ArticleDetail?> LoadAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        (await LoadManyAsync([id], db, ct)).GetValueOrDefault(id);

    /// <summary>The articles among <paramref name="ids"/> as the current reader may see them, by id, in a fixed number of queries however many they are.</summary>
    internal static async Task<IReadOnlyDictionary<string, ArticleDetail>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct)
    {
        // Split: one joined query would repeat the article's whole text on every paragraph's row (quadratic in its size).
        var articles = await db.Articles.AsNoTracking().Include(a => a.Paragraphs).AsSplitQuery().WhereIn(a => a.Id, ids).ToListAsync(ct);
        if (articles.Count == 0)
        {
            return new Dictionary<string, ArticleDetail>();
        }

        var found = articles.Select(a => a.Id).ToList();
        var statements = (await StatementEndpoints.ToResponsesAsync(
            db.Statements.WhereIn(s => s.ArticleId, found).OrderBy(s => s.Start).ThenByDescending(s => s.End).ThenBy(s => s.Id), db, ct))
            .ToLookup(s => s.ArticleId, StringComparer.Ordinal);
        var claims = (await db.Claims.AsNoTracking().WhereIn(c => c.ArticleId, found).OrderBy(c => c.Id).ToListAsync(ct))
            .ToLookup(c => c.ArticleId, StringComparer.Ordinal);
        var refs = await EntityRefs.LoadAsync(db, claims.SelectMany(c => c).Select(c => c.ClaimantId).Concat(articles.Select(a => a.PublisherId)), ct);

        return articles.ToDictionary(article => article.Id, article => new ArticleDetail(
            article.Id,
            article.Title,
            article.Lead,
            article.PublishedOn,
            article.PublishedOnPrecision,
            article.Language,
            refs.Get(article.PublisherId),
            article.SourceUrl,
            article.SeedFile,
            article.ContentSha256,
            article.Text,
            [.. article.Paragraphs.OrderBy(p => p.Index).Select(p => new ParagraphResponse(p.Index, p.Role, new Span(p.Start, p.End), p.Text, p.Artifact))],
            [.. statements[article.Id]],
            [.. claims[article.Id].Select(c => new ClaimSummary(c.Id, c.Text, refs[c.ClaimantId], c.Kind, c.ClaimedOn, c.Status, c.ArticleId, c.Workflow))],
            article.Revision), StringComparer.Ordinal);
    }
}
