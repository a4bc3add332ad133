using ClaimsApi.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>The full-text index on SQLite: an FTS5 table (docs/search.md#sqlite-fts5).</summary>
public sealed partial class SqliteClaimsDbContext
{
    /// <summary>
    /// FTS5 can find a row quickly only by its rowid, so <c>search_index_rows</c> maps (kind, ref_id) to it;
    /// without it, refreshing one record after a write scans the whole index (1.3 s at a million claims). The rows
    /// indexed again get the rowids after the highest left, which is how they are found for the map.
    /// </summary>
    public override async Task RefreshSearchIndexAsync(string kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var refs = IdsParameter(ids);
        var rows = $"kind = {{0}} AND {InIds("ref_id", 1)}"; // the ids are a parameter
        var deleteRows = $"DELETE FROM search_index WHERE rowid IN (SELECT row_id FROM search_index_rows WHERE {rows})";
        var deleteMap = $"DELETE FROM search_index_rows WHERE {rows}";
        await Database.ExecuteSqlRawAsync(deleteRows, [kind, refs], cancellationToken);
        await Database.ExecuteSqlRawAsync(deleteMap, [kind, refs], cancellationToken);
        var last = (await Database.SqlQueryRaw<long>("SELECT rowid AS \"Value\" FROM search_index ORDER BY rowid DESC LIMIT 1").ToListAsync(cancellationToken)).FirstOrDefault();
        await Database.ExecuteSqlRawAsync(DocumentIndexRowsSql, [kind, refs], cancellationToken);
        // No row was added for a record readers may not see.
        await Database.ExecuteSqlRawAsync("INSERT INTO search_index_rows (kind, ref_id, row_id) SELECT kind, ref_id, rowid FROM search_index WHERE rowid > {0}", [last], cancellationToken);
    }

    protected override async Task AfterRebuildAsync(CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlRawAsync("DELETE FROM search_index_rows", cancellationToken);
        await Database.ExecuteSqlRawAsync(SearchIndexRowsMap.FillSql, cancellationToken);
    }

    protected override string IndexRowsSql(string source) => $"INSERT INTO search_index (kind, ref_id, title, body) SELECT d.kind, d.ref_id, d.title, d.body FROM {source}";

    /// <summary>
    /// FTS5 MATCH, scored as the number of query groups the row matches (the integer part: rows matching more of
    /// the query's concepts come first) plus BM25 squashed into [0, 1) (title weighted 10, body 1; the two
    /// UNINDEXED columns come first and get weight 0) to order rows
    /// that match as many. bm25() is lower-is-better, hence the negation.
    /// </summary>
    public override IQueryable<SearchHit> SearchIndex(FullTextQuery query, int? candidates = null, string? kind = null)
    {
        var parameters = new List<object> { ToFts5(query) };
        var ofKind = "";
        if (kind is not null)
        {
            parameters.Add(kind);
            ofKind = $"WHERE kind = {{{parameters.Count - 1}}}";
        }

        var coordination = new List<string>();
        foreach (var group in query.Groups)
        {
            parameters.Add(ToFts5(group));
            // A rowid lookup in the group's doclists for each candidate, not a set of every row the group matches.
            coordination.Add($"(SELECT count(*) FROM search_index({{{parameters.Count - 1}}}) AS x WHERE x.rowid = c.rowid)");
        }

        var best = candidates is { } limit ? $"ORDER BY b DESC LIMIT {limit}" : "";
        var sql = $$"""
            SELECT c.kind, c.ref_id, ({{(query.Groups.Count == 1 ? "1" : string.Join(" + ", coordination))}}) + c.b / (1.0 + c.b) AS score
            FROM (
                SELECT rowid, kind, ref_id, -bm25(search_index, 0.0, 0.0, 10.0, 1.0) AS b
                FROM search_index({0}) {{ofKind}} {{best}}
            ) AS c
            """;
        return Database.SqlQueryRaw<SearchHit>(sql, [.. parameters]);
    }

    public override IQueryable<string> MatchingIds(FullTextQuery query, string kind) =>
        Database.SqlQuery<string>($"SELECT ref_id AS \"Value\" FROM search_index({ToFts5(query)}) WHERE kind = {kind}");

    /// <summary>
    /// The FTS5 query: every phrase double-quoted (its tokens are letters and digits only, so nothing in it is
    /// ever read as syntax), alternatives and groups joined with OR.
    /// </summary>
    internal static string ToFts5(FullTextQuery query) => string.Join(" OR ", query.Groups.Select(ToFts5));

    internal static string ToFts5(FullTextGroup group) =>
        string.Join(" OR ", group.Alternatives.Select(phrase => "\"" + string.Join(' ', phrase) + "\""));
}

/// <summary>The SQLite map from a record to its FTS5 row (see <see cref="SqliteClaimsDbContext.RefreshSearchIndexAsync"/>).</summary>
internal static class SearchIndexRowsMap
{
    public const string CreateSql = "CREATE TABLE search_index_rows (kind TEXT NOT NULL, ref_id TEXT NOT NULL, row_id INTEGER NOT NULL, PRIMARY KEY (kind, ref_id)) WITHOUT ROWID;";

    public const string FillSql = "INSERT INTO search_index_rows (kind, ref_id, row_id) SELECT kind, ref_id, rowid FROM search_index;";
}
