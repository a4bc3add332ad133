using ClaimsApi.Tests.Infrastructure;
using Npgsql;

namespace ClaimsApi.Tests.Persistence;

/// <summary>Says, in the test output, whether the PostgreSQL leg ran; and checks the server it runs against.</summary>
public sealed class PostgresLegTests
{
    [SkippableFact(DisplayName = "PostgreSQL leg: the configured server answers (skipped = PostgreSQL leg not run; set CLAIMSAPI_TEST_POSTGRES)")]
    public async Task TheConfiguredPostgresServerAnswers()
    {
        Skip.If(TestDatabase.PostgresServer is null, TestDatabase.PostgresSkipReason);

        await using var connection = new NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);

        Assert.True((int)(await command.ExecuteScalarAsync())! >= 140000, "PostgreSQL 14 or later is required");
    }
}
