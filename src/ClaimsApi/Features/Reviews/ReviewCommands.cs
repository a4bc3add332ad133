using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Reviews;

/// <summary>Creating, replacing, deleting and restoring reviews of claims.</summary>
public static class ReviewCommands
{
    internal static readonly CuratedResource<ClaimReview, ReviewResponse> Resource = new()
    {
        Name = CuratedRecords.Review,
        Path = "/v1/reviews",
        Query = ReviewEndpoints.Visible,
        Render = ReviewEndpoints.LoadAsync,
        PublicWhen = async (review, db, ct) => review.TryGetProperty("claimId", out var claimId) && claimId.GetString() is { } id
            && await db.Claims.IgnoreQueryFilters().AnyAsync(c => c.Id == id && c.DeletedAt == null && c.Workflow == WorkflowState.Published, ct),
        RenderMany = ReviewEndpoints.LoadManyAsync,
        RefuseRestore = async (review, db, ct) =>
            !await db.Claims.AnyAsync(c => c.Id == review.ClaimId, ct)
                ? $"Review '{review.Id}' is of claim '{review.ClaimId}', which is deleted now; restore the claim first."
                : await db.Reviews.CountAsync(r => r.ClaimId == review.ClaimId, ct) >= ReviewWriteValidator.MaxPerClaim
                    ? $"Claim '{review.ClaimId}' already has {ReviewWriteValidator.MaxPerClaim} reviews, the most one claim may have; delete one first."
                    : null,
    };

    internal static readonly CuratedEndpoints<ClaimReview, ReviewResponse> Curated = new(Resource, "Review");

    [EndpointName("CreateReview")]
    [EndpointSummary("Review a claim")]
    [EndpointDescription("Adds a review of the claim; a claim can have several side by side (at most 100). 404 when the claim is not visible; 409 when the id is taken (also by a deleted review); 422 when the claim already has 100 reviews.")]
    internal static async Task<Results<Created<ReviewResponse>, ProblemHttpResult>> CreateAsync(
        string claimId, ReviewWrite body, CurationPipeline curation, ClaimsDbContext db, CancellationToken ct)
    {
        // The claim's 404 comes before the id's 409, as the route reads; it is checked again inside the write.
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, ct))
        {
            return Problems.NotFound("claim", claimId);
        }

        return await curation.CreateAsync(Resource, New(claimId, body), (review, changes, ct) => ApplyNewAsync(review, body, changes.Lookup, ct), ct).Created();
    }

    [EndpointName("ReplaceReview")]
    [EndpointSummary("Replace a review")]
    [EndpointDescription("Replaces the review's content (it stays a review of the same claim). Needs If-Match with the current ETag: 428 without it, 412 when someone changed the review since.")]
    internal static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ReplaceAsync(string id, ReviewWrite body, CurationPipeline curation, CancellationToken ct) =>
        Resource.RefuseOtherId(body.Id, id) ?? await curation.ChangeAsync(Resource, id, "update", (review, _, _) =>
        {
            Apply(review, body);
            return Task.FromResult<ProblemHttpResult?>(null);
        }, ct).Ok();

    /// <summary>A new review of claim <paramref name="claimId"/>, its content still to be applied (<see cref="ApplyNewAsync"/>).</summary>
    internal static ClaimReview New(string claimId, ReviewWrite body) => new()
    {
        Id = body.Id ?? Slugs.From(body.ReviewerName!), ClaimId = claimId, ReviewerName = "", Url = "", ReviewedOn = default, RatingText = "", Rating = ReviewRating.Unproven,
    };

    /// <summary>
    /// Sets a new review's content; 404 when its claim is not there (any more) for the writer, 422 when the claim has
    /// as many reviews as one may have.
    /// </summary>
    internal static async Task<ProblemHttpResult?> ApplyNewAsync(ClaimReview review, ReviewWrite body, IWriteLookup lookup, CancellationToken ct)
    {
        // Locked first: reviews of one claim are created one at a time (the bound below holds), and not while the
        // claim is being deleted (which refuses a claim with reviews).
        await lookup.LockAsync("claims", [review.ClaimId], exclusive: true, ct);
        if (!(await lookup.ClaimsAsync([review.ClaimId], ct)).Contains(review.ClaimId))
        {
            return Problems.NotFound("claim", review.ClaimId);
        }

        // The claim's representation embeds its reviews: bounded, as an article's statements and claims are.
        if ((await lookup.ReviewCountsAsync([review.ClaimId], ct)).GetValueOrDefault(review.ClaimId) >= ReviewWriteValidator.MaxPerClaim)
        {
            return Problems.Unprocessable("claimId", $"Claim '{review.ClaimId}' already has {ReviewWriteValidator.MaxPerClaim} reviews, the most one claim may have.");
        }

        Apply(review, body);
        return null;
    }

    internal static void Apply(ClaimReview review, ReviewWrite body)
    {
        review.ReviewerName = body.ReviewerName!;
        review.NormalizedReviewerName = ReviewerKeys.Of(body.ReviewerName!);
        review.ReviewerUrl = body.ReviewerUrl;
        review.Url = body.Url!;
        review.ReviewedOn = body.ReviewedOn!.Value;
        review.RatingText = body.RatingText!;
        review.Rating = body.Rating!.Value;
        review.Summary = body.Summary;
    }
}
