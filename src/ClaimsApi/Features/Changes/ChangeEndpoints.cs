using ClaimsApi.Curation;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Features.Changes;

/// <summary>
/// The change feed: every committed change to a record the caller may read, in commit order, from any position
/// (decision 0033). A client that stores the <c>next</c> of each page never misses a change and never reads the
/// whole base again, across restarts and across instances of one database.
/// </summary>
public static class ChangeEndpoints
{
    /// <summary>How often a long poll looks for other instances' changes (this instance's wake it at once).</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    [EndpointName("ListChanges")]
    [EndpointSummary("Follow the changes")]
    [EndpointDescription("Every committed change (create, update, workflow move, delete, restore, merge, review, seed import) to a record you may read, oldest first, after a position. Store the page's 'next' and ask again with after={next}: no change is missed or repeated, across restarts and instances. Positions increase strictly in commit order, with gaps. Anonymous readers see only changes to published records: a draft becoming published appears as its publication, a published record leaving as its retraction or deletion. With wait=N, an empty answer is held up to N seconds until a change arrives (long polling). 400 for a position past the newest change (from another database, or one restored from a backup: start again from an export).")]
    internal static async Task<Results<Ok<ChangePage>, ValidationProblem>> List(
        [AsParameters] ChangeQuery query, ClaimsDbContext db, ChangeSignal signal, CuratedResources resources, TimeProvider time, CancellationToken ct)
    {
        var after = query.AfterOrDefault;
        var head = await ChangeLog.HeadAsync(db, ct);
        if (after > head)
        {
            return Problems.Invalid("after", $"'after' is {after}, past the newest change ({head}): positions come from the 'next' of this feed's pages. This one is from another database or from before a restore; read the base again (an export says where to follow it from) and go on from there.");
        }

        var deadline = time.GetUtcNow() + query.WaitOrDefault;
        while (true)
        {
            var signalled = signal.Next; // before reading, so that a change committed during the read wakes the wait below
            var (changes, next) = await ChangeLog.ReadAsync(db, after, head, query.TypeList, db.IncludeUnpublished, query.LimitOrDefault, ct);
            var left = deadline - time.GetUtcNow();
            if (changes.Count > 0 || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new ChangePage(
                    changes.ConvertAll(c => new ChangeResponse(c.Position, c.Type, c.Id, c.Revision, c.Event, c.At, resources[c.Type].Location(c.Id))), next, head));
            }

            // Nothing yet (or only changes this reader may not see, which it has now passed): wait for this
            // instance's next commit, or poll for another instance's.
            after = next;
            await Task.WhenAny(signalled, Task.Delay(left < PollInterval ? left : PollInterval, time, ct));
            ct.ThrowIfCancellationRequested();
            head = await ChangeLog.HeadAsync(db, ct);
        }
    }
}
