using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexRowMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Which FTS5 row holds which record, so a write refreshes its record's row by rowid instead of scanning
            // the index (SqliteClaimsDbContext.RefreshSearchIndexAsync); filled from the index as it stands.
            migrationBuilder.Sql(SearchIndexRowsMap.CreateSql);
            migrationBuilder.Sql(SearchIndexRowsMap.FillSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index_rows;");
        }
    }
}
