using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// The API on real Kestrel on 127.0.0.1 (not the in-memory test server), so that the fuzz pass goes through
/// Kestrel's parsing and limits, as a hostile client's requests would, on its own fresh SQLite database.
/// </summary>
public sealed class SqliteFuzzApi : ClaimsApiFactory
{
    public SqliteFuzzApi()
        : base(new SqliteTestDatabase(), ownsDatabase: true) => UseKestrel(0);
}

/// <summary>As <see cref="SqliteFuzzApi"/>, on PostgreSQL; skipped where no server is configured.</summary>
public sealed class PostgresFuzzApi : ClaimsApiFactory, IPostgresLeg
{
    public PostgresFuzzApi()
        : base(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase(), ownsDatabase: true) => UseKestrel(0);
}
