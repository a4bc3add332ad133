using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Curation;

/// <summary>
/// The one way a write reaches the knowledge base. For every create, replace, workflow move, merge, delete and
/// restore it owns the transaction, the If-Match check (428/412), the revisions, the search-index rows, the change
/// observers (the history, and whatever else must commit with a change), the after-commit hooks and the answer
/// (the record as readers now see it, with its ETag). An editor only says what changes, or why it cannot.
/// A person's write to a record the extractor proposed confirms it (<see cref="Proposals.ConfirmWrittenBy"/>).
/// A write either commits everything or, when the editor returns a problem or anything fails, nothing.
/// </summary>
public sealed class CurationPipeline(
    ClaimsDbContext db, TimeProvider time, IHttpContextAccessor accessor, IEnumerable<IChangeObserver> observers, IServiceProvider services)
{
    /// <summary>Who is writing: the API key's name.</summary>
    public string Actor => accessor.HttpContext?.User.Identity?.Name ?? "system";

    /// <summary>
    /// Creates <paramref name="record"/> (409 when its id is taken, also by a deleted record) once
    /// <paramref name="edit"/> has checked and completed it, with whatever <paramref name="carry"/> then adds to the
    /// write after it (the proposals of a new article); answers with the new record.
    /// </summary>
    public Task<WriteResult<TView>> CreateAsync<T, TView>(
        CuratedResource<T, TView> resource, T record, Func<T, ChangeSet, CancellationToken, Task<ProblemHttpResult?>> edit, CancellationToken ct,
        Func<T, ChangeSet, CancellationToken, Task>? carry = null)
        where T : class, ICurated
        where TView : class, IRevisioned =>
        RunAsync(resource, record.Id, async (changes, ct) =>
        {
            var id = record.Id; // a plain variable: EF Core sends it as a parameter without evaluating record.Id per query
            if (await db.Set<T>().IgnoreQueryFilters().AnyAsync(r => r.Id == id, ct))
            {
                return Problems.Conflict($"{resource.WithArticle} with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            if (await edit(record, changes, ct) is { } problem)
            {
                return problem;
            }

            db.Add(record);
            changes.Add(resource, record, "create", before: null, touch: false);
            if (carry is not null)
            {
                await carry(record, changes, ct);
            }

            return null;
        }, ct);

    /// <summary>
    /// Changes record <paramref name="id"/>: loads it (404), checks If-Match against its revision (428, 412), lets
    /// <paramref name="edit"/> change it and whatever it carries with it, and records each change as
    /// <paramref name="action"/>. Answers with the record, or with <paramref name="answer"/> when the change is
    /// better answered by another record of the same kind (a merge answers with the entity merged into).
    /// </summary>
    public Task<WriteResult<TView>> ChangeAsync<T, TView>(
        CuratedResource<T, TView> resource, string id, string action, Func<T, ChangeSet, CancellationToken, Task<ProblemHttpResult?>> edit,
        CancellationToken ct, string? answer = null)
        where T : class, ICurated
        where TView : class, IRevisioned =>
        RunAsync(resource, answer ?? id, async (changes, ct) =>
        {
            var record = await resource.Query(db).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (record is null)
            {
                return Problems.NotFound(resource.Name, id);
            }

            if (ETags.CheckIfMatch(Request, resource.Name, id, record.Revision) is { } failed)
            {
                return failed;
            }

            changes.Add(resource, record, action, await resource.Render(id, db, ct), touch: true);
            if (await edit(record, changes, ct) is { } problem)
            {
                return problem;
            }

            Proposals.ConfirmWrittenBy(record, time.GetUtcNow()); // a person's write to a proposal accepts or corrects it (a deletion rejects it)
            return null;
        }, ct);

    /// <summary>Soft-deletes record <paramref name="id"/> (If-Match; 409 while other records depend on it).</summary>
    public Task<WriteResult<TView>> DeleteAsync<T, TView>(CuratedResource<T, TView> resource, string id, CancellationToken ct)
        where T : class, ICurated
        where TView : class, IRevisioned =>
        ChangeAsync(resource, id, "delete", async (record, changes, ct) =>
        {
            // Locked before the check, so nothing can start resting on the record while it is being deleted.
            await db.LockRowsAsync(db.Model.FindEntityType(typeof(T))!.GetTableName()!, [id], exclusive: true, ct);
            if (resource.RefuseDelete is not null && await resource.RefuseDelete(record, db, ct) is { } refused)
            {
                return Problems.Conflict(refused);
            }

            record.DeletedAt = time.GetUtcNow();
            return null;
        }, ct);

    /// <summary>Brings deleted record <paramref name="id"/> back as it was (409 when it is not deleted or what it refers to is gone).</summary>
    public Task<WriteResult<TView>> RestoreAsync<T, TView>(CuratedResource<T, TView> resource, string id, CancellationToken ct)
        where T : class, ICurated
        where TView : class, IRevisioned =>
        RunAsync(resource, id, async (changes, ct) =>
        {
            var record = await resource.Query(db).IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (record is null)
            {
                return Problems.NotFound(resource.Name, id);
            }

            if (record.DeletedAt is null)
            {
                return Problems.Conflict($"{resource.Title} '{id}' is not deleted.");
            }

            if (resource.RefuseRestore is not null && await resource.RefuseRestore(record, db, ct) is { } refused)
            {
                return Problems.Conflict(refused);
            }

            record.DeletedAt = null;
            Proposals.ConfirmWrittenBy(record, time.GetUtcNow());
            changes.Add(resource, record, "restore", before: null, touch: true);
            return null;
        }, ct);

    /// <summary>Moves a workflowed record to <paramref name="to"/> (409 for a move the workflow or what rests on the record does not allow).</summary>
    public Task<WriteResult<TView>> MoveAsync<T, TView>(CuratedResource<T, TView> resource, string id, WorkflowState to, string? reason, CancellationToken ct)
        where T : class, IWorkflowed
        where TView : class, IRevisioned =>
        ChangeAsync(resource, id, "transition", async (record, changes, ct) =>
        {
            if (Workflow.Refuse(record, to) is { } refused)
            {
                return Problems.Conflict($"{resource.Title} '{id}' {refused}");
            }

            if (resource.RefuseMove is not null && await resource.RefuseMove(record, to, db, ct) is { } cannot)
            {
                return Problems.Conflict(cannot);
            }

            Workflow.Apply(record, to, reason);
            return null;
        }, ct);

    /// <summary>
    /// Records changes made outside a request (the seed import, in its own transaction) exactly as the pipeline
    /// records its own: every observer sees each one, in order. Their representations are given; nothing is rendered.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<CuratedChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return; // nothing to record (an import batch whose lines were all there already)
        }

        await db.TakeChangeLogTurnAsync(ct);
        foreach (var observer in observers)
        {
            await observer.OnChangesAsync(changes, db, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Runs many writes as one (a batch of an import): <paramref name="work"/> fills one change set, reading what its
    /// checks need through the lookup <paramref name="lookup"/> makes for each attempt, and says whether the batch
    /// stands. When it does, its changes are saved, recorded and committed as any write's (revisions, derived rows,
    /// representations, every observer), under <paramref name="actor"/>; when it does not, or anything fails, nothing
    /// is. Returns whether it committed, or the problem of a lost race with another writer (412, 409).
    /// </summary>
    public async Task<(bool Committed, ProblemHttpResult? Problem)> RunBatchAsync(
        string actor, Func<ClaimsDbContext, IWriteLookup> lookup, Func<ChangeSet, CancellationToken, Task<bool>> work, CancellationToken ct)
    {
        var refused = Problems.Conflict("The batch was refused.");
        var (problem, _) = await TransactAsync(actor, lookup, async (changes, ct) => await work(changes, ct) ? null : refused, ct);
        return (problem is null, ReferenceEquals(problem, refused) ? null : problem);
    }

    private HttpRequest Request => accessor.HttpContext?.Request ?? throw new InvalidOperationException("A change through the pipeline needs the request that asks for it.");

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and, when it returns no problem, finishes the change set it
    /// filled: commits, then runs the after-commit hooks and answers with record <paramref name="answerId"/>.
    /// </summary>
    private async Task<WriteResult<TView>> RunAsync<T, TView>(
        CuratedResource<T, TView> resource, string answerId, Func<ChangeSet, CancellationToken, Task<ProblemHttpResult?>> work, CancellationToken cancellationToken)
        where T : class, ICurated
        where TView : class, IRevisioned
    {
        using var span = Telemetry.ClaimsTelemetry.StartWrite(resource.Name, answerId);
        var (problem, changes) = await TransactAsync(Actor, db => new DatabaseLookup(db), work, cancellationToken);
        return problem is not null ? WriteResult<TView>.Failed(problem) : Answer(resource, answerId, changes!);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction (the process's write turn on SQLite) and, when it returns no
    /// problem, saves and records the change set it filled, commits, and runs the after-commit hooks. A lost race
    /// with another writer (the revision check in the UPDATE) is a 412; a unique or foreign-key violation from a
    /// concurrent write is a 409.
    /// </summary>
    private async Task<(ProblemHttpResult? Problem, List<CuratedChange>? Committed)> TransactAsync(
        string actor, Func<ClaimsDbContext, IWriteLookup> lookup, Func<ChangeSet, CancellationToken, Task<ProblemHttpResult?>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        using var turn = await db.WaitForWriteTurnAsync(cancellationToken);
        try
        {
            var (problem, changes) = await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear(); // a retried attempt starts from nothing
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var changes = new ChangeSet(db, lookup(db));
                if (await work(changes, ct) is { } problem)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return (problem, (List<CuratedChange>?)null);
                }

                var committed = await SaveAsync(changes, actor, ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return ((ProblemHttpResult?)null, committed);
            }, cancellationToken);

            if (problem is not null)
            {
                return (problem, null);
            }

            foreach (var changed in changes!.Select(c => c.Resource).Distinct())
            {
                changed.AfterCommit(services);
            }

            return (null, changes);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (Problems.ChangedConcurrently(), null);
        }
        catch (DbUpdateException e) when (IsConstraintViolation(e))
        {
            db.ChangeTracker.Clear();
            return (Problems.Conflict(
                "The change conflicts with a change made at the same time (a record with this id was just created, or a record it refers to was just removed); read again and retry."), null);
        }
    }

    /// <summary>
    /// Saves the change set: a new revision for every changed record (and the API's version now wins over the
    /// seeds), then their derived rows (search index, entity_claims), their representations after the change and
    /// their observers, a kind of record at a time: a batch of many records costs a few statements per kind, not per record.
    /// </summary>
    private async Task<List<CuratedChange>> SaveAsync(ChangeSet changes, string actor, CancellationToken ct)
    {
        foreach (var pending in changes.Pending.Where(p => p.Touch))
        {
            pending.Record.Revision++;
            pending.Record.SeedFile = null;
        }

        await db.SaveChangesAsync(ct);
        var at = time.GetUtcNow();
        var after = new Dictionary<(ICuratedResource, string), IRevisioned>();
        foreach (var kind in changes.Pending.GroupBy(p => p.Resource))
        {
            var records = kind.Select(p => p.Record).Distinct().ToList();
            await db.RefreshDerivedRowsAsync(kind.Key.IndexKind, records, ct); // search-index rows, entity_claims
            var live = records.Where(r => r.DeletedAt is null).Select(r => r.Id).ToList();
            if (live.Count > 0)
            {
                foreach (var (id, representation) in await kind.Key.RenderManyAsync(live, db, ct))
                {
                    after[(kind.Key, id)] = representation;
                }
            }
        }

        var committed = changes.Pending
            .Select(p => new CuratedChange(p.Resource, p.Record.Id, p.Record.Revision, p.Action, actor, at, p.Before, after.GetValueOrDefault((p.Resource, p.Record.Id))))
            .ToList();
        await RecordAsync(committed, ct);
        return committed;
    }

    private WriteResult<TView> Answer<T, TView>(CuratedResource<T, TView> resource, string id, List<CuratedChange> changes)
        where T : class, ICurated
        where TView : class, IRevisioned
    {
        var change = changes.LastOrDefault(c => ReferenceEquals(c.Resource, resource) && c.Id == id);
        if (change is { After: null, Action: "delete" })
        {
            return WriteResult<TView>.Deleted();
        }

        if (change?.After is not TView record)
        {
            throw new InvalidOperationException($"{resource.Name} '{id}' was written but cannot be read back.");
        }

        accessor.HttpContext!.Response.Headers.ETag = ETags.Render(record, accessor.HttpContext).ETag;
        return WriteResult<TView>.Written(record, resource.Location(id));
    }

    private static bool IsConstraintViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState is "23505" or "23503", // unique, foreign key
        _ => false,
    };
}
