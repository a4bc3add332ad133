using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Tests.Persistence;

/// <summary>Each provider's migration set is complete for the model and in step with the other's.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void TheSqliteMigrationsCoverTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes the SQLite migrations lack: dotnet ef migrations add <Name> --project src/ClaimsApi --context SqliteClaimsDbContext --output-dir Persistence/Migrations/Sqlite");
    }

    [Fact]
    public void ThePostgresMigrationsCoverTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes the PostgreSQL migrations lack: dotnet ef migrations add <Name> --project src/ClaimsApi --context PostgresClaimsDbContext --output-dir Persistence/Migrations/Postgres");
    }

    [Fact]
    public void BothProvidersHaveTheSameMigrationsInTheSameOrder()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
