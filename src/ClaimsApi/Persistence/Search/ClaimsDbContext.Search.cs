using ClaimsApi.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>The full-text index: what is indexed, rebuilding and refreshing it, and querying it (docs/search.md).</summary>
public abstract partial class ClaimsDbContext
{
    /// <summary>Refills the full-text index from claims, statements and articles (inside the caller's transaction).</summary>
    public async Task RebuildSearchIndexAsync(CancellationToken cancellationToken)
    {
        // A whole rebuild of a large base takes minutes, far past the 30 s default for a command.
        var timeout = Database.GetCommandTimeout();
        Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        try
        {
            await Database.ExecuteSqlRawAsync("DELETE FROM search_index", cancellationToken);
            await Database.ExecuteSqlRawAsync(IndexRowsSql($"({SearchDocumentsSql}) AS d"), cancellationToken);
            await AfterRebuildAsync(cancellationToken);
        }
        finally
        {
            Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>
    /// Brings the index rows of records up to date after a write (inside the caller's transaction): removes them and
    /// indexes each record again if readers may see it.
    /// </summary>
    /// <param name="kind">claim, statement or article.</param>
    /// <param name="ids">The records' ids.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public virtual async Task RefreshSearchIndexAsync(string kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var refs = IdsParameter(ids);
        var delete = $"DELETE FROM search_index WHERE kind = {{0}} AND {InIds("ref_id", 1)}"; // the SQL is the provider's, the ids a parameter
        await Database.ExecuteSqlRawAsync(delete, [kind, refs], cancellationToken);
        await Database.ExecuteSqlRawAsync(DocumentIndexRowsSql, [kind, refs], cancellationToken);
    }

    /// <summary>Indexes the documents of kind {0} whose ids are in {1} (<see cref="IdsParameter"/>), those readers may see.</summary>
    protected string DocumentIndexRowsSql => IndexRowsSql($"(SELECT * FROM ({SearchDocumentsSql}) AS u WHERE u.kind = {{0}} AND {InIds("u.ref_id", 1)}) AS d");

    /// <summary>What a provider keeps beside the index, brought up to date after a whole rebuild.</summary>
    protected virtual Task AfterRebuildAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The provider's INSERT … SELECT that indexes the documents of <paramref name="source"/> (columns kind, ref_id, title, body; aliased d).</summary>
    protected abstract string IndexRowsSql(string source);

    /// <summary>
    /// The index rows matching <paramref name="query"/>, scored (see docs/search.md); composable. With
    /// <paramref name="candidates"/>, only that many of the best rows by the provider's own relevance (BM25 on
    /// SQLite, ts_rank on PostgreSQL) are scored and returned, which bounds the cost of very common words.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="candidates">How many of the best rows to score, or null for all.</param>
    /// <param name="kind">Only rows of this kind (claim, statement, article), applied before the candidates are picked.</param>
    public abstract IQueryable<SearchHit> SearchIndex(FullTextQuery query, int? candidates = null, string? kind = null);

    /// <summary>The ids of the records of one kind that match <paramref name="query"/>, unscored: for filtering lists.</summary>
    public abstract IQueryable<string> MatchingIds(FullTextQuery query, string kind);

    /// <summary>The claims, statements and articles as the index sees them: kind, id, title, body.</summary>
    /// <remarks>Only what anonymous readers may see is indexed: published claims and statements, and no deleted records.</remarks>
    protected const string SearchDocumentsSql = """
        SELECT 'claim' AS kind, id AS ref_id, text AS title,
               COALESCE(subject, '') || ' ' || COALESCE(predicate, '') || ' ' || COALESCE(object, '') AS body
        FROM claims WHERE workflow = 'Published' AND deleted_at IS NULL
        UNION ALL
        SELECT 'statement', id, text, COALESCE(cue, '') FROM statements WHERE workflow = 'Published' AND deleted_at IS NULL
        UNION ALL
        SELECT 'article', id, title, text FROM articles WHERE deleted_at IS NULL
        """;
}
