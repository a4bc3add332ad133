using ClaimsApi.Domain;
using ClaimsApi.Export;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Reviews;

/// <summary>
/// Reviews of claims: listed and created under their claim (/v1/claims/{claimId}/reviews), listed and filtered all
/// together (/v1/reviews), read and changed on their own (/v1/reviews/{id}), and embedded in their claim. A review
/// is visible exactly when its claim is.
/// </summary>
public static class ReviewEndpoints
{
    /// <summary>The order of every list of reviews, and of a claim's embedded reviews: newest first (reviewedOn), then id.</summary>
    internal static readonly Keyset<ClaimReview> NewestFirst = Keyset<ClaimReview>.Descending(r => r.ReviewedOn).ThenAscending(r => r.Id);

    [EndpointName("ListReviews")]
    [EndpointSummary("List reviews")]
    [EndpointDescription("Every review whose claim the caller may see, newest first (by the date the review was published, then id), filtered by reviewer (the name matched whole, case- and diacritic-insensitive), normalised rating, claim and date range (reviewedOn, inclusive); paged with a cursor.")]
    internal static async Task<Ok<Page<ReviewResponse>>> ListAll(
        [AsParameters] ReviewFilterQuery query, ClaimsDbContext db, HttpContext context, CancellationToken ct)
    {
        var reviews = query.Apply(Visible(db).AsNoTracking());
        return TypedResults.Ok(await PageAsync(reviews, query.Cursor, query.Limit, context, ct));
    }

    private static readonly Keyset<ClaimReview> ById = Keyset<ClaimReview>.Ascending(r => r.Id);

    /// <summary>The CSV columns of the export: a review is flat, so its JSON fields.</summary>
    private static readonly CsvColumn<ReviewResponse>[] CsvColumns =
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
        return TypedResults.Ok(await PageAsync(reviews, query.Cursor, query.Limit, context, ct));
    }

    /// <summary>One page of <paramref name="reviews"/> newest first, after the (validated) cursor.</summary>
    private static async Task<Page<ReviewResponse>> PageAsync(IQueryable<ClaimReview> reviews, string? cursorValue, string? limitValue, HttpContext context, CancellationToken ct)
    {
        Paging.TryDecode(cursorValue, ReviewListQuery.Sort, out var cursor, QueryValues.IsDate);
        var limit = QueryValues.Limit(limitValue);
        var page = NewestFirst.Page(reviews, cursor is null ? null : [QueryValues.Date(cursor.Key)!.Value, cursor.Id]);
        var rows = await Project(page.Take(limit + 1)).ToListAsync(ct);
        return rows.ToPage(limit, context, r => new Paging.Cursor(
            ReviewListQuery.Sort, r.ReviewedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Id));
    }

    /// <summary>
    /// The reviews of the claims <paramref name="claimIds"/> by claim, each newest first, as their representations embed
    /// them; the caller has read the claims, so they are visible (they are exactly when their claim is). At most
    /// <see cref="ReviewWriteValidator.MaxPerClaim"/> a claim.
    /// </summary>
    internal static async Task<ILookup<string, ReviewResponse>> OfClaimsAsync(IReadOnlyCollection<string> claimIds, ClaimsDbContext db, CancellationToken ct) =>
        (await Project(NewestFirst.Order(db.Reviews.AsNoTracking().WhereIn(r => r.ClaimId, claimIds))).ToListAsync(ct))
            .ToLookup(r => r.ClaimId, StringComparer.Ordinal);

    [EndpointName("ExportReviews")]
    [EndpointSummary("Export reviews")]
    [EndpointDescription("Every review of a claim the caller may see that the list's filters select (reviewer, rating, claim, date range), in id order, streamed as NDJSON (each line the review exactly as GET /v1/reviews/{id} answers) or CSV, chosen by Accept or format. The whole export is one snapshot; the Changes-Position header names the change-feed position it is consistent with: GET /v1/changes?after={position} gives what changed since. Anonymous readers export the reviews of published claims only; a client runs at most a few exports at once (429 past them).")]
    internal static Results<ExportResult<ReviewResponse>, ProblemHttpResult> Export(
        [AsParameters] ReviewFilterQuery query, [AsParameters] ExportQuery export, ClaimsDbContext db, HttpContext context) =>
        Exports.Of(export, context.Request, _ => ExportSource.Of(query.Apply(Visible(db).AsNoTracking()), ById, (batch, ct) => Project(batch).ToListAsync(ct), r => r.Id, CsvColumns));

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

    internal static IQueryable<ReviewResponse> Project(IQueryable<ClaimReview> reviews) =>
        reviews.Select(r => new ReviewResponse(r.Id, r.ClaimId, r.ReviewerName, r.ReviewerUrl, r.Url, r.ReviewedOn, r.RatingText, r.Rating, r.Summary, r.Revision));
}
