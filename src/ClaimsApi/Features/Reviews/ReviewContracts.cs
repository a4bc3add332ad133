using System.ComponentModel;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Reviews;

/// <summary>A fact-checker's review of a claim, in the spirit of schema.org ClaimReview.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="ClaimId">The claim reviewed.</param>
/// <param name="ReviewerName">The organisation that reviewed it (schema.org author).</param>
/// <param name="ReviewerUrl">The reviewer's home page, if given.</param>
/// <param name="Url">Where the review is published.</param>
/// <param name="ReviewedOn">When the review was published (schema.org datePublished).</param>
/// <param name="RatingText">The reviewer's verdict in their own words (schema.org reviewRating.alternateName), e.g. "Pants on Fire".</param>
/// <param name="Rating">The verdict normalised: true, mostly-true, mixture, mostly-false, false or unproven.</param>
/// <param name="Summary">What the review found, in a few sentences.</param>
/// <param name="Revision">Its revision, the first part of the ETag; send the ETag (or \"3\") back in If-Match to change the review.</param>
public sealed record ReviewResponse(
    string Id,
    string ClaimId,
    string ReviewerName,
    string? ReviewerUrl,
    string Url,
    DateOnly ReviewedOn,
    string RatingText,
    ReviewRating Rating,
    string? Summary,
    int Revision) : IRevisioned;

/// <summary>A review as a curator writes it (POST creates one for the claim in the path, PUT replaces one).</summary>
/// <param name="Id">The new review's id (create only; made from the reviewer's name when left out). In a PUT it must be absent or the review's id.</param>
/// <param name="ReviewerName">The organisation that reviewed the claim.</param>
/// <param name="ReviewerUrl">The reviewer's home page (absolute http or https URL).</param>
/// <param name="Url">Where the review is published (absolute http or https URL).</param>
/// <param name="ReviewedOn">When the review was published.</param>
/// <param name="RatingText">The reviewer's verdict in their own words.</param>
/// <param name="Rating">The verdict normalised.</param>
/// <param name="Summary">What the review found.</param>
public sealed record ReviewWrite(
    string? Id,
    string? ReviewerName,
    string? ReviewerUrl,
    string? Url,
    DateOnly? ReviewedOn,
    string? RatingText,
    ReviewRating? Rating,
    string? Summary);

/// <summary>Paging for the reviews of a claim (newest first).</summary>
public sealed record ReviewListQuery : PageQuery
{
    internal const string Sort = "reviewedOn";
}

/// <summary>Filters and paging for the list of every review (newest first).</summary>
public sealed record ReviewFilterQuery : PageQuery
{
    [FromQuery(Name = "reviewer"), Description("Only reviews by this reviewer: the reviewer's name, matched whole; case, diacritics, repeated spaces and curly quotes do not count (\"full fact\" finds Full Fact). Not a prefix or substring search.")]
    public string? Reviewer { get; init; }

    [FromQuery(Name = "rating"), Description("Only reviews with this normalised rating.")]
    [ParameterSchema(Enum = typeof(ReviewRating))]
    public string? Rating { get; init; }

    [FromQuery(Name = "claim"), Description("Only reviews of this claim (id).")]
    public string? Claim { get; init; }

    [FromQuery(Name = "from"), Description("Only reviews published on or after this date (YYYY-MM-DD, reviewedOn).")]
    [ParameterSchema(Format = "date")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only reviews published on or before this date (YYYY-MM-DD, reviewedOn); not before from.")]
    [ParameterSchema(Format = "date")]
    public string? To { get; init; }

    /// <summary>The reviews of <paramref name="reviews"/> that pass the (validated) filters: the list's and the export's.</summary>
    internal IQueryable<ClaimReview> Apply(IQueryable<ClaimReview> reviews)
    {
        if (Reviewer is { } reviewer)
        {
            var key = ReviewerKeys.Of(reviewer);
            reviews = reviews.Where(r => r.NormalizedReviewerName == key);
        }

        if (QueryValues.Enum<ReviewRating>(Rating) is { } rating)
        {
            reviews = reviews.Where(r => r.Rating == rating);
        }

        if (Claim is { } claim)
        {
            reviews = reviews.Where(r => r.ClaimId == claim);
        }

        if (QueryValues.Date(From) is { } from)
        {
            reviews = reviews.Where(r => r.ReviewedOn >= from);
        }

        if (QueryValues.Date(To) is { } to)
        {
            reviews = reviews.Where(r => r.ReviewedOn <= to);
        }

        return reviews;
    }
}

internal sealed class ReviewWriteValidator : AbstractValidator<ReviewWrite>
{
    /// <summary>The most reviews one claim may have: a claim's representation embeds them all (docs/security.md).</summary>
    public const int MaxPerClaim = 100;

    public ReviewWriteValidator()
    {
        RuleFor(r => r.Id).MustBeId().When(r => r.Id is not null);
        RuleFor(r => r.ReviewerName).MustBeText(Limits.Name);
        // Stored folded too, for GET /v1/reviews?reviewer= (the column is as long as the name's).
        RuleFor(r => r.ReviewerName).Must(n => ReviewerKeys.Of(n!).Length <= Limits.Name).When(r => r.ReviewerName is { Length: > 0 and <= Limits.Name })
            .WithMessage($"'reviewerName' is longer than {Limits.Name} characters once folded for lookups.");
        RuleFor(r => r.ReviewerUrl).MustBeUrl().When(r => r.ReviewerUrl is not null);
        RuleFor(r => r.Url).MustBeUrl();
        RuleFor(r => r.ReviewedOn).NotNull().WithMessage("'reviewedOn' is required: the date the review was published, YYYY-MM-DD.");
        RuleFor(r => r.RatingText).MustBeText(Limits.Name);
        RuleFor(r => r.Rating).NotNull().WithMessage($"'rating' is required: one of {string.Join(", ", EnumNames.All<ReviewRating>())}.");
        RuleFor(r => r.Summary).MustBeText(Limits.ClaimText).When(r => r.Summary is not null);
    }
}

internal sealed class ReviewListQueryValidator : AbstractValidator<ReviewListQuery>
{
    public ReviewListQueryValidator()
    {
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => ReviewListQuery.Sort, _ => QueryValues.IsDate);
    }
}

internal sealed class ReviewFilterQueryValidator : AbstractValidator<ReviewFilterQuery>
{
    public ReviewFilterQueryValidator()
    {
        RuleFor(q => q.Reviewer).MustBeLength(1, Limits.Name, (_, n) => !string.IsNullOrWhiteSpace(n) && !n.Any(char.IsControl), optional: true)
            .WithMessage($"'reviewer' must not be empty, must be at most {Limits.Name} characters and must not contain control characters.");
        RuleFor(q => q.Rating).MustBeOneOf<ReviewFilterQuery, ReviewRating>("rating");
        RuleFor(q => q.Claim).MustBeIdFilter("claim");
        RuleFor(q => q.From).MustBeDate("from");
        RuleFor(q => q.To).MustBeDate("to");
        RuleFor(q => q)
            .Must(q => QueryValues.Date(q.From) <= QueryValues.Date(q.To))
            .When(q => QueryValues.IsDate(q.From) && QueryValues.IsDate(q.To))
            .WithMessage("'from' must not be after 'to'.").OverridePropertyName("from");
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => ReviewListQuery.Sort, _ => QueryValues.IsDate);
    }
}
