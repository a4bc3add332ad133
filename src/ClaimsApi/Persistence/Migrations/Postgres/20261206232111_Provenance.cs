using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Provenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "statements",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "statements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "statements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "statements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "entities",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "entities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "entities",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "claims",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "claims",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "claims",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "claims",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "confidence",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "extractor",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "proposed_by",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "confidence",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "extractor",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "proposed_by",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "confidence",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "extractor",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "proposed_by",
                table: "claims");
        }
    }
}
