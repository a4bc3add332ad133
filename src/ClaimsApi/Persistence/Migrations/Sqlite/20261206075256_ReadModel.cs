using ClaimsApi.ReadModel;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The read model (docs/decisions/0031-a-read-model-of-stored-representations.md): empty; reads fill it.
            migrationBuilder.Sql(ReadModelSql.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReadModelSql.Drop);
        }
    }
}
