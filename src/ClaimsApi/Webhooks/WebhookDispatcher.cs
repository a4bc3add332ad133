using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Changes;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Webhooks;

/// <summary>The body of a delivery (Standard Webhooks' shape): the event type, when it was sent first, and the change.</summary>
/// <param name="Type">claim.published, review.created …: the record's type and the change.</param>
/// <param name="Timestamp">When the change was committed.</param>
/// <param name="Data">The change, as the change feed gives it.</param>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, ChangeResponse Data);

/// <summary>
/// Delivers webhooks from the change log (decision 0034), on every instance that has them enabled. Two steps, each
/// safe to run on several instances at once and to stop at any point:
/// <list type="number">
/// <item>Scheduling: for each active subscription, the public changes after its position that it asked for become
/// delivery rows, written in one transaction with the subscription's new position (checked, so two instances never
/// write the same deliveries). A change is scheduled once, even across crashes.</item>
/// <item>Sending: each due delivery is leased (its next attempt moved a lease ahead, by a conditional update only one
/// instance wins), sent signed, and its outcome recorded: delivered on 2xx; on anything else retried with exponential
/// backoff and jitter until the retry period is over, when it fails and pauses the subscription; a 410 Gone pauses it
/// at once. An instance that dies mid-attempt leaves the delivery due again when the lease ends: at least once.</item>
/// </list>
/// Woken by this instance's commits (<see cref="ChangeSignal"/>), and every poll interval for the rest.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, ChangeSignal signal, IOptions<WebhookOptions> options, IOptions<JsonOptions> json,
    CuratedResources resources, TimeProvider time, ILogger<WebhookDispatcher> log) : BackgroundService
{
    /// <summary>The named HTTP client deliveries are sent with (no redirects, the address guard, the timeout).</summary>
    public const string Client = "webhooks";

    private const int ScheduleBatch = 500;
    private readonly WebhookOptions _options = options.Value;

    /// <summary>The event types a subscription can ask for: every record type with every change of the change feed.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
        [.. ChangeQuery.Kinds.SelectMany(type => ChangeEvents.All.Select(change => $"{type}.{change}"))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var signalled = signal.Next;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e);
            }

            // The pace is wall-clock; what is due is decided by the TimeProvider.
            await Task.WhenAny(signalled, Task.Delay(_options.PollInterval, stoppingToken));
        }
    }

    /// <summary>One pass: schedules what the change log holds for each subscription, then sends what is due.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await ScheduleAsync(ct);
        await SendDueAsync(ct);
    }

    private async Task ScheduleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.State == WebhookState.Active).ToListAsync(ct);
        foreach (var subscription in subscriptions)
        {
            var position = subscription.Position;
            while (await ScheduleBatchAsync(db, subscription, position, ct) is { } next && next > position)
            {
                position = next;
            }
        }
    }

    /// <summary>Schedules the next batch of changes after <paramref name="position"/>; the new position, or null when another instance got there first.</summary>
    private async Task<long?> ScheduleBatchAsync(ClaimsDbContext db, WebhookSubscription subscription, long position, CancellationToken ct)
    {
        var head = await ChangeLog.HeadAsync(db, ct);
        if (head <= position)
        {
            return position;
        }

        var (changes, next) = await ChangeLog.ReadAsync(db, position, head, null, everyone: false, ScheduleBatch, ct);
        var wanted = subscription.Events.Split(',');
        var now = time.GetUtcNow();
        var deliveries = new List<WebhookDelivery>();
        foreach (var change in changes)
        {
            var type = $"{change.Type}.{change.Event}";
            if (wanted.Contains(type, StringComparer.Ordinal) && await MatchesAsync(db, subscription, change, ct))
            {
                var data = new ChangeResponse(change.Position, change.Type, change.Id, change.Revision, change.Event, change.At, resources[change.Type].Location(change.Id));
                deliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    Position = change.Position,
                    EventType = type,
                    Payload = JsonSerializer.Serialize(new WebhookEvent(type, change.At, data), json.Value.SerializerOptions),
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        // In the provider's execution strategy: on PostgreSQL a transaction of the app's own is retried as a whole.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Position == position && s.State == WebhookState.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Position, next), ct);
            if (moved == 0)
            {
                return (long?)null; // another instance scheduled these, or the subscription was paused or deleted meanwhile
            }

            db.WebhookDeliveries.AddRange(deliveries);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return null; // the same deliveries written by another instance in a race: its transaction wins
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return next;
        }, ct);
    }

    /// <summary>Whether a change passes the subscription's entity and claimant filters (claims, and reviews through their claim).</summary>
    private static async Task<bool> MatchesAsync(ClaimsDbContext db, WebhookSubscription subscription, LoggedChange change, CancellationToken ct)
    {
        if (subscription.Entity is null && subscription.Claimant is null)
        {
            return true;
        }

        var claimId = change.Type switch
        {
            CuratedRecords.Claim => change.Id,
            CuratedRecords.Review => await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == change.Id).Select(r => r.ClaimId).FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (claimId is null)
        {
            return false;
        }

        var claim = db.Claims.IgnoreQueryFilters().Where(c => c.Id == claimId);
        var (entity, claimant) = (subscription.Entity, subscription.Claimant);
        return (claimant is null || await claim.AnyAsync(c => c.ClaimantId == claimant, ct))
            && (entity is null || await claim.AnyAsync(c => c.ClaimantId == entity || c.Mentions.Any(m => m.EntityId == entity), ct));
    }

    private async Task SendDueAsync(CancellationToken ct)
    {
        List<WebhookDelivery> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
            var now = time.GetUtcNow();
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now
                    && db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.State == WebhookState.Active))
                .OrderBy(d => d.Id).Take(_options.Concurrency * 4).ToListAsync(ct);
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct }, SendAsync);
    }

    private async ValueTask SendAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var started = time.GetUtcNow();
        var leased = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.State == DeliveryState.Pending && d.NextAttemptAt == delivery.NextAttemptAt)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, started + _options.Lease), ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, ct);
        if (leased == 0 || subscription is not { State: WebhookState.Active })
        {
            return; // another instance took it, or it was replayed, paused or deleted meanwhile
        }

        var (status, error) = await PostAsync(subscription, delivery, ct);
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        string? pause = null;
        DeliveryState state;
        DateTimeOffset next;
        if (status is >= 200 and < 300)
        {
            (state, next) = (DeliveryState.Delivered, now);
        }
        else if (status == StatusCodes.Status410Gone)
        {
            (state, next) = (DeliveryState.Failed, now);
            pause = $"The receiver answered 410 Gone to event {EventId(delivery)} at {Stamp(now)}: it wants no more deliveries.";
        }
        else if (now - delivery.CreatedAt >= _options.RetryFor)
        {
            (state, next) = (DeliveryState.Failed, now);
            pause = $"Event {EventId(delivery)} could not be delivered in {_options.RetryFor.TotalHours:0.##} h ({attempts} attempts; the last: {error}).";
        }
        else
        {
            (state, next) = (DeliveryState.Pending, now + RetryDelay(attempts));
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatus, status)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.DeliveredAt, state == DeliveryState.Delivered ? now : null), ct);
            if (pause is not null)
            {
                await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.State == WebhookState.Active).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.State, WebhookState.Paused)
                    .SetProperty(x => x.PausedReason, pause)
                    .SetProperty(x => x.PausedAt, now), ct);
            }

            await transaction.CommitAsync(ct);
        }, ct);
        if (pause is not null)
        {
            LogPaused(subscription.Id, pause);
        }
    }

    /// <summary>Sends one delivery: its status, or null and why it got none.</summary>
    private async Task<(int? Status, string? Error)> PostAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        var id = EventId(delivery);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, id, timestamp, delivery.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.Timeout.TotalSeconds:0.##} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is { } inner && e.Message.Contains(inner.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} {e.InnerException?.Message}".TrimEnd());
        }
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: doubling from the first delay up to the longest, each time between half and all of it.</summary>
    internal TimeSpan RetryDelay(int attempts)
    {
        var doubled = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(doubled, _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>The event id receivers de-duplicate by: the same for every attempt and replay of the change's delivery.</summary>
    public static string EventId(WebhookDelivery delivery) => string.Create(CultureInfo.InvariantCulture, $"evt_{delivery.Position}");

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook pass failed; the next pass retries")]
    private partial void LogPassFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {Id} paused: {Reason}")]
    private partial void LogPaused(string id, string reason);
}
