using System.Globalization;
using System.Security.Cryptography;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using ClaimsApi.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Webhooks;

/// <summary>
/// Webhook subscriptions for admins (decision 0034): create (the secret shown once), read, delete, pause and
/// resume, and the delivery log with replay. Deliveries themselves are the <see cref="WebhookDispatcher"/>'s.
/// </summary>
public static class WebhookEndpoints
{
    [EndpointName("CreateWebhook")]
    [EndpointSummary("Subscribe to changes")]
    [EndpointDescription("Registers a receiver for events (claim.published, claim.updated, claim.retracted, review.created …), optionally only about one entity or claimant. Every change committed after this moment that anonymous readers can see and that the subscription asks for is POSTed to the URL, signed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), retried with backoff for 24 h. The answer carries the signing secret: the only time it is shown. 400 for a URL that is not https (outside Development); 422 for an unknown event type or entity, a host that does not resolve, or one that resolves to a loopback, private or reserved address. Admins only.")]
    internal static async Task<Results<Created<CreatedWebhook>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        WebhookWrite body, ClaimsDbContext db, WebhookRules rules, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (WebhookTargets.RefuseForm(body.Url!, rules.AllowHttp) is { } form)
        {
            return Problems.Invalid("url", form);
        }

        var unknown = body.Events!.Where(e => !WebhookDispatcher.EventTypes.Contains(e, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return Problems.Unprocessable("events", $"Unknown event type '{unknown[0]}': an event is a record type (article, entity, statement, claim, review) and a change ({string.Join(", ", ChangeEvents.All)}), e.g. claim.published.");
        }

        foreach (var (field, entity) in new[] { ("entity", body.Entity), ("claimant", body.Claimant) })
        {
            if (entity is not null && !await db.Entities.AnyAsync(e => e.Id == entity, ct))
            {
                return Problems.Unprocessable(field, $"Entity '{entity}' does not exist.");
            }
        }

        if (await WebhookTargets.RefuseHostAsync(body.Url!, rules.AllowPrivateNetworks, ct) is { } host)
        {
            return Problems.Unprocessable("url", host);
        }

        var subscription = new WebhookSubscription
        {
            Id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Url = body.Url!,
            Events = string.Join(',', body.Events!.Distinct(StringComparer.Ordinal)),
            Entity = body.Entity,
            Claimant = body.Claimant,
            Description = body.Description,
            Secret = WebhookSignature.NewSecret(),
            Position = await ChangeLog.HeadAsync(db, ct), // from now on: changes before it are in the change feed
            CreatedAt = time.GetUtcNow(),
            CreatedBy = http.User.Identity?.Name ?? "admin",
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/webhooks/{subscription.Id}", new CreatedWebhook(subscription.Secret, WebhookResponse.Of(subscription)));
    }

    [EndpointName("ListWebhooks")]
    [EndpointSummary("List webhook subscriptions")]
    [EndpointDescription("Every subscription, oldest first, with its state and why it is paused. Never the secrets. Admins only.")]
    internal static async Task<Ok<IReadOnlyList<WebhookResponse>>> ListAsync(ClaimsDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<WebhookResponse>>(
            // Ordered here: SQLite cannot order by a DateTimeOffset, and a base has a handful of subscriptions.
            [.. (await db.WebhookSubscriptions.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Select(WebhookResponse.Of)]);

    [EndpointName("GetWebhook")]
    [EndpointSummary("Get a webhook subscription")]
    [EndpointDescription("The subscription, its state and why it is paused. Never the secret. Admins only.")]
    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } subscription
            ? TypedResults.Ok(WebhookResponse.Of(subscription))
            : Problems.NotFound("webhook", id);

    [EndpointName("DeleteWebhook")]
    [EndpointSummary("Delete a webhook subscription")]
    [EndpointDescription("Stops the deliveries at once and deletes the subscription with its delivery log. Admins only.")]
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : Problems.NotFound("webhook", id);

    [EndpointName("PauseWebhook")]
    [EndpointSummary("Pause a webhook subscription")]
    [EndpointDescription("Sends nothing until it is resumed; the changes meanwhile wait in the change log and are delivered after the resume. Pausing a paused subscription changes nothing. Admins only.")]
    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> PauseAsync(string id, WebhookPause body, ClaimsDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var reason = body.Reason ?? $"Paused by {http.User.Identity?.Name ?? "an admin"}.";
        await db.WebhookSubscriptions.Where(s => s.Id == id && s.State == WebhookState.Active).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, WebhookState.Paused).SetProperty(x => x.PausedReason, reason).SetProperty(x => x.PausedAt, time.GetUtcNow()), ct);
        return await GetAsync(id, db, ct);
    }

    [EndpointName("ResumeWebhook")]
    [EndpointSummary("Resume a webhook subscription")]
    [EndpointDescription("Delivers again, starting with what waited while it was paused (a failed delivery stays failed: replay it). Admins only.")]
    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ResumeAsync(string id, ClaimsDbContext db, ChangeSignal signal, CancellationToken ct)
    {
        await db.WebhookSubscriptions.Where(s => s.Id == id && s.State == WebhookState.Paused).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, WebhookState.Active).SetProperty(x => x.PausedReason, (string?)null).SetProperty(x => x.PausedAt, (DateTimeOffset?)null), ct);
        signal.Pulse();
        return await GetAsync(id, db, ct);
    }

    [EndpointName("ListWebhookDeliveries")]
    [EndpointSummary("List a subscription's deliveries")]
    [EndpointDescription("The delivery log, newest first: each event, its state, attempts, the receiver's last status or the error, and when the next attempt is due. Paged with a cursor. Admins only.")]
    internal static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        string id, [AsParameters] DeliveryListQuery query, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("webhook", id);
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (QueryValues.Enum<DeliveryState>(query.State) is { } state)
        {
            deliveries = deliveries.Where(d => d.State == state);
        }

        Paging.TryDecode(query.Cursor, DeliveryListQuery.Sort, out var cursor, DeliveryListQuery.IsDeliveryId);
        if (cursor is not null)
        {
            var last = long.Parse(cursor.Key!, NumberStyles.None, CultureInfo.InvariantCulture);
            deliveries = deliveries.Where(d => d.Id < last);
        }

        var limit = QueryValues.Limit(query.Limit);
        var rows = (await deliveries.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(ct)).ConvertAll(DeliveryResponse.Of);
        return TypedResults.Ok(rows.ToPage(limit, http, d => new Paging.Cursor(DeliveryListQuery.Sort, d.Id.ToString(CultureInfo.InvariantCulture), "d")));
    }

    [EndpointName("ReplayWebhookDelivery")]
    [EndpointSummary("Replay a delivery")]
    [EndpointDescription("Sends the delivery again, as soon as possible, with the same event id and body (receivers that de-duplicate by webhook-id see it once), and retries it for another retry period. A paused subscription sends it once resumed. Admins only.")]
    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        string id, string deliveryId, ClaimsDbContext db, ChangeSignal signal, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(deliveryId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Problems.NotFound("delivery", deliveryId);
        }

        var now = time.GetUtcNow();
        var replayed = await db.WebhookDeliveries.Where(d => d.Id == number && d.SubscriptionId == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.CreatedAt, now).SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null), ct);
        if (replayed == 0)
        {
            return Problems.NotFound("delivery", deliveryId);
        }

        signal.Pulse();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == number, ct);
        return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", DeliveryResponse.Of(delivery));
    }
}
