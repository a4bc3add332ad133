using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;

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

internal sealed class ReviewWriteValidator : AbstractValidator<ReviewWrite>
{
    public ReviewWriteValidator()
    {
        RuleFor(r => r.Id).MustBeId().When(r => r.Id is not null);
        RuleFor(r => r.ReviewerName).MustBeText(Limits.Name);
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
