using ClaimsApi.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>The full-text index on PostgreSQL: a GIN-indexed tsvector column (docs/search.md#postgresql-tsvector).</summary>
public sealed partial class PostgresClaimsDbContext
{
    /// <summary>
    /// Hyphens, dashes and slashes become spaces before parsing: the default parser would otherwise index
    /// "Jong-un" as one more position than the words, and phrases ("kim jong un") would not line up.
    /// </summary>
    private static string Words(string column) => $"translate(claims_unaccent({column}), '-\u2010\u2011\u2012\u2013\u2014/', '       ')";

    protected override string IndexRowsSql(string source) => $"""
        INSERT INTO search_index (kind, ref_id, title, body, document)
        SELECT d.kind, d.ref_id, d.title, d.body,
               setweight(to_tsvector('simple', {Words("d.title")}), 'A') || setweight(to_tsvector('simple', {Words("d.body")}), 'B')
        FROM {source}
        """;

    /// <summary>
    /// tsquery match over the GIN-indexed tsvector, scored as the number of query groups the row matches (the
    /// integer part) plus ts_rank (length-normalised) squashed into [0, 1), as on SQLite.
    /// </summary>
    /// <remarks>The group queries are built once, in a one-row subquery, not per row.</remarks>
    public override IQueryable<SearchHit> SearchIndex(FullTextQuery query, int? candidates = null, string? kind = null)
    {
        var (parameters, groups) = Render(query);
        var ofKind = "";
        if (kind is not null)
        {
            parameters.Add(kind);
            ofKind = "WHERE s.kind = {" + (parameters.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }

        var columns = string.Join(", ", groups.Select((g, i) => $"{g} AS g{i}"));
        var any = string.Join(" || ", groups.Select((_, i) => $"g.g{i}"));
        var coordination = groups.Count == 1 ? "1" : string.Join(" + ", groups.Select((_, i) => $"(c.document @@ g.g{i})::int"));
        var best = candidates is { } limit ? $"ORDER BY rank DESC LIMIT {limit}" : "";
        var sql = $"""
            SELECT c.kind, c.ref_id, ({coordination}) + c.rank / (1.0 + c.rank) AS score
            FROM (SELECT {columns}) AS g
            CROSS JOIN LATERAL (
                SELECT s.kind, s.ref_id, s.document, ts_rank(s.document, q.query, 1)::float8 AS rank
                FROM (SELECT {any} AS query) AS q
                JOIN search_index AS s ON s.document @@ q.query
                {ofKind}
                {best}
            ) AS c
            """;
        return Database.SqlQueryRaw<SearchHit>(sql, [.. parameters]);
    }

    public override IQueryable<string> MatchingIds(FullTextQuery query, string kind)
    {
        var (parameters, groups) = Render(query);
        parameters.Add(kind);
        var kindParameter = "{" + (parameters.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var sql = $"""
            SELECT s.ref_id AS "Value"
            FROM search_index AS s
            WHERE s.kind = {kindParameter} AND s.document @@ ({string.Join(" || ", groups)})
            """;
        return Database.SqlQueryRaw<string>(sql, [.. parameters]);
    }

    /// <summary>
    /// One tsquery expression per group. Every phrase goes to phraseto_tsquery as a parameter, after unaccent and
    /// the same hyphen rule as the index: phraseto_tsquery reads plain text, so nothing unaccent produces (it turns
    /// ʻ into an apostrophe, ː into a colon) can become tsquery syntax.
    /// </summary>
    private static (List<object> Parameters, List<string> Groups) Render(FullTextQuery query)
    {
        var parameters = new List<object>();
        var groups = new List<string>();
        foreach (var group in query.Groups)
        {
            var phrases = new List<string>();
            foreach (var phrase in group.Alternatives)
            {
                parameters.Add(string.Join(' ', phrase));
                phrases.Add($"phraseto_tsquery('simple', {Words($"{{{parameters.Count - 1}}}")})");
            }

            groups.Add("(" + string.Join(" || ", phrases) + ")");
        }

        return (parameters, groups);
    }

    /// <summary>The query in tsquery notation (for reading and tests; SQL is built from parameters, see <see cref="SearchIndex"/>).</summary>
    internal static string ToTsQuery(FullTextQuery query) => string.Join(" | ", query.Groups.Select(ToTsQuery));

    internal static string ToTsQuery(FullTextGroup group) =>
        string.Join(" | ", group.Alternatives.Select(phrase => "(" + string.Join(" <-> ", phrase) + ")"));
}
