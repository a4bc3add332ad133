using ClaimsApi.Client.Models;

namespace ClaimsApi.Client;

/// <summary>
/// Follows the change feed (<c>GET /v1/changes</c>) from a stored position: hands each change to the caller in order,
/// then stores the page's <c>next</c>, so that a follower that stops (or crashes) and starts again from what it
/// stored misses no change and, at worst, sees the changes of one page again (make the handling idempotent: by
/// <see cref="ChangeResponse.Position"/>). docs/clients.md shows it in use.
/// </summary>
public sealed class ChangeFeedFollower(ClaimsApiClient client)
{
    /// <summary>The record types to follow (<c>claim,review</c>), or null for every type.</summary>
    public string? Types { get; init; }

    /// <summary>At most this many changes a page (1 to 1000), or null for the API's default (100).</summary>
    public int? PageSize { get; init; }

    /// <summary>
    /// Reads one page after <paramref name="after"/>, waiting up to <paramref name="waitSeconds"/> (0 to 30) for a change
    /// when there is none yet; hands its changes to <paramref name="handle"/> in order and returns the page's
    /// <c>next</c>: the position to store and read after next time.
    /// </summary>
    public async Task<long> ReadPageAsync(long after, Func<ChangeResponse, CancellationToken, Task> handle, int waitSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var page = await client.V1.Changes.GetAsync(request =>
        {
            request.QueryParameters.After = after;
            request.QueryParameters.Types = Types;
            request.QueryParameters.Limit = PageSize;
            request.QueryParameters.Wait = waitSeconds;
        }, cancellationToken) ?? throw new InvalidOperationException("The change feed answered without a page.");

        foreach (var change in page.Items ?? [])
        {
            await handle(change, cancellationToken);
        }

        return page.Next ?? after;
    }

    /// <summary>
    /// Reads pages from the position <paramref name="load"/> gives until <paramref name="cancellationToken"/> is
    /// cancelled (which ends it with an <see cref="OperationCanceledException"/>), long-polling (30 s) when it is up to date, and hands every new position to <paramref name="save"/>
    /// after the page's changes were handled.
    /// </summary>
    public async Task FollowAsync(
        Func<CancellationToken, Task<long>> load,
        Func<long, CancellationToken, Task> save,
        Func<ChangeResponse, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(save);
        var after = await load(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await ReadPageAsync(after, handle, waitSeconds: 30, cancellationToken);
            if (next != after)
            {
                await save(next, cancellationToken);
                after = next;
            }
        }
    }
}
