namespace ClaimsApi.Tests.Http;

/// <summary>The fact-check markup's properties, for <see cref="ClaimJsonLdTests{TApi}"/>.</summary>
public static class FactCheckMarkup
{
    /// <summary>
    /// The properties of Google's fact-check (ClaimReview) structured data documentation, "Structured data type
    /// definitions" (developers.google.com/search/docs/appearance/structured-data/factcheck): required on
    /// ClaimReview are claimReviewed, reviewRating and url, and on its Rating alternateName; recommended are the
    /// ClaimReview's author, datePublished and itemReviewed, the reviewed Claim's appearance, author, datePublished and
    /// firstAppearance, and the Rating's bestRating, ratingValue and worstRating (and name, "same as alternateName",
    /// which the API does not write). "emitted" are the further properties the API writes and promises (schema.org's
    /// Claim, Person/Organization sameAs, the quotations), so that they cannot go missing either. Each path is read on
    /// every node of its first segment's type, in a claim with a rated review.
    /// </summary>
    public static TheoryData<string, string> Properties => new()
    {
        { "required", "ClaimReview.claimReviewed" },
        { "required", "ClaimReview.reviewRating" },
        { "required", "ClaimReview.url" },
        { "required", "ClaimReview.reviewRating.alternateName" },
        { "recommended", "ClaimReview.author" },
        { "recommended", "ClaimReview.datePublished" },
        { "recommended", "ClaimReview.itemReviewed" },
        { "recommended", "ClaimReview.itemReviewed.appearance" },
        { "recommended", "ClaimReview.itemReviewed.author" },
        { "recommended", "ClaimReview.itemReviewed.datePublished" },
        { "recommended", "ClaimReview.itemReviewed.firstAppearance" },
        { "recommended", "ClaimReview.reviewRating.bestRating" },
        { "recommended", "ClaimReview.reviewRating.ratingValue" },
        { "recommended", "ClaimReview.reviewRating.worstRating" },
        { "emitted", "ClaimReview.author.name" },
        { "emitted", "ClaimReview.author.url" },
        { "emitted", "ClaimReview.reviewBody" },
        { "emitted", "ClaimReview.itemReviewed.text" },
        { "emitted", "ClaimReview.itemReviewed.author.name" },
        { "emitted", "ClaimReview.itemReviewed.author.sameAs" },
        { "emitted", "ClaimReview.itemReviewed.appearance.url" },
        { "emitted", "ClaimReview.itemReviewed.appearance.headline" },
        { "emitted", "ClaimReview.itemReviewed.appearance.datePublished" },
        { "emitted", "ClaimReview.itemReviewed.firstAppearance.url" },
        { "emitted", "Claim.text" },
        { "emitted", "Claim.author" },
        { "emitted", "Claim.author.sameAs" },
        { "emitted", "Claim.datePublished" },
        { "emitted", "Claim.appearance" },
        { "emitted", "Claim.appearance.url" },
        { "emitted", "Claim.appearance.publisher" },
        { "emitted", "Claim.appearance.hasPart" },
        { "emitted", "Claim.firstAppearance" },
    };
}
