using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimsApi.Telemetry;

/// <summary>
/// Feeds <c>claimsapi.db.command.duration</c> from EF Core's own timings (EF Core's meter counts queries but does
/// not time them). A query's time is its execution plus the reading of its rows, which EF Core reports apart.
/// </summary>
internal sealed class DbCommandTimer(ClaimsMetrics metrics) : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbCommand, StrongBox<TimeSpan>> _executing = [];

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        _executing.AddOrUpdate(command, new StrongBox<TimeSpan>(eventData.Duration));
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        _executing.AddOrUpdate(command, new StrongBox<TimeSpan>(eventData.Duration));
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        var executing = _executing.TryGetValue(command, out var box) ? box.Value : TimeSpan.Zero;
        _executing.Remove(command);
        metrics.DbCommand(Provider(command), executing + eventData.Duration, error: null);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        metrics.DbCommand(Provider(command), eventData.Duration, error: null);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        metrics.DbCommand(Provider(command), eventData.Duration, error: null);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        metrics.DbCommand(Provider(command), eventData.Duration, error: null);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        metrics.DbCommand(Provider(command), eventData.Duration, error: null);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        metrics.DbCommand(Provider(command), eventData.Duration, eventData.Exception.GetType().FullName);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        metrics.DbCommand(Provider(command), eventData.Duration, eventData.Exception.GetType().FullName);
        return Task.CompletedTask;
    }

    /// <summary>The OpenTelemetry name of the database system.</summary>
    private static string Provider(DbCommand command) => command is Npgsql.NpgsqlCommand ? "postgresql" : "sqlite";
}
