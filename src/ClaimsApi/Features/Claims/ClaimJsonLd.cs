using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimsApi.Domain;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

/// <summary>
/// A claim and its reviews as schema.org JSON-LD (<c>application/ld+json</c>), the markup fact-checkers publish and
/// search engines and fact-check tools read: <c>{"@context": "https://schema.org", "@graph": [Claim, ClaimReview…]}</c>,
/// the <c>Claim</c> first, then one <c>ClaimReview</c> per review, newest first (reviewedOn, then id). Each ClaimReview
/// carries the claim again in <c>itemReviewed</c> (the same <c>@id</c>, without the quotations), so that a consumer
/// that reads ClaimReviews alone, as Google's fact-check markup does, finds every property it asks for. Properties
/// without a value are left out (JSON-LD reads a null as absent, and validators flag one). <c>@id</c>s are the API's
/// own paths: relative references, resolved against the document's URL.
/// </summary>
/// <param name="Context">Always https://schema.org.</param>
/// <param name="Claim">The graph's first node.</param>
/// <param name="Reviews">The graph's other nodes, one per review of the claim, newest first.</param>
/// <remarks>
/// Written by <see cref="ClaimJsonLdRenderer.Write"/> as <c>@context</c> and <c>@graph</c>, and so described in the
/// OpenAPI document (<see cref="Http.OmitsNullPropertiesAttribute"/>, <see cref="Http.OpenApiTransformers"/>).
/// </remarks>
[Http.JsonLdGraph("The Claim, then one ClaimReview per review of it, newest first (reviewedOn, then id).")]
public sealed record ClaimJsonLd(
    [property: JsonPropertyName("@context")] string Context,
    SchemaOrgClaim Claim,
    IReadOnlyList<SchemaOrgClaimReview> Reviews);

/// <summary>A schema.org Claim: the claim as the knowledge base has it, who made it, when and where it appeared.</summary>
/// <param name="Id">The claim's path in this API (/v1/claims/{id}).</param>
/// <param name="Text">The claim as one normalised sentence.</param>
/// <param name="Author">The claimant: a Person, or an Organization (organisations, states, armed forces, publications); left out for an entity of another kind (a place, treaty, document or event), which schema.org does not let author a claim.</param>
/// <param name="DatePublished">When it was claimed (YYYY-MM-DD).</param>
/// <param name="Appearance">The article the claim was curated from, with the exact quoted text that carries it (hasPart; left out inside a ClaimReview's itemReviewed).</param>
/// <param name="FirstAppearance">The first appearance this knowledge base knows of: the same article (without the quotations).</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgClaim(
    [property: JsonPropertyName("@id"), JsonPropertyOrder(-1)] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("author")] SchemaOrgAgent? Author,
    [property: JsonPropertyName("datePublished")] string DatePublished,
    [property: JsonPropertyName("appearance")] SchemaOrgArticle Appearance,
    [property: JsonPropertyName("firstAppearance")] SchemaOrgArticle FirstAppearance)
{
    /// <summary>Claim.</summary>
    [JsonPropertyName("@type"), JsonPropertyOrder(-2)]
    public string Type => "Claim";
}

/// <summary>A schema.org ClaimReview: one fact-checker's review of the claim.</summary>
/// <param name="Id">The review's path in this API (/v1/reviews/{id}).</param>
/// <param name="Url">Where the reviewer published the review.</param>
/// <param name="ClaimReviewed">The claim's text.</param>
/// <param name="DatePublished">When the review was published (YYYY-MM-DD).</param>
/// <param name="Author">The reviewing organisation, with its home page when known.</param>
/// <param name="ReviewRating">The verdict: the reviewer's own words, and the normalised rating on a 1 to 5 scale.</param>
/// <param name="ReviewBody">What the review found, when summarised.</param>
/// <param name="ItemReviewed">The claim reviewed (the graph's Claim again, without the quotations).</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgClaimReview(
    [property: JsonPropertyName("@id"), JsonPropertyOrder(-1)] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("claimReviewed")] string ClaimReviewed,
    [property: JsonPropertyName("datePublished")] string DatePublished,
    [property: JsonPropertyName("author")] SchemaOrgAgent Author,
    [property: JsonPropertyName("reviewRating")] SchemaOrgRating ReviewRating,
    [property: JsonPropertyName("reviewBody")] string? ReviewBody,
    [property: JsonPropertyName("itemReviewed")] SchemaOrgClaim ItemReviewed)
{
    /// <summary>ClaimReview.</summary>
    [JsonPropertyName("@type"), JsonPropertyOrder(-2)]
    public string Type => "ClaimReview";
}

