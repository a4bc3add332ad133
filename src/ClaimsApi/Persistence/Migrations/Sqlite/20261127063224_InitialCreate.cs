using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    WikidataId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PartOfId = table.Column<string>(type: "TEXT", nullable: true),
                    SeedFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entities_entities_PartOfId",
                        column: x => x.PartOfId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seed_imports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Files = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsUpdated = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsDeleted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seed_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Lead = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOnPrecision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PublisherId = table.Column<string>(type: "TEXT", nullable: true),
                    SourceUrl = table.Column<string>(type: "TEXT", nullable: true),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SeedFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_articles_entities_PublisherId",
                        column: x => x.PublisherId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entity_aliases",
                columns: table => new
                {
                    EntityId = table.Column<string>(type: "TEXT", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedAlias = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entity_aliases", x => new { x.EntityId, x.Alias });
                    table.ForeignKey(
                        name: "FK_entity_aliases_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_paragraphs",
                columns: table => new
                {
                    ArticleId = table.Column<string>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Artifact = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_article_paragraphs", x => new { x.ArticleId, x.Index });
                    table.ForeignKey(
                        name: "FK_article_paragraphs_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ClaimantId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Predicate = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Object = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ArticleId = table.Column<string>(type: "TEXT", nullable: false),
                    SeedFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_claims_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_claims_entities_ClaimantId",
                        column: x => x.ClaimantId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ArticleId = table.Column<string>(type: "TEXT", nullable: false),
                    SpeakerId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Cue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", nullable: true),
                    SourceId = table.Column<string>(type: "TEXT", nullable: true),
                    SeedFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_statements_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_statements_entities_SourceId",
                        column: x => x.SourceId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_statements_entities_SpeakerId",
                        column: x => x.SpeakerId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_statements_statements_ParentId",
                        column: x => x.ParentId,
                        principalTable: "statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_links",
                columns: table => new
                {
                    FromClaimId = table.Column<string>(type: "TEXT", nullable: false),
                    ToClaimId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_links", x => new { x.FromClaimId, x.ToClaimId, x.Kind });
                    table.ForeignKey(
                        name: "FK_claim_links_claims_FromClaimId",
                        column: x => x.FromClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_claim_links_claims_ToClaimId",
                        column: x => x.ToClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "claim_mentions",
                columns: table => new
                {
                    ClaimId = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_mentions", x => new { x.ClaimId, x.EntityId });
                    table.ForeignKey(
                        name: "FK_claim_mentions_claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_claim_mentions_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_qualifiers",
                columns: table => new
                {
                    ClaimId = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_qualifiers", x => new { x.ClaimId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_claim_qualifiers_claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_claim_qualifiers_entities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_evidence",
                columns: table => new
                {
                    ClaimId = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementId = table.Column<string>(type: "TEXT", nullable: false),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_evidence", x => new { x.ClaimId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_claim_evidence_claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_claim_evidence_statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_articles_PublishedOn_Id",
                table: "articles",
                columns: new[] { "PublishedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_articles_PublisherId",
                table: "articles",
                column: "PublisherId");

            migrationBuilder.CreateIndex(
                name: "IX_claim_evidence_StatementId",
                table: "claim_evidence",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_claim_links_ToClaimId",
                table: "claim_links",
                column: "ToClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_claim_mentions_EntityId_ClaimId",
                table: "claim_mentions",
                columns: new[] { "EntityId", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_claim_qualifiers_EntityId",
                table: "claim_qualifiers",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_claims_ArticleId",
                table: "claims",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_claims_ClaimantId_Id",
                table: "claims",
                columns: new[] { "ClaimantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_ClaimedOn_Id",
                table: "claims",
                columns: new[] { "ClaimedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_Kind_Id",
                table: "claims",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_Status_Id",
                table: "claims",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_entities_Kind_Id",
                table: "entities",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_entities_NormalizedName",
                table: "entities",
                column: "NormalizedName");

            migrationBuilder.CreateIndex(
                name: "IX_entities_PartOfId",
                table: "entities",
                column: "PartOfId");

            migrationBuilder.CreateIndex(
                name: "IX_entity_aliases_NormalizedAlias",
                table: "entity_aliases",
                column: "NormalizedAlias");

            migrationBuilder.CreateIndex(
                name: "IX_statements_ArticleId_Start",
                table: "statements",
                columns: new[] { "ArticleId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_statements_ParentId",
                table: "statements",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_statements_SourceId",
                table: "statements",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_statements_SpeakerId_Id",
                table: "statements",
                columns: new[] { "SpeakerId", "Id" });
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
