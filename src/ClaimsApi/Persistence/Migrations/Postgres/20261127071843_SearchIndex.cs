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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index;");
        }
    }
}