/// <summary>
/// A schema.org Rating of a review. The normalised rating maps to ratingValue on a scale from 1 (worstRating, false)
/// to 5 (bestRating, true): true 5, mostly-true 4, mixture 3, mostly-false 2, false 1. An unproven claim is not on
/// that scale (unproven is not "half true"), so its Rating has no ratingValue, bestRating or worstRating: only the
/// reviewer's words.
/// </summary>
/// <param name="RatingValue">The normalised rating on the 1 to 5 scale; left out for unproven.</param>
/// <param name="BestRating">5; left out for unproven.</param>
/// <param name="WorstRating">1; left out for unproven.</param>
/// <param name="AlternateName">The verdict in the reviewer's own words (ratingText), e.g. "Pants on Fire".</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgRating(
    [property: JsonPropertyName("ratingValue")] int? RatingValue,
    [property: JsonPropertyName("bestRating")] int? BestRating,
    [property: JsonPropertyName("worstRating")] int? WorstRating,
    [property: JsonPropertyName("alternateName")] string AlternateName)
{
    /// <summary>Rating.</summary>
    [JsonPropertyName("@type"), JsonPropertyOrder(-2)]
    public string Type => "Rating";
}

/// <summary>A schema.org Person or Organization: a claimant, speaker or publisher (an entity of this API), or a reviewer.</summary>
/// <param name="Type">Person or Organization.</param>
/// <param name="Id">The entity's path in this API (/v1/entities/{id}); left out for a reviewer, which is not an entity.</param>
/// <param name="Name">Its name.</param>
/// <param name="Url">Its home page (a reviewer's), when known.</param>
/// <param name="SameAs">Its Wikidata item (https://www.wikidata.org/wiki/Q…), when the entity names one.</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgAgent(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-2)] string Type,
    [property: JsonPropertyName("@id"), JsonPropertyOrder(-1)] string? Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("sameAs")] string? SameAs);

/// <summary>A schema.org NewsArticle: the article a claim appeared in.</summary>
/// <param name="Id">The article's path in this API (/v1/articles/{id}).</param>
/// <param name="Url">Where the article was published (its sourceUrl), when known.</param>
/// <param name="Headline">Its title.</param>
/// <param name="DatePublished">When it was published, as precisely as known: YYYY-MM-DD, YYYY-MM or YYYY.</param>
/// <param name="InLanguage">Its language (BCP 47).</param>
/// <param name="Publisher">Its publisher, when known and a Person or Organization.</param>
/// <param name="HasPart">The exact text of the article that carries the claim: one Quotation per evidence item, in curation order.</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgArticle(
    [property: JsonPropertyName("@id"), JsonPropertyOrder(-1)] string Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("datePublished")] string DatePublished,
    [property: JsonPropertyName("inLanguage")] string InLanguage,
    [property: JsonPropertyName("publisher")] SchemaOrgAgent? Publisher,
    [property: JsonPropertyName("hasPart")] IReadOnlyList<SchemaOrgQuotation>? HasPart)
{
    /// <summary>NewsArticle.</summary>
    [JsonPropertyName("@type"), JsonPropertyOrder(-2)]
    public string Type => "NewsArticle";
}

/// <summary>A schema.org Quotation: the exact characters of the article that carry the claim (an evidence item's text).</summary>
/// <param name="Text">The quoted text, exactly as in the article (its span is in the claim's JSON, evidence[].span).</param>
/// <param name="SpokenByCharacter">Who the article attributes the words to (the statement's speaker), when a Person or Organization.</param>
[Http.OmitsNullProperties]
public sealed record SchemaOrgQuotation(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("spokenByCharacter")] SchemaOrgAgent? SpokenByCharacter)
{
    /// <summary>Quotation.</summary>
    [JsonPropertyName("@type"), JsonPropertyOrder(-2)]
    public string Type => "Quotation";
}

/// <summary>Renders a claim's JSON-LD, and serves it as the claim's alternate representation (<see cref="Representation"/>).</summary>
public static class ClaimJsonLdRenderer
{
    public const string MediaType = "application/ld+json";

    /// <summary>The highest and lowest ratingValue.</summary>
    public const int BestRating = 5, WorstRating = 1;

    /// <summary>The claim as JSON-LD, for <c>GET /v1/claims/{id}</c> (when preferred) and <c>GET /v1/claims/{id}/claim-review</c>; stored as <c>claim.jsonld</c>.</summary>
    public static AlternateRepresentation Representation { get; } = new()
    {
        MediaType = MediaType,
        StoredAs = "claim.jsonld",
        Schema = typeof(ClaimJsonLd),
        RenderAsync = async (record, http, ct) =>
        {
            var (document, refs) = await RenderAsync((ClaimDetail)record, http.RequestServices.GetRequiredService<ClaimsDbContext>(), ct);
            return new RenderedRepresentation(Write(document), refs);
        },
    };

