using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimsApi.Persistence;

// Let `dotnet ef migrations add` build each provider's context without starting the app (which would migrate and
// seed) and without a server: adding a migration compares models, it never connects.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClaimsDbContext>
{
    public SqliteClaimsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteClaimsDbContext>)SqliteClaimsDbContext.Configure(new DbContextOptionsBuilder<SqliteClaimsDbContext>(), "Data Source=:memory:").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClaimsDbContext>
{
    public PostgresClaimsDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresClaimsDbContext>)PostgresClaimsDbContext.Configure(new DbContextOptionsBuilder<PostgresClaimsDbContext>(), "Host=localhost;Database=claimsapi_design").Options);
}
