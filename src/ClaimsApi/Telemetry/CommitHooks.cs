using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimsApi.Telemetry;

/// <summary>
/// Runs an action once the transaction a context is in commits, and drops it when the transaction rolls back or
/// fails: what is counted as committed has been committed. Outside a transaction the action runs at once.
/// </summary>
public sealed class CommitHooks : DbTransactionInterceptor
{
    // Per context (a pooled context serves one request at a time); cleared whenever a transaction begins, so an
    // action left behind by a transaction that was never finished cannot run with the next one.
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = [];

    public void WhenCommitted(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }

        _pending.GetOrCreateValue(db).Add(action);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Drop(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Drop(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Run(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var actions))
        {
            foreach (var action in actions)
            {
                action();
            }

            actions.Clear();
        }
    }

    private void Drop(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var actions))
        {
            actions.Clear();
        }
    }
}