    /// <summary>The document's bytes: <c>@context</c>, then <c>@graph</c> with the claim and its reviews.</summary>
    public static byte[] Write(ClaimJsonLd document)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("@context", document.Context);
            json.WriteStartArray("@graph");
            JsonSerializer.Serialize(json, document.Claim, Json);
            foreach (var review in document.Reviews)
            {
                JsonSerializer.Serialize(json, review, Json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// How JSON-LD is written: the names the records give, absent rather than null, strings escaped as the API's
    /// JSON is (ASP.NET Core's relaxed encoder), compact.
    /// </summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The normalised rating on the 1 to 5 scale; null for unproven, which is not on it.</summary>
    public static int? RatingValue(ReviewRating rating) => rating switch
    {
        ReviewRating.True => 5,
        ReviewRating.MostlyTrue => 4,
        ReviewRating.Mixture => 3,
        ReviewRating.MostlyFalse => 2,
        ReviewRating.False => 1,
        _ => null,
    };

    /// <summary>The schema.org type of an entity that can author a claim, speak or publish: Person, Organization, or null.</summary>
    public static string? AgentType(EntityKind kind) => kind switch
    {
        EntityKind.Person => "Person",
        EntityKind.Organisation or EntityKind.State or EntityKind.ArmedForces or EntityKind.Publication => "Organization",
        _ => null,
    };

    /// <summary>
    /// The JSON-LD of <paramref name="claim"/> (as the reader was just shown it, reviews included) and the ids it
    /// depends on beyond those the claim's JSON names: the article's publisher.
    /// </summary>
    internal static async Task<(ClaimJsonLd Document, IReadOnlyCollection<string> Refs)> RenderAsync(ClaimDetail claim, ClaimsDbContext db, CancellationToken ct)
    {
        // Deleted ones too, as the claim's JSON reads its references (EntityRefs).
        var article = await db.Articles.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == claim.ArticleId)
            .Select(a => new { a.Id, a.Title, a.PublishedOn, a.PublishedOnPrecision, a.Language, a.SourceUrl, a.PublisherId })
            .SingleAsync(ct);
        var entityIds = claim.Evidence.Select(e => e.Speaker.Id).Append(claim.Claimant.Id).Append(article.PublisherId).OfType<string>().Distinct().ToList();
        var entities = await db.Entities.IgnoreQueryFilters().AsNoTracking().Where(e => entityIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Name, e.Kind, e.WikidataId })
            .ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);

        SchemaOrgAgent? Agent(string? id) =>
            id is not null && entities.TryGetValue(id, out var entity) && AgentType(entity.Kind) is { } type
                ? new SchemaOrgAgent(type, $"/v1/entities/{entity.Id}", entity.Name, null, entity.WikidataId is { } q ? $"https://www.wikidata.org/wiki/{q}" : null)
                : null;

        var cited = new SchemaOrgArticle(
            $"/v1/articles/{article.Id}", article.SourceUrl, article.Title, Date(article.PublishedOn, article.PublishedOnPrecision), article.Language,
            Agent(article.PublisherId), null);
        var quoted = cited with { HasPart = [.. claim.Evidence.Select(e => new SchemaOrgQuotation(e.Text, Agent(e.Speaker.Id)))] };
        var claimedOn = Day(claim.ClaimedOn);
        var node = new SchemaOrgClaim($"/v1/claims/{claim.Id}", claim.Text, Agent(claim.Claimant.Id), claimedOn, quoted, cited);
        var reviewed = node with { Appearance = cited };

        var reviews = claim.Reviews.Select(r => new SchemaOrgClaimReview(
            $"/v1/reviews/{r.Id}",
            r.Url,
            claim.Text,
            Day(r.ReviewedOn),
            new SchemaOrgAgent("Organization", null, r.ReviewerName, r.ReviewerUrl, null),
            Rating(r),
            r.Summary,
            reviewed)).ToList();
        return (new ClaimJsonLd("https://schema.org", node, reviews), article.PublisherId is { } publisher ? [publisher] : []);
    }

    private static SchemaOrgRating Rating(ReviewResponse review) => RatingValue(review.Rating) is { } value
        ? new SchemaOrgRating(value, BestRating, WorstRating, review.RatingText)
        : new SchemaOrgRating(null, null, null, review.RatingText);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as precisely as it is known (ISO 8601 reduced precision): 2025-04-28, 2025-04 or 2025.</summary>
    private static string Date(DateOnly date, DatePrecision precision) => date.ToString(precision switch
    {
        DatePrecision.Year => "yyyy",
        DatePrecision.Month => "yyyy-MM",
        _ => "yyyy-MM-dd",
    }, CultureInfo.InvariantCulture);
}
