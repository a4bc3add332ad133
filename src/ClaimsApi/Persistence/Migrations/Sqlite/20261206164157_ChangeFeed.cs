using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimsApi.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "event",
                table: "history",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "public_after",
                table: "history",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "public_before",
                table: "history",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The changes recorded before the change feed (decision 0033): what each was, and whether readers
            // without the curator's role saw the record either side, read from the representations the history
            // kept (a review: whether its claim is visible now, the best that can be known after the fact).
            migrationBuilder.Sql("""
                UPDATE history SET
                    event = CASE action
                        WHEN 'create' THEN 'created'
                        WHEN 'update' THEN 'updated'
                        WHEN 'delete' THEN 'deleted'
                        WHEN 'restore' THEN 'restored'
                        WHEN 'merge' THEN CASE WHEN after IS NULL THEN 'merged' ELSE 'updated' END
                        ELSE CASE json_extract(after, '$.workflow')
                            WHEN 'in-review' THEN 'submitted'
                            WHEN 'published' THEN 'published'
                            WHEN 'retracted' THEN 'retracted'
                            WHEN 'draft' THEN 'drafted'
                            ELSE 'updated' END
                        END,
                    public_before = before IS NOT NULL AND CASE resource_type
                        WHEN 'claim' THEN json_extract(before, '$.workflow') = 'published'
                        WHEN 'statement' THEN json_extract(before, '$.workflow') = 'published'
                        WHEN 'review' THEN EXISTS (SELECT 1 FROM claims c WHERE c.id = json_extract(before, '$.claimId') AND c.deleted_at IS NULL AND c.workflow = 'Published')
                        ELSE 1 END,
                    public_after = after IS NOT NULL AND CASE resource_type
                        WHEN 'claim' THEN json_extract(after, '$.workflow') = 'published'
                        WHEN 'statement' THEN json_extract(after, '$.workflow') = 'published'
                        WHEN 'review' THEN EXISTS (SELECT 1 FROM claims c WHERE c.id = json_extract(after, '$.claimId') AND c.deleted_at IS NULL AND c.workflow = 'Published')
                        ELSE 1 END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "event",
                table: "history");

            migrationBuilder.DropColumn(
                name: "public_after",
                table: "history");

            migrationBuilder.DropColumn(
                name: "public_before",
                table: "history");
        }
    }
}
