using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retraction_reason",
                table: "statements",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "statements",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "workflow",
                table: "statements",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published"); // existing rows came from the seeds, which are published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "merged_into_id",
                table: "entities",
                type: "character varying(80)",
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "entities",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "claims",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retraction_reason",
                table: "claims",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "claims",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "workflow",
                table: "claims",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published"); // existing rows came from the seeds, which are published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "articles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "articles",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "claim_reviews",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    reviewer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    reviewer_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    rating_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    rating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    seed_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true, collation: "C")
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resource_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    resource_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    before = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    after = table.Column<string>(type: "text", nullable: true, collation: "C")
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
