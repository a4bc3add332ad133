namespace ClaimsApi.Domain;

/// <summary>
/// A newsroom system's subscription to changes (decision 0034): where to POST them, which events, optionally only
/// those about one entity or one claimant, and the secret the deliveries are signed with. Deliveries are scheduled
/// from the change log after <see cref="Position"/>, so none is lost while the API is down or the subscription paused.
/// </summary>
public sealed class WebhookSubscription
{
    public required string Id { get; set; }

    /// <summary>The receiver's URL (https outside Development, never a private address unless allowed).</summary>
    public required string Url { get; set; }

    /// <summary>The events delivered, comma-separated: claim.published,review.created … (<c>{type}.{change}</c> of the change feed).</summary>
    public required string Events { get; set; }

    /// <summary>Only claims that mention or are made by this entity (and reviews of them).</summary>
    public string? Entity { get; set; }

    /// <summary>Only claims made by this entity (and reviews of them).</summary>
    public string? Claimant { get; set; }

    public string? Description { get; set; }

    /// <summary>The signing secret (<c>whsec_</c> and base64), shown once at creation. HMAC needs it in clear.</summary>
    public required string Secret { get; set; }

    /// <summary>The change log position up to which deliveries have been scheduled.</summary>
    public long Position { get; set; }

    public WebhookState State { get; set; }

    /// <summary>Why it was paused (an admin's reason, or the failure that paused it).</summary>
    public string? PausedReason { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>The admin key's name.</summary>
    public required string CreatedBy { get; set; }
}

/// <summary>One event for one subscription, and what became of sending it.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public required string SubscriptionId { get; set; }

    /// <summary>The change log position of the change: with the subscription, unique; the event id is made from it.</summary>
    public required long Position { get; set; }

    /// <summary>claim.published, review.created …</summary>
    public required string EventType { get; set; }

    /// <summary>The JSON body sent (the same on every attempt and replay, so its signature checks the same bytes).</summary>
    public required string Payload { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt is due (or, while one is under way, when its lease ends).</summary>
    public required DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The receiver's last HTTP status, if it answered.</summary>
    public int? LastStatus { get; set; }

    /// <summary>What went wrong on the last attempt (a status, a timeout, a refused address).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>Whether a subscription's deliveries are sent.</summary>
public enum WebhookState
{
    Active,
    Paused,
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryState
{
    /// <summary>Not yet accepted by the receiver: due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up: retried for the whole retry period, or the receiver answered 410 Gone. An admin can replay it.</summary>
    Failed,
}
