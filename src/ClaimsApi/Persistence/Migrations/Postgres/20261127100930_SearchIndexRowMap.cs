using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndexRowMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on PostgreSQL (search_index's primary key is (kind, ref_id)): this migration keeps both
            // providers' sets in step (SQLite adds search_index_rows).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
