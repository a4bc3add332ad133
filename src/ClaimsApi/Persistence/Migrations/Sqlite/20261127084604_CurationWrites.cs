using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CurationWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "statements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retraction_reason",
                table: "statements",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "statements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "workflow",
                table: "statements",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published"); // existing rows came from the seeds, which are published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "merged_into_id",
                table: "entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "entities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retraction_reason",
                table: "claims",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "claims",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "workflow",
                table: "claims",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published"); // existing rows came from the seeds, which are published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "claim_reviews",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    claim_id = table.Column<string>(type: "TEXT", nullable: false),
                    reviewer_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reviewer_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    reviewed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rating_text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    rating = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    revision = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1),
                    deleted_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    seed_file = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_reviews_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entities_merged_into_id",
                table: "entities",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_name",
                table: "api_keys",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claim_reviews_claim_id_reviewed_on",
                table: "claim_reviews",
                columns: new[] { "claim_id", "reviewed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_history_resource_type_resource_id_revision",
                table: "history",
                columns: new[] { "resource_type", "resource_id", "revision" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_entities_entities_merged_into_id",
                table: "entities",
                column: "merged_into_id",
                principalTable: "entities",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_entities_entities_merged_into_id",
                table: "entities");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "claim_reviews");

            migrationBuilder.DropTable(
                name: "history");

            migrationBuilder.DropIndex(
                name: "ix_entities_merged_into_id",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "retraction_reason",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "workflow",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "retraction_reason",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "workflow",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "articles");
        }
    }
}
