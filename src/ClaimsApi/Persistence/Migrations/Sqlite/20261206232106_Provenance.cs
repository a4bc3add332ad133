using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
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
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "statements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "statements",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "statements",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "entities",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "entities",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "entities",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "claims",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extractor",
                table: "claims",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposed_by",
                table: "claims",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
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
