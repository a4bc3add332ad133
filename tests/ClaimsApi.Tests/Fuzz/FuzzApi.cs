using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// The API on real Kestrel on 127.0.0.1 (not the in-memory test server), so that the fuzz pass goes through
/// Kestrel's parsing and limits, as a hostile client's requests would, on its own fresh SQLite database.
/// This instance sends no webhooks: the dispatcher schedules and records deliveries in the background, and the pass
/// could not tell those writes from a refused request's (the deliveries are WebhookDeliveryTests' subject).
/// </summary>
public sealed class SqliteFuzzApi : ClaimsApiFactory
{
    public SqliteFuzzApi()
        : base(new SqliteTestDatabase(), ownsDatabase: true) => FuzzApi.Configure(this);
}

/// <summary>As <see cref="SqliteFuzzApi"/>, on PostgreSQL; skipped where no server is configured.</summary>
public sealed class PostgresFuzzApi : ClaimsApiFactory, IPostgresLeg
{
    public PostgresFuzzApi()
        : base(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase(), ownsDatabase: true) => FuzzApi.Configure(this);
}

internal static class FuzzApi
{
    /// <summary>Real Kestrel on a free port of 127.0.0.1, no webhook deliveries.</summary>
    public static void Configure(ClaimsApiFactory api)
    {
        api.Settings["Webhooks:Enabled"] = "false";
        api.UseKestrel(0);
    }
}
