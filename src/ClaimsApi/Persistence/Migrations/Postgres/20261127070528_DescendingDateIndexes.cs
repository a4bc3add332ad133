using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DescendingDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_published_on_id",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimed_on_desc_id",
                table: "claims",
                columns: new[] { "claimed_on", "id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "ix_articles_published_on_id",
                table: "articles",
                columns: new[] { "published_on", "id" },
                descending: new[] { true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_claims_claimed_on_desc_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_articles_published_on_id",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_articles_published_on_id",
                table: "articles",
                columns: new[] { "published_on", "id" });
        }
    }
}
