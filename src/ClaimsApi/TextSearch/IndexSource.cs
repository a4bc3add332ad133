using System.Runtime.CompilerServices;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.TextSearch;

/// <summary>
/// The documents of the text index, read from the database (decision 0032): published claims and statements and
/// the articles that are not deleted, as the FTS5 index held them (a claim's text as title and its subject,
/// predicate and object as body; a statement's quote and cue; an article's title and text), with the fields search
/// filters and counts by.
/// </summary>
internal static class IndexSource
{
    public const string Claim = "claim", Statement = "statement", Article = "article";

    /// <summary>Every document, streamed (a rebuild).</summary>
    public static async IAsyncEnumerable<IndexedDocument> AllAsync(ClaimsDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var document in Claims(db, null).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return document.ToDocument();
        }

        await foreach (var document in Statements(db, null).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return document.ToDocument();
        }

        await foreach (var document in Articles(db, null).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return document.ToDocument();
        }
    }

    /// <summary>The documents of <paramref name="keys"/> that exist and are searchable now; a key without one is to be removed.</summary>
    public static async Task<List<IndexedDocument>> OfAsync(ClaimsDbContext db, IReadOnlyCollection<(string Kind, string Id)> keys, CancellationToken ct)
    {
        List<string> Ids(string kind) => [.. keys.Where(k => k.Kind == kind).Select(k => k.Id).Distinct()];
        var (claims, statements, articles) = (Ids(Claim), Ids(Statement), Ids(Article));
        var documents = new List<IndexedDocument>(keys.Count);
        if (claims.Count > 0)
        {
            documents.AddRange((await Claims(db, claims).ToListAsync(ct)).Select(c => c.ToDocument()));
        }

        if (statements.Count > 0)
        {
            documents.AddRange((await Statements(db, statements).ToListAsync(ct)).Select(s => s.ToDocument()));
        }

        if (articles.Count > 0)
        {
            documents.AddRange((await Articles(db, articles).ToListAsync(ct)).Select(a => a.ToDocument()));
        }

        return documents;
    }

    /// <summary>
    /// The documents a change to record <paramref name="id"/> of kind <paramref name="resource"/> may have changed: its own,
    /// and for an article those of its claims and statements too (they carry its language and date). Entities and
    /// reviews have no documents: a merge that repoints claims records a change of each claim.
    /// </summary>
    public static async Task<List<(string Kind, string Id)>> AffectedAsync(ClaimsDbContext db, string resource, string id, CancellationToken ct)
    {
        switch (resource)
        {
            case Claim or Statement:
                return [(resource, id)];
            case Article:
                var claims = await db.Claims.IgnoreQueryFilters().Where(c => c.ArticleId == id).Select(c => c.Id).ToListAsync(ct);
                var statements = await db.Statements.IgnoreQueryFilters().Where(s => s.ArticleId == id).Select(s => s.Id).ToListAsync(ct);
                return [(Article, id), .. claims.Select(c => (Claim, c)), .. statements.Select(s => (Statement, s))];
            default:
                return [];
        }
    }

    private static IQueryable<ClaimRow> Claims(ClaimsDbContext db, List<string>? ids)
    {
        var claims = db.Claims.IgnoreQueryFilters().AsNoTracking().Where(c => c.Workflow == WorkflowState.Published && c.DeletedAt == null);
        if (ids is not null)
        {
            claims = claims.Where(c => ids.Contains(c.Id));
        }

        return claims.Join(db.Articles.IgnoreQueryFilters(), c => c.ArticleId, a => a.Id, (c, a) => new ClaimRow(
            c.Id, c.Text, c.Subject, c.Predicate, c.Object, c.ArticleId, a.Language, c.ClaimedOn, c.ClaimantId, c.Kind, c.Status,
            c.Mentions.Select(m => m.EntityId).ToList()));
    }

    private static IQueryable<StatementRow> Statements(ClaimsDbContext db, List<string>? ids)
    {
        var statements = db.Statements.IgnoreQueryFilters().AsNoTracking().Where(s => s.Workflow == WorkflowState.Published && s.DeletedAt == null);
        if (ids is not null)
        {
            statements = statements.Where(s => ids.Contains(s.Id));
        }

        return statements.Join(db.Articles.IgnoreQueryFilters(), s => s.ArticleId, a => a.Id,
            (s, a) => new StatementRow(s.Id, s.Text, s.Cue, s.ArticleId, a.Language, a.PublishedOn));
    }

    private static IQueryable<ArticleRow> Articles(ClaimsDbContext db, List<string>? ids)
    {
        var articles = db.Articles.IgnoreQueryFilters().AsNoTracking().Where(a => a.DeletedAt == null);
        if (ids is not null)
        {
            articles = articles.Where(a => ids.Contains(a.Id));
        }

        return articles.Select(a => new ArticleRow(a.Id, a.Title, a.Text, a.Language, a.PublishedOn));
    }

    private sealed record ClaimRow(
        string Id, string Text, string? Subject, string? Predicate, string? Object, string ArticleId, string Language, DateOnly ClaimedOn,
        string ClaimantId, ClaimKind Kind, VerificationStatus Status, List<string> Mentions)
    {
        public IndexedDocument ToDocument() => new(Claim, Id, Text, $"{Subject} {Predicate} {Object}", ArticleId, Language, ClaimedOn)
        {
            Claimant = ClaimantId, Mentions = Mentions, ClaimKind = EnumNames.Of(Kind), Status = EnumNames.Of(Status),
        };
    }

    private sealed record StatementRow(string Id, string Text, string? Cue, string ArticleId, string Language, DateOnly PublishedOn)
    {
        public IndexedDocument ToDocument() => new(Statement, Id, Text, Cue ?? "", ArticleId, Language, PublishedOn);
    }

    private sealed record ArticleRow(string Id, string Title, string Text, string Language, DateOnly PublishedOn)
    {
        public IndexedDocument ToDocument() => new(Article, Id, Title, Text, Id, Language, PublishedOn);
    }
}
