using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Reviews;

/// <summary>Creating, replacing, deleting and restoring reviews of claims.</summary>
public static class ReviewWrites
{
    internal static readonly CuratedResource<ClaimReview> Resource = new()
    {
        Name = CuratedRecords.Review,
        Path = "/v1/reviews",
        Representation = typeof(ReviewResponse),
        Query = ReviewEndpoints.Visible,
        Render = async (id, db, ct) => await ReviewEndpoints.LoadAsync(id, db, ct),
        RefuseRestore = async (review, db, ct) => await db.Claims.AnyAsync(c => c.Id == review.ClaimId, ct)
            ? null
            : $"Review '{review.Id}' is of claim '{review.ClaimId}', which is deleted now; restore the claim first.",
    };

    /// <summary>Maps POST on the reviews of a claim.</summary>
    public static RouteGroupBuilder MapReviewCreation(this RouteGroupBuilder ofClaim)
    {
        ofClaim.MapPost("/", CreateAsync)
            .WithName("CreateReview")
            .WithSummary("Review a claim")
            .WithDescription("Adds a review of the claim; a claim can have several side by side. 404 when the claim is not visible; 409 when the id is taken (also by a deleted review).")
            .RequireAuthorization(Policies.Curator)
            .Accepts<ReviewWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<ReviewWrite>()
            .Produces<ReviewResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();
        return ofClaim;
    }

    /// <summary>Maps PUT, DELETE, restore and history on /v1/reviews/{id}.</summary>
    public static RouteGroupBuilder MapReviewWrites(this RouteGroupBuilder group)
    {
        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceReview")
            .WithSummary("Replace a review")
            .WithDescription("Replaces the review's content (it stays a review of the same claim). Needs If-Match with the current ETag: 428 without it, 412 when someone changed the review since.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<ReviewWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<ReviewWrite>()
            .WithIfMatch()
            .Produces<ReviewResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapCurationCommons(Resource, "Review");
        return group;
    }

    internal static async Task<IResult> CreateAsync(string claimId, ReviewWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var id = body.Id ?? Slugs.From(body.ReviewerName!);
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            if (!await db.Claims.AnyAsync(c => c.Id == claimId, ct))
            {
                return Problems.NotFound("claim", claimId);
            }

            if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.Id == id, ct))
            {
                return CurationProblems.Conflict($"A review with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            var review = new ClaimReview
            {
                Id = id, ClaimId = claimId, ReviewerName = "", Url = "", ReviewedOn = default, RatingText = "", Rating = ReviewRating.Unproven,
            };
            Apply(review, body);
            db.Reviews.Add(review);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, review.Revision, "create", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: true);
    }

    internal static async Task<IResult> ReplaceAsync(string id, ReviewWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Resource.RefuseOtherId(body.Id, id) is { } otherId)
        {
            return otherId;
        }

        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (review, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (review is null)
            {
                return failed;
            }

            var before = await Resource.Render(id, db, ct);
            Apply(review, body);
            writer.Touch(review);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, review.Revision, "update", before, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    private static void Apply(ClaimReview review, ReviewWrite body)
    {
        review.ReviewerName = body.ReviewerName!;
        review.ReviewerUrl = body.ReviewerUrl;
        review.Url = body.Url!;
        review.ReviewedOn = body.ReviewedOn!.Value;
        review.RatingText = body.RatingText!;
        review.Rating = body.Rating!.Value;
        review.Summary = body.Summary;
    }
}
