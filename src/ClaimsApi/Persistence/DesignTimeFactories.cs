using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimsApi.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the app (which would migrate and seed).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClaimsDbContext>
{
    public SqliteClaimsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClaimsDbContext>().UseSqlite("Data Source=design-time.db").UseSnakeCaseNamingConvention().Options);
}
