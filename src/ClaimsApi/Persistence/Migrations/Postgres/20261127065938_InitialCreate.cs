using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    normalized_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    wikidata_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true, collation: "C"),
                    part_of_id = table.Column<string>(type: "character varying(80)", nullable: true, collation: "C"),
                    seed_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.id);
                    table.ForeignKey(
                        name: "fk_entities_entities_part_of_id",
                        column: x => x.part_of_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seed_imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    files = table.Column<int>(type: "integer", nullable: false),
                    rows_added = table.Column<int>(type: "integer", nullable: false),
                    rows_updated = table.Column<int>(type: "integer", nullable: false),
                    rows_deleted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seed_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    title = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    lead = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on_precision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false, collation: "C"),
                    publisher_id = table.Column<string>(type: "character varying(80)", nullable: true, collation: "C"),
                    source_url = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    content_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    seed_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_articles", x => x.id);
                    table.ForeignKey(
                        name: "fk_articles_entities_publisher_id",
                        column: x => x.publisher_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entity_aliases",
                columns: table => new
                {
                    entity_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    alias = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    normalized_alias = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_aliases", x => new { x.entity_id, x.alias });
                    table.ForeignKey(
                        name: "fk_entity_aliases_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_paragraphs",
                columns: table => new
                {
                    article_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    index = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    start = table.Column<int>(type: "integer", nullable: false),
                    end = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    artifact = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_paragraphs", x => new { x.article_id, x.index });
                    table.ForeignKey(
                        name: "fk_article_paragraphs_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    claimant_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    claimed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    predicate = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    @object = table.Column<string>(name: "object", type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    article_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    seed_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_claims_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claims_entities_claimant_id",
                        column: x => x.claimant_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    article_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    speaker_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, collation: "C"),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    start = table.Column<int>(type: "integer", nullable: false),
                    end = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<string>(type: "character varying(80)", nullable: true, collation: "C"),
                    source_id = table.Column<string>(type: "character varying(80)", nullable: true, collation: "C"),
                    seed_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_statements_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_statements_entities_source_id",
                        column: x => x.source_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_statements_entities_speaker_id",
                        column: x => x.speaker_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_statements_statements_parent_id",
                        column: x => x.parent_id,
                        principalTable: "statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_links",
                columns: table => new
                {
                    from_claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    to_claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_links", x => new { x.from_claim_id, x.to_claim_id, x.kind });
                    table.ForeignKey(
                        name: "fk_claim_links_claims_from_claim_id",
                        column: x => x.from_claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_links_claims_to_claim_id",
                        column: x => x.to_claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "claim_mentions",
                columns: table => new
                {
                    claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    entity_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_mentions", x => new { x.claim_id, x.entity_id });
                    table.ForeignKey(
                        name: "fk_claim_mentions_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_mentions_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_qualifiers",
                columns: table => new
                {
                    claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    entity_id = table.Column<string>(type: "character varying(80)", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_qualifiers", x => new { x.claim_id, x.ordinal });
                    table.ForeignKey(
                        name: "fk_claim_qualifiers_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_qualifiers_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_evidence",
                columns: table => new
                {
                    claim_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    statement_id = table.Column<string>(type: "character varying(80)", nullable: false, collation: "C"),
                    start = table.Column<int>(type: "integer", nullable: false),
                    end = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_evidence", x => new { x.claim_id, x.ordinal });
                    table.ForeignKey(
                        name: "fk_claim_evidence_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_claim_evidence_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_articles_published_on_id",
                table: "articles",
                columns: new[] { "published_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_articles_publisher_id",
                table: "articles",
                column: "publisher_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_evidence_statement_id",
                table: "claim_evidence",
                column: "statement_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_links_to_claim_id",
                table: "claim_links",
                column: "to_claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_mentions_entity_id_claim_id",
                table: "claim_mentions",
                columns: new[] { "entity_id", "claim_id" });

            migrationBuilder.CreateIndex(
                name: "ix_claim_qualifiers_entity_id",
                table: "claim_qualifiers",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_claims_article_id",
                table: "claims",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimant_id_id",
                table: "claims",
                columns: new[] { "claimant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_claimed_on_id",
                table: "claims",
                columns: new[] { "claimed_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_kind_id",
                table: "claims",
                columns: new[] { "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_claims_status_id",
                table: "claims",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_kind_id",
                table: "entities",
                columns: new[] { "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_normalized_name",
                table: "entities",
                column: "normalized_name");

            migrationBuilder.CreateIndex(
                name: "ix_entities_part_of_id",
                table: "entities",
                column: "part_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_aliases_normalized_alias",
                table: "entity_aliases",
                column: "normalized_alias");

            migrationBuilder.CreateIndex(
                name: "ix_statements_article_id_start",
                table: "statements",
                columns: new[] { "article_id", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_statements_parent_id",
                table: "statements",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_source_id",
                table: "statements",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_speaker_id_id",
                table: "statements",
                columns: new[] { "speaker_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_paragraphs");

            migrationBuilder.DropTable(
                name: "claim_evidence");

            migrationBuilder.DropTable(
                name: "claim_links");

            migrationBuilder.DropTable(
                name: "claim_mentions");

            migrationBuilder.DropTable(
                name: "claim_qualifiers");

            migrationBuilder.DropTable(
                name: "entity_aliases");

            migrationBuilder.DropTable(
                name: "seed_imports");

            migrationBuilder.DropTable(
                name: "statements");

            migrationBuilder.DropTable(
                name: "claims");

            migrationBuilder.DropTable(
                name: "articles");

            migrationBuilder.DropTable(
                name: "entities");
        }
    }
}
