using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntityClaimsAndListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_statements_seeded",
                table: "statements",
                column: "id",
                filter: "seed_file IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimant_id_claimed_on_desc_id",
                table: "claims",
                columns: new[] { "claimant_id", "claimed_on", "id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimant_id_claimed_on_id",
                table: "claims",
                columns: new[] { "claimant_id", "claimed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_seeded",
                table: "claims",
                column: "id",
                filter: "seed_file IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_articles_seeded",
                table: "articles",
                column: "id",
                filter: "seed_file IS NOT NULL");

            // The claims of each entity in list order (docs/decisions/0030-entity-claims-in-list-order.md), filled from
            // the claims as they stand, then indexed (faster than row by row), then analysed for the planner.
            migrationBuilder.Sql(EntityClaimsSql.CreatePostgres);
            migrationBuilder.Sql(EntityClaimsSql.FillAll + ";");
            migrationBuilder.Sql(EntityClaimsSql.IndexPostgres);
            migrationBuilder.Sql("ANALYZE entity_claims;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS entity_claims;");

            migrationBuilder.DropIndex(
                name: "ix_statements_seeded",
                table: "statements");

            migrationBuilder.DropIndex(
                name: "ix_claims_claimant_id_claimed_on_desc_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claims_claimant_id_claimed_on_id",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_claims_seeded",
                table: "claims");

            migrationBuilder.DropIndex(
                name: "ix_articles_seeded",
                table: "articles");
        }
    }
}
