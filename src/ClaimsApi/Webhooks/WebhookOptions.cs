namespace ClaimsApi.Webhooks;

/// <summary>How webhooks are delivered (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this instance delivers webhooks at all (every instance of a database may: they share the work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether a target may be plain http. Null: only in Development. Outside it a receiver must be https, so that
    /// the events and their signatures cannot be read or replayed on the way.
    /// </summary>
    public bool? AllowHttp { get; set; }

    /// <summary>
    /// Whether a target may be a loopback, private, link-local or otherwise non-public address (checked when the
    /// subscription is made and again at every connection, after DNS). Null: only in Development. Off, the API cannot
    /// be made to send requests into the network it runs in (server-side request forgery).
    /// </summary>
    public bool? AllowPrivateNetworks { get; set; }

    /// <summary>How long a receiver has to answer one delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the first retry; each retry doubles it, up to <see cref="MaxRetryDelay"/>, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it fails and pauses its subscription.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an attempt holds its delivery: an instance that dies mid-attempt leaves it due again after this, so
    /// that another attempt (here or on another instance) sends it. Longer than <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the change log and the due deliveries are looked at (this instance's commits wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many deliveries are sent at once.</summary>
    public int Concurrency { get; set; } = 8;
}
