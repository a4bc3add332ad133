namespace ClaimsApi.Domain;

/// <summary>
/// A fact-checker's review of a claim, in the spirit of schema.org ClaimReview: who reviewed it, where the review
/// is published, when, the reviewer's own verdict in their words and its normalised rating. A claim can have
/// several reviews side by side.
/// </summary>
public sealed class ClaimReview : ICurated
{
    public required string Id { get; set; }
    public required string ClaimId { get; set; }

    /// <summary>The organisation that reviewed the claim (schema.org author).</summary>
    public required string ReviewerName { get; set; }

    /// <summary>
    /// The folded form of <see cref="ReviewerName"/> (see <see cref="TextFolding"/>), for <c>GET /v1/reviews?reviewer=</c>.
    /// Null only for a review written before the column existed, until start-up fills it (<c>ReviewerKeys</c>).
    /// </summary>
    public string? NormalizedReviewerName { get; set; }
    public string? ReviewerUrl { get; set; }

    /// <summary>Where the review is published.</summary>
    public required string Url { get; set; }
    public required DateOnly ReviewedOn { get; set; }

    /// <summary>The reviewer's verdict in their own words (schema.org reviewRating.alternateName), e.g. "Pants on fire".</summary>
    public required string RatingText { get; set; }
    public required ReviewRating Rating { get; set; }
    public string? Summary { get; set; }

    public int Revision { get; set; } = 1;
    public DateTimeOffset? DeletedAt { get; set; }
    public string? SeedFile { get; set; }
}
