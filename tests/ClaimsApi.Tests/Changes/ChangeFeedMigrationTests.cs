using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Tests.Changes;

/// <summary>
/// The ChangeFeed migration gives the history written before it what the change feed reads: each entry's event and
/// whether readers without the curator's role saw the record before and after, from the representations it kept.
/// </summary>
public sealed class ChangeFeedMigrationTests
{
    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheHistoryBeforeTheFeedGetsItsEventsAndVisibility(DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        using var database = TestDatabase.Create(provider);
        await using var db = Open(database);
        var migrations = db.Database.GetMigrations().ToList();
        var feed = migrations.FindIndex(m => m.EndsWith("_ChangeFeed", StringComparison.Ordinal));
        await db.MigrateExclusivelyAsync(migrations[feed - 1], TimeSpan.FromMinutes(1), CancellationToken.None);

        var at = provider == DatabaseProvider.Postgres ? "now()" : "'2026-01-01 00:00:00+00:00'";
        string Row(string type, string id, int revision, string action, string? before, string? after) =>
            $"('{type}', '{id}', {revision}, '{action}', 'seeds', {at}, '[]', {Json(before)}, {Json(after)})";
        static string Json(string? json) => json is null ? "NULL" : $"'{json}'";
        var insert =
            "INSERT INTO history (resource_type, resource_id, revision, action, actor, at, changes, before, after) VALUES "
            + string.Join(", ",
                Row("claim", "c", 1, "create", null, """{"id":"c","workflow":"draft"}"""),
                Row("claim", "c", 2, "transition", """{"id":"c","workflow":"draft"}""", """{"id":"c","workflow":"in-review"}"""),
                Row("claim", "c", 3, "transition", """{"id":"c","workflow":"in-review"}""", """{"id":"c","workflow":"published"}"""),
                Row("claim", "c", 4, "transition", """{"id":"c","workflow":"published"}""", """{"id":"c","workflow":"retracted"}"""),
                Row("entity", "e", 1, "create", null, """{"id":"e"}"""),
                Row("entity", "e", 2, "merge", """{"id":"e"}""", null),
                Row("entity", "f", 2, "merge", """{"id":"f"}""", """{"id":"f"}"""),
                Row("review", "r", 1, "create", null, """{"id":"r","claimId":"gone"}"""),
                Row("entity", "f", 3, "delete", """{"id":"f"}""", null));
#pragma warning disable EF1003 // the test's own literals, no input
        await db.Database.ExecuteSqlRawAsync(insert.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)); // braces are not placeholders
#pragma warning restore EF1003

        await db.MigrateExclusivelyAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        var entries = await db.History.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Event, h.PublicBefore, h.PublicAfter }).ToListAsync();
        Assert.Equal(
            [("created", false, false), ("submitted", false, false), ("published", false, true), ("retracted", true, false),
             ("created", false, true), ("merged", true, false), ("updated", true, true), ("created", false, false), ("deleted", true, false)],
            entries.Select(e => (e.Event, e.PublicBefore, e.PublicAfter)));
    }

    private static ClaimsDbContext Open(TestDatabase database) => database.Provider == DatabaseProvider.Postgres
        ? new PostgresClaimsDbContext((DbContextOptions<PostgresClaimsDbContext>)PostgresClaimsDbContext.Configure(new DbContextOptionsBuilder<PostgresClaimsDbContext>(), database.ConnectionString).Options)
        : new SqliteClaimsDbContext((DbContextOptions<SqliteClaimsDbContext>)SqliteClaimsDbContext.Configure(new DbContextOptionsBuilder<SqliteClaimsDbContext>(), database.ConnectionString).Options);
}
