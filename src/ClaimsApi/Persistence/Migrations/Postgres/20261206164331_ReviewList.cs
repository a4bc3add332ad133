using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_reviewer_name",
                table: "claim_reviews",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_normalized_reviewer_name_reviewed_on_desc_id",
                table: "claim_reviews",
                columns: new[] { "normalized_reviewer_name", "reviewed_on", "id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_rating_reviewed_on_desc_id",
                table: "claim_reviews",
                columns: new[] { "rating", "reviewed_on", "id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_reviewed_on_desc_id",
                table: "claim_reviews",
                columns: new[] { "reviewed_on", "id" },
                descending: new[] { true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_claim_reviews_normalized_reviewer_name_reviewed_on_desc_id",
                table: "claim_reviews");

            migrationBuilder.DropIndex(
                name: "ix_claim_reviews_rating_reviewed_on_desc_id",
                table: "claim_reviews");

            migrationBuilder.DropIndex(
                name: "ix_claim_reviews_reviewed_on_desc_id",
                table: "claim_reviews");

            migrationBuilder.DropColumn(
                name: "normalized_reviewer_name",
                table: "claim_reviews");
        }
    }
}
