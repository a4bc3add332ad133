using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Reviews;

/// <summary>
/// The folded reviewer name a review is found by (<c>GET /v1/reviews?reviewer=</c>): the reviewer's name folded as
/// entity names are (<see cref="TextFolding"/>), so that case, diacritics, runs of spaces and curly quotes do not
/// count. Stored with every review written; reviews written before the column existed are given theirs at start-up.
/// </summary>
public static class ReviewerKeys
{
    private const int Batch = 500;

    /// <summary>The key of <paramref name="reviewerName"/>.</summary>
    public static string Of(string reviewerName) => TextFolding.Fold(reviewerName);

    /// <summary>
    /// Gives every review without a key its key (those written before migration <c>ReviewList</c>), deleted ones
    /// included; returns how many. Not a change of the review: no revision, no history, nothing shown changes.
    /// Idempotent, so instances starting together may both run it. With nothing to fill it is one indexed read.
    /// </summary>
    public static async Task<int> FillMissingAsync(ClaimsDbContext db, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            var missing = await db.Reviews.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.NormalizedReviewerName == null)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.ReviewerName })
                .Take(Batch).ToListAsync(cancellationToken);
            foreach (var review in missing)
            {
                var key = Of(review.ReviewerName);
                filled += await db.Reviews.IgnoreQueryFilters()
                    .Where(r => r.Id == review.Id && r.NormalizedReviewerName == null)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.NormalizedReviewerName, key), cancellationToken);
            }

            if (missing.Count < Batch)
            {
                return filled;
            }
        }
    }
}
