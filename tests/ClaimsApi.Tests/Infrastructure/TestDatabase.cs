using System.Data.Common;
using System.Globalization;
using ClaimsApi.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database that one test or one test class owns, on either provider. The app builds it with its
/// real migrations; disposing it removes it.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>
    /// An admin connection string to a PostgreSQL server the tests may create databases on. `.ci/run` starts a
    /// throw-away server and sets it. Without it the tests start a throw-away cluster themselves where PostgreSQL is
    /// installed (<see cref="LocalPostgres"/>); where it is not, or with the value `off`, the PostgreSQL leg is
    /// skipped, saying why.
    /// </summary>
    public const string PostgresVariable = "CLAIMSAPI_TEST_POSTGRES";

    private static readonly Lazy<(string? Server, string? WhyNot)> Postgres = new(FindPostgres);

    public static string? PostgresServer => Postgres.Value.Server;

    public static string PostgresSkipReason =>
        $"PostgreSQL leg not run: {Postgres.Value.WhyNot}. To run it: set {PostgresVariable} to an admin connection string "
        + "(e.g. Host=127.0.0.1;Port=5432;Username=postgres); or leave it unset with PostgreSQL installed (Debian: apt-get "
        + "install postgresql), and the tests start a throw-away cluster; or run bash .ci/run, which installs and starts one.";

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>A raw connection, for looking at rows the way no API call would.</summary>
    public abstract DbConnection CreateConnection();

    private static (string? Server, string? WhyNot) FindPostgres() => Environment.GetEnvironmentVariable(PostgresVariable) switch
    {
        "off" => (null, $"{PostgresVariable} is off"),
        { Length: > 0 } server => (server, null),
        _ => LocalPostgres.Start(),
    };

    public static TestDatabase Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresTestDatabase(),
        _ => new SqliteTestDatabase(),
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("claimsapi-tests-").FullName;

    public string FilePath => Path.Combine(_folder, "claims.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={FilePath};Pooling=False";

    /// <summary>Never creates the file: a database the app has not made yet cannot be opened.</summary>
    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString + ";Mode=ReadWrite");

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing a test over it is not.
        }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = "claimsapi_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestDatabase()
    {
        if (PostgresServer is null)
        {
            throw new InvalidOperationException(PostgresSkipReason);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _name }.ConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>The database does not exist until the app's migrations create it.</summary>
    public override string ConnectionString { get; }

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    protected override void Dispose(bool disposing)
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(PostgresServer);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        drop.ExecuteNonQuery();
    }
}
