using ClaimsApi.Export;

namespace ClaimsApi.Features.Reviews;

/// <summary>The CSV columns of the reviews export (<c>GET /v1/reviews/export</c>): a review is flat, so its JSON fields.</summary>
internal static class ReviewExport
{
    public static readonly CsvColumn<ReviewResponse>[] Columns =
    [
        new("id", r => r.Id),
        new("claimId", r => r.ClaimId),
        new("reviewerName", r => r.ReviewerName),
        new("reviewerUrl", r => r.ReviewerUrl),
        new("url", r => r.Url),
        new("reviewedOn", r => CsvFields.Of(r.ReviewedOn)),
        new("ratingText", r => r.RatingText),
        new("rating", r => CsvFields.Of(r.Rating)),
        new("summary", r => r.Summary),
        new("revision", r => CsvFields.Of(r.Revision)),
    ];
}
