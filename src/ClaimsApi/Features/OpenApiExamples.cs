using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Statements;

namespace ClaimsApi.Features;

/// <summary>
/// Examples for the OpenAPI document, taken from the seed article so that Swagger UI shows real data. They are
/// built from the response records and serialised with the API's own JSON options (by the schema transformer,
/// <see cref="Http.OpenApiTransformers"/>), so they cannot drift from the schema.
/// </summary>
internal static class OpenApiExamples
{
    private static readonly EntityRef Cmc = new("wpk-cmc", "Central Military Commission of the Workers' Party of Korea", EntityKind.Organisation);
    private static readonly EntityRef Dprk = new("dprk", "North Korea", EntityKind.State);

    private static readonly ClaimSummary Claim = new(
        "dprk-troops-fought-in-kursk",
        "North Korean army units took part in hostilities against Ukrainian forces in Russia's Kursk region.",
        Cmc, ClaimKind.Factual, new DateOnly(2025, 4, 28), VerificationStatus.Unverified, "9c422c9df4965fec", WorkflowState.Published);

    private static readonly StatementResponse Statement = new(
        "p3-noted-treaty", "9c422c9df4965fec", Cmc, StatementKind.ReportedSpeech, "It is noted that",
        "North Korean military personnel were sent to the Russian-Ukrainian war in accordance with the mutual defense treaty signed in June last year between Pyongyang and Moscow.",
        new Span(754, 924), null, new EntityRef("cmc-special-statement", "Special statement of the WPK Central Military Commission of 28 April 2025", EntityKind.Document),
        ["legal-basis-treaty-article-4"], WorkflowState.Published, null, null, 1);

    private static readonly EntityResponse Entity = new(
        "dprk", "North Korea", EntityKind.State, ["DPRK", "Democratic People's Republic of Korea", "North Korean", "Pyongyang", "the DPRK"],
        null, "Q423", null, null, 1);

    private static readonly ArticleSummary Article = new(
        "9c422c9df4965fec",
        "North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region",
        "The Central Military Commission of the Workers' Party of Korea confirmed the participation of North Korean army units in hostilities against the Ukrainian Defense Forces in the Kursk region of Russia.",
        new DateOnly(2025, 4, 28), DatePrecision.Day, "en", null, 15, 12);

    private static readonly EvidenceResponse Evidence = new(
        "p3-noted-treaty", Cmc, StatementKind.ReportedSpeech,
        "in accordance with the mutual defense treaty signed in June last year between Pyongyang and Moscow",
        new Span(825, 923), new Span(71, 169), Statement.Text);

    /// <summary>An example of each response type that has one, by type.</summary>
    public static IReadOnlyDictionary<Type, object> ByType { get; } = new Dictionary<Type, object>
    {
        [typeof(EntityRef)] = Dprk,
        [typeof(Span)] = new Span(754, 924),
        [typeof(ClaimSummary)] = Claim,
        [typeof(StatementResponse)] = Statement,
        [typeof(EntityResponse)] = Entity,
        [typeof(ArticleSummary)] = Article,
        [typeof(EvidenceResponse)] = Evidence,
        [typeof(ParagraphResponse)] = new ParagraphResponse(1, ParagraphRole.Title, new Span(219, 326), Article.Title, null),
        [typeof(QualifierResponse)] = new QualifierResponse("legal-basis", "Article 4 of the Comprehensive Strategic Partnership Treaty",
            new EntityRef("dprk-russia-treaty-article-4", "Article 4 of the Comprehensive Strategic Partnership Treaty", EntityKind.TreatyArticle)),
        [typeof(ClaimLinkResponse)] = new ClaimLinkResponse(ClaimLinkKind.Refines, LinkDirection.Incoming, "dprk-troops-acted-on-kim-orders",
            "The North Korean units fought in the Kursk region on the orders of Kim Jong-un."),
    };
}
