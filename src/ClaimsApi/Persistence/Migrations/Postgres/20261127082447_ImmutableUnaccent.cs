using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImmutableUnaccent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent() is only STABLE, so the planner cannot fold it into a constant and misjudges how selective
            // a full-text condition is; this wrapper with a fixed dictionary is IMMUTABLE (the usual recipe).
            migrationBuilder.Sql(
                """
                CREATE OR REPLACE FUNCTION claims_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS claims_unaccent(text);");
        }
    }
}
