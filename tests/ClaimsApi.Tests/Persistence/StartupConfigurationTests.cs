using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Tests.Persistence;

/// <summary>A wrong or unreachable database configuration stops start-up with a message that says what is wrong.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public void AnUnknownProviderIsNamed()
    {
        var error = StartFails(("Database:Provider", "Mysql"));

        Assert.Contains("Database:Provider", Messages(error), StringComparison.Ordinal);
        Assert.Contains("Mysql", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyConnectionStringIsNamed()
    {
        var error = StartFails(("Database:ConnectionString", ""));

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Database:ConnectionString is empty.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedPostgresConnectionStringIsNamed()
    {
        var error = StartFails(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Bogus=1"));

        Assert.Contains("Database:ConnectionString is not a valid connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachablePostgresServerIsNamed()
    {
        var error = StartFails(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Host=127.0.0.1;Port=1;Database=claims;Username=claims;Timeout=2"));

        Assert.Contains("Failed to connect to 127.0.0.1:1", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableServerStopsStartUpEvenWithMigrationsAndSeedingOff()
    {
        var error = StartFails(
            ("Database:Provider", "Postgres"),
            ("Database:ConnectionString", "Host=127.0.0.1;Port=1;Database=claims;Username=claims;Timeout=2"),
            ("Database:MigrateOnStartup", "false"),
            ("Seeds:ImportOnStartup", "false"));

        Assert.Contains("Failed to connect to 127.0.0.1:1", Messages(error), StringComparison.Ordinal);
    }

    private static Exception StartFails(params (string Key, string Value)[] settings)
    {
        using var database = new SqliteTestDatabase();
        using var factory = new ClaimsApiFactory(database, ownsDatabase: false);
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
