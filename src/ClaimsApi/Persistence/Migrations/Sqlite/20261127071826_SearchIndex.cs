using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index over claims, statements and articles (filled by SqliteClaimsDbContext.RebuildSearchIndexAsync).
            // unicode61 with remove_diacritics 2 folds case and diacritics in every script it knows.
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE search_index USING fts5(
                    kind UNINDEXED,
                    ref_id UNINDEXED,
                    title,
                    body,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO search_index (kind, ref_id, title, body)
                SELECT 'claim', id, text, COALESCE(subject, '') || ' ' || COALESCE(predicate, '') || ' ' || COALESCE(object, '') FROM claims
                UNION ALL SELECT 'statement', id, text, COALESCE(cue, '') FROM statements
                UNION ALL SELECT 'article', id, title, text FROM articles;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index;");
        }
    }
}
