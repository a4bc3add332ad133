using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index over claims, statements and articles (filled by PostgresClaimsDbContext.RebuildSearchIndexAsync):
            // a weighted tsvector (title A, body B) of unaccented text with a GIN index.
            migrationBuilder.Sql(
                """
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TABLE search_index (
                    kind varchar(16) COLLATE "C" NOT NULL,
                    ref_id varchar(80) COLLATE "C" NOT NULL,
                    title text NOT NULL,
                    body text NOT NULL,
                    document tsvector NOT NULL,
                    CONSTRAINT pk_search_index PRIMARY KEY (kind, ref_id)
                );
                CREATE INDEX ix_search_index_document ON search_index USING GIN (document);
                INSERT INTO search_index (kind, ref_id, title, body, document)
                SELECT d.kind, d.ref_id, d.title, d.body,
                       setweight(to_tsvector('simple', translate(unaccent(d.title), '-‐‑‒–—/', '       ')), 'A')
                    || setweight(to_tsvector('simple', translate(unaccent(d.body), '-‐‑‒–—/', '       ')), 'B')
                FROM (
                    SELECT 'claim' AS kind, id AS ref_id, text AS title,
                           COALESCE(subject, '') || ' ' || COALESCE(predicate, '') || ' ' || COALESCE(object, '') AS body
                    FROM claims
                    UNION ALL SELECT 'statement', id, text, COALESCE(cue, '') FROM statements
                    UNION ALL SELECT 'article', id, title, text FROM articles
                ) AS d;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index;");
        }
    }
}
