using System.Data.Common;
using System.Globalization;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// A cheap value that moves whenever a write may have been committed, so that a full <see cref="DatabaseSnapshot"/>
/// is taken only when it can differ. Sound, not exact: an unchanged marker means nothing was written; a moved one
/// only that something may have been. SQLite: <c>PRAGMA data_version</c> on a connection of its own, which changes
/// when any other connection commits. PostgreSQL: the first transaction id not yet assigned
/// (<c>pg_current_snapshot()</c>'s xmax), which moves when any transaction of the server starts writing, even one
/// that rolls back, or one of another test's database.
/// </summary>
internal sealed class CommitMarker : IAsyncDisposable
{
    private readonly DbConnection connection;
    private readonly string query;

    private CommitMarker(DbConnection connection, string query)
    {
        this.connection = connection;
        this.query = query;
    }

    public static async Task<CommitMarker> OpenAsync(TestDatabase database)
    {
        var connection = database.CreateConnection();
        await connection.OpenAsync();
        return new CommitMarker(connection, database.Provider == DatabaseProvider.Postgres
            ? "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
            : "PRAGMA data_version");
    }

    public async Task<string> ReadAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
