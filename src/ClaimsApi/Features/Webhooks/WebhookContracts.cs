using System.ComponentModel;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Webhooks;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Webhooks;

/// <summary>A webhook subscription to create.</summary>
/// <param name="Url">Where to POST the events: https (http only in Development), a public address.</param>
/// <param name="Events">The events to deliver, e.g. claim.published, claim.updated, claim.retracted, review.created: a record type (article, entity, statement, claim, review) and a change of the change feed.</param>
/// <param name="Entity">Only events about claims that mention or are made by this entity, and reviews of such claims.</param>
/// <param name="Claimant">Only events about claims made by this entity, and reviews of such claims.</param>
/// <param name="Description">What the subscription is for, for the admins who read it later.</param>
public sealed record WebhookWrite(string? Url, IReadOnlyList<string>? Events, string? Entity, string? Claimant, string? Description);

/// <summary>A webhook subscription. Its secret is shown once, when it is created.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Url">Where the events are POSTed.</param>
/// <param name="Events">The events delivered.</param>
/// <param name="Entity">The entity filter, if any.</param>
/// <param name="Claimant">The claimant filter, if any.</param>
/// <param name="Description">What it is for.</param>
/// <param name="State">active, or paused (nothing is sent; changes wait in the change log and are delivered after a resume).</param>
/// <param name="PausedReason">Why it is paused: an admin's reason, a 410 Gone from the receiver, or a delivery that failed for the whole retry period.</param>
/// <param name="PausedAt">When it was paused.</param>
/// <param name="Position">The change-feed position up to which its deliveries have been scheduled.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The admin key that created it.</param>
public sealed record WebhookResponse(
    string Id, string Url, IReadOnlyList<string> Events, string? Entity, string? Claimant, string? Description, WebhookState State,
    string? PausedReason, DateTimeOffset? PausedAt, long Position, DateTimeOffset CreatedAt, string CreatedBy)
{
    internal static WebhookResponse Of(WebhookSubscription s) =>
        new(s.Id, s.Url, s.Events.Split(','), s.Entity, s.Claimant, s.Description, s.State, s.PausedReason, s.PausedAt, s.Position, s.CreatedAt, s.CreatedBy);
}

/// <summary>A subscription just created, with its signing secret: the only time the secret is shown.</summary>
/// <param name="Secret">The secret deliveries are signed with (Standard Webhooks: whsec_ and base64). Store it; it is never shown again.</param>
/// <param name="Webhook">The subscription.</param>
public sealed record CreatedWebhook(string Secret, WebhookResponse Webhook);

/// <summary>Why an admin pauses a subscription.</summary>
/// <param name="Reason">Shown with the subscription while it is paused.</param>
public sealed record WebhookPause(string? Reason);

/// <summary>One event for one subscription, and what became of sending it.</summary>
/// <param name="Id">The delivery's id (to replay it).</param>
/// <param name="EventId">The webhook-id header: the same on every attempt and replay, for receivers to de-duplicate by.</param>
/// <param name="EventType">claim.published, review.created …</param>
/// <param name="Position">The change-feed position of the change.</param>
/// <param name="State">pending (due at nextAttemptAt), delivered (2xx), failed (retried for the whole period, or 410 Gone).</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="CreatedAt">When it was scheduled, or last replayed.</param>
/// <param name="NextAttemptAt">When the next attempt is due (pending only).</param>
/// <param name="LastAttemptAt">When the last attempt was made.</param>
/// <param name="LastStatus">The receiver's HTTP status on the last attempt, if it answered.</param>
/// <param name="LastError">What went wrong on the last attempt.</param>
/// <param name="DeliveredAt">When the receiver accepted it.</param>
public sealed record DeliveryResponse(
    long Id, string EventId, string EventType, long Position, DeliveryState State, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt)
{
    internal static DeliveryResponse Of(WebhookDelivery d) =>
        new(d.Id, WebhookDispatcher.EventId(d), d.EventType, d.Position, d.State, d.Attempts, d.CreatedAt,
            d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatus, d.LastError, d.DeliveredAt);
}

/// <summary>Paging and a state filter for a subscription's deliveries (newest first).</summary>
public sealed record DeliveryListQuery : PageQuery
{
    internal const string Sort = "-id";

    /// <summary>A cursor's key: the id of the last delivery of the page.</summary>
    internal static bool IsDeliveryId(string? key) =>
        long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);

    [FromQuery(Name = "state"), Description("Only deliveries in this state: pending, delivered or failed.")]
    [ParameterSchema(Enum = typeof(DeliveryState))]
    public string? State { get; init; }
}

internal sealed class WebhookWriteValidator : AbstractValidator<WebhookWrite>
{
    public WebhookWriteValidator()
    {
        RuleFor(w => w.Url).MustBeUrl();
        RuleFor(w => w.Events).MustCount(1, WebhookDispatcher.EventTypes.Count, optional: false)
            .WithMessage($"'events' is required: 1 to {WebhookDispatcher.EventTypes.Count} event types, e.g. claim.published.");
        RuleFor(w => w.Entity).MustBeId().When(w => w.Entity is not null);
        RuleFor(w => w.Claimant).MustBeId().When(w => w.Claimant is not null);
        RuleFor(w => w.Description).MustBeText(Limits.Name).When(w => w.Description is not null);
    }
}

internal sealed class WebhookPauseValidator : AbstractValidator<WebhookPause>
{
    public WebhookPauseValidator() => RuleFor(p => p.Reason).MustBeText(Limits.Name).When(p => p.Reason is not null);
}

internal sealed class DeliveryListQueryValidator : AbstractValidator<DeliveryListQuery>
{
    public DeliveryListQueryValidator()
    {
        RuleFor(q => q.State).MustBeOneOf<DeliveryListQuery, DeliveryState>("state");
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => DeliveryListQuery.Sort, _ => DeliveryListQuery.IsDeliveryId);
    }
}
