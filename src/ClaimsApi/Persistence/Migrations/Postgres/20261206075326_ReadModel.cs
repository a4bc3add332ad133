using ClaimsApi.ReadModel;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The read model (docs/decisions/0031-a-read-model-of-stored-representations.md): empty; reads fill it.
            migrationBuilder.Sql(ReadModelSql.CreatePostgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReadModelSql.Drop);
        }
    }
}
