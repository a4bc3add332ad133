using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// The API on a <see cref="TestDatabase"/>, built by the real migrations and seeded from <see cref="SeedsPath"/>
/// (the shipped seeds unless a test says otherwise). Configuration is overridden; only the clock is replaced in
/// DI, so tests control time.
/// </summary>
public class ClaimsApiFactory(TestDatabase database, bool ownsDatabase) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public DatabaseProvider Provider => Database.Provider;

    public string SeedsPath { get; set; } = TestPaths.Seeds;

    /// <summary>Settings applied after the database and seeds settings, to override them.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(EnumNames.Policy, allowIntegerValues: false) },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Seeds:Path", SeedsPath);
        // Tests send hundreds of requests a second from one client: the limiter is on only where a test says so
        // (RateLimitingTests), through Settings below.
        builder.UseSetting("RateLimiting:Enabled", "false");
        // Each instance's own text index, in memory and built at start: two instances on one database never share a
        // folder, and no test leaves one behind. Tests of the index on disk say so through Settings.
        builder.UseSetting("Search:IndexPath", ":memory:");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDatabase)
        {
            Database.Dispose();
        }
    }
}

/// <summary>A class fixture: the API on its own fresh SQLite database, seeded from the shipped seeds.</summary>
public sealed class SqliteApi() : ClaimsApiFactory(new SqliteTestDatabase(), ownsDatabase: true);

/// <summary>
/// A class fixture: the API on its own fresh PostgreSQL database, seeded from the shipped seeds; or, where no
/// server is configured, nothing, and <see cref="ProviderLeg.Require"/> skips the class's tests saying why.
/// </summary>
public sealed class PostgresApi() : ClaimsApiFactory(
    TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase(), ownsDatabase: true), IPostgresLeg;

/// <summary>A fixture meant for PostgreSQL: on a machine without a server it has a SQLite database, and its tests are skipped.</summary>
public interface IPostgresLeg
{
    TestDatabase Database { get; }

    bool Available => Database is PostgresTestDatabase;
}

public static class ProviderLeg
{
    /// <summary>Skips the current test when its provider leg cannot run here.</summary>
    public static T Require<T>(T api) where T : ClaimsApiFactory
    {
        Skip.If(api is IPostgresLeg { Available: false }, TestDatabase.PostgresSkipReason);
        return api;
    }

    public static void RequireProvider(DatabaseProvider provider) =>
        Skip.If(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.PostgresSkipReason);
}
