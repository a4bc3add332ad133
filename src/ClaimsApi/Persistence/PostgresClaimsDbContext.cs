using ClaimsApi.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClaimsApi.Persistence;

/// <summary>The PostgreSQL flavour: a shared server database for several instances.</summary>
public sealed class PostgresClaimsDbContext(DbContextOptions<PostgresClaimsDbContext> options) : ClaimsDbContext(options)
{
    /// <summary>Arbitrary, fixed keys for the advisory locks ("claims" and "migrate" in ASCII).</summary>
    private const long SeedLockKey = 0x636C61696D73;
    private const long MigrationLockKey = 0x6D696772617465;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3)).UseSnakeCaseNamingConvention();

    private static readonly HashSet<string> LockableTables = new(StringComparer.Ordinal) { "articles", "entities", "statements", "claims", "claim_reviews" };

    public override async Task LockRowsAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        if (!LockableTables.Contains(table))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table of curated records.");
        }

        // In id order, so that two writers locking overlapping sets cannot deadlock. The table name is checked
        // against the fixed list above; the ids are a parameter.
        var sql = "SELECT 1 FROM " + table + " WHERE id = ANY({0}) ORDER BY id FOR " + (exclusive ? "UPDATE" : "SHARE");
        await Database.ExecuteSqlRawAsync(sql, [ids.Distinct(StringComparer.Ordinal).ToArray()], cancellationToken);
    }

    /// <summary>A transaction-scoped advisory lock: released by commit or rollback, never leaked by a crash.</summary>
    public override async Task LockForSeedingAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);

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

    /// <summary>
    /// Creates the database if it is missing (tolerating another instance doing the same), then migrates while
    /// holding a session-level advisory lock on a connection of its own, so concurrent starts migrate one at a time;
    /// the later ones find nothing pending.
    /// </summary>
    public override async Task MigrateExclusivelyAsync(CancellationToken cancellationToken)
    {
        var creator = this.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it first.
            }
        }

        var lockConnectionString = new NpgsqlConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Order text by code point, as SQLite does, so keyset cursors, sorts and JSON are the same on both
        // providers whatever collation the server was initialised with.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }
}
