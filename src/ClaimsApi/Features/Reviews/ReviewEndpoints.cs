using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Reviews;

/// <summary>
/// Reviews of claims: listed and created under their claim (/v1/claims/{claimId}/reviews), read and changed on
/// their own (/v1/reviews/{id}). A review is visible exactly when its claim is.
/// </summary>
public static class ReviewEndpoints
{
    private static readonly Keyset<ClaimReview> NewestFirst = Keyset<ClaimReview>.Descending(r => r.ReviewedOn).ThenAscending(r => r.Id);

    [EndpointName("ListClaimReviews")]
    [EndpointSummary("List the reviews of a claim")]
    [EndpointDescription("Every review of the claim side by side, newest first (by the date the review was published); paged with a cursor. 404 when the claim is not visible to the caller.")]
    internal static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> List(
        string claimId, [AsParameters] ReviewListQuery query, ClaimsDbContext db, HttpContext context, CancellationToken ct)
    {
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, ct))
        {
            return Problems.NotFound("claim", claimId);
        }

        var reviews = db.Reviews.AsNoTracking().Where(r => r.ClaimId == claimId);
        Paging.TryDecode(query.Cursor, ReviewListQuery.Sort, out var cursor, QueryValues.IsDate);
        var limit = QueryValues.Limit(query.Limit);
        var page = NewestFirst.Page(reviews, cursor is null ? null : [QueryValues.Date(cursor.Key)!.Value, cursor.Id]);
        var rows = await Project(page.Take(limit + 1)).ToListAsync(ct);
        return TypedResults.Ok(rows.ToPage(limit, context, r => new Paging.Cursor(
            ReviewListQuery.Sort, r.ReviewedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Id)));
    }

    [EndpointName("GetReview")]
    [EndpointSummary("Get a review")]
    [EndpointDescription("One review of a claim. The ETag is its revision and a digest of the bytes (\"3-5f0c2a9d41be\"), so it changes with anything shown, embedded names included: If-None-Match answers 304. 404 when its claim is not visible to the caller.")]
    internal static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Get(string id, ClaimsDbContext db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } review ? TypedResults.Ok(review) : Problems.NotFound("review", id);

    /// <summary>The review as the current reader may see it (its claim visible to them), or null.</summary>
    internal static async Task<ReviewResponse?> LoadAsync(string id, ClaimsDbContext db, CancellationToken ct) =>
        await Project(Visible(db).AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(ct);

    /// <summary>The reviews among <paramref name="ids"/> the current reader may see, by id.</summary>
    internal static async Task<IReadOnlyDictionary<string, ReviewResponse>> LoadManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        await Project(Visible(db).AsNoTracking().WhereIn(r => r.Id, ids)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);

    /// <summary>The reviews whose claim the current reader may see.</summary>
    /// <remarks>A correlated EXISTS (a lookup by key per review), where an IN over the visible claims would read all of them first.</remarks>
    internal static IQueryable<ClaimReview> Visible(ClaimsDbContext db) => db.Reviews.Where(r => db.Claims.Any(c => c.Id == r.ClaimId));

    private static IQueryable<ReviewResponse> Project(IQueryable<ClaimReview> reviews) =>
        reviews.Select(r => new ReviewResponse(r.Id, r.ClaimId, r.ReviewerName, r.ReviewerUrl, r.Url, r.ReviewedOn, r.RatingText, r.Rating, r.Summary, r.Revision));
}
