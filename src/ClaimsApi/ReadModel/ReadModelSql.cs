namespace ClaimsApi.ReadModel;

/// <summary>The read model's tables and statements, per provider (decision 0031).</summary>
internal static class ReadModelSql
{
    /// <summary>
    /// SQLite: representations keyed by record (a rowid table, as the bodies are large); the ids each names, keyed
    /// by id for a write's removal, with the record's key indexed for a fill's replacement.
    /// </summary>
    public const string CreateSqlite = """
        CREATE TABLE representations (
            resource TEXT NOT NULL,
            id TEXT NOT NULL,
            format TEXT NOT NULL,
            etag TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (resource, id)
        );
        CREATE TABLE representation_refs (
            ref_id TEXT NOT NULL,
            resource TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (ref_id, resource, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_representation_refs_resource_id ON representation_refs (resource, id);
        """;

    public const string CreatePostgres = """
        CREATE TABLE representations (
            resource text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            format text NOT NULL,
            etag text NOT NULL,
            body bytea NOT NULL,
            PRIMARY KEY (resource, id)
        );
        CREATE TABLE representation_refs (
            ref_id text COLLATE "C" NOT NULL,
            resource text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            PRIMARY KEY (ref_id, resource, id)
        );
        CREATE INDEX ix_representation_refs_resource_id ON representation_refs (resource, id);
        """;

    public const string Drop = "DROP TABLE IF EXISTS representation_refs; DROP TABLE IF EXISTS representations;";

    public const string ReadSqlite = "SELECT etag, body FROM representations WHERE resource = $resource AND id = $id AND format = $format";

    /// <summary>PostgreSQL: positional parameters, sent as they are (no rewriting).</summary>
    public const string ReadPostgres = "SELECT etag, body FROM representations WHERE resource = $1 AND id = $2 AND format = $3";

    public const string Position = "SELECT COALESCE(MAX(id), 0) FROM history";

    /// <summary>The changes recorded after a position: what a fill checks (at most <paramref name="limit"/>).</summary>
    public static string Since(string position, int limit) =>
        $"SELECT resource_type, resource_id, before, after FROM history WHERE id > {position} ORDER BY id LIMIT {limit}";

    /// <summary>Replaces one representation and the ids it names ($refs: a JSON array).</summary>
    public const string FillSqlite = """
        DELETE FROM representation_refs WHERE resource = $resource AND id = $id;
        INSERT INTO representations (resource, id, format, etag, body) VALUES ($resource, $id, $format, $etag, $body)
            ON CONFLICT (resource, id) DO UPDATE SET format = excluded.format, etag = excluded.etag, body = excluded.body;
        INSERT OR IGNORE INTO representation_refs (ref_id, resource, id) SELECT value, $resource, $id FROM json_each($refs);
        """;

    /// <summary>PostgreSQL: the same as a batch (one statement a command with positional parameters): remove the old ids ($1 resource, $2 id).</summary>
    public const string UnrefPostgres = "DELETE FROM representation_refs WHERE resource = $1 AND id = $2";

    /// <summary>Store the representation ($1 resource, $2 id, $3 format, $4 etag, $5 body).</summary>
    public const string StorePostgres = """
        INSERT INTO representations (resource, id, format, etag, body) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (resource, id) DO UPDATE SET format = excluded.format, etag = excluded.etag, body = excluded.body
        """;

    /// <summary>Name its ids ($1 the ids, a text[]; $2 resource, $3 id).</summary>
    public const string RefPostgres = "INSERT INTO representation_refs (ref_id, resource, id) SELECT DISTINCT unnest($1::text[]), $2, $3";

    /// <summary>Removes every representation that names one of the touched ids ({0}: a JSON array), and what they named.</summary>
    public const string InvalidateSqlite = """
        DELETE FROM representations WHERE (resource, id) IN
            (SELECT resource, id FROM representation_refs WHERE ref_id IN (SELECT value FROM json_each({0})));
        DELETE FROM representation_refs WHERE (resource, id) IN
            (SELECT resource, id FROM representation_refs WHERE ref_id IN (SELECT value FROM json_each({0})));
        """;

    /// <summary>The same on PostgreSQL ({0}: a text[]).</summary>
    public const string InvalidatePostgres = """
        DELETE FROM representations WHERE (resource, id) IN
            (SELECT resource, id FROM representation_refs WHERE ref_id = ANY({0}));
        DELETE FROM representation_refs WHERE (resource, id) IN
            (SELECT resource, id FROM representation_refs WHERE ref_id = ANY({0}));
        """;
}
