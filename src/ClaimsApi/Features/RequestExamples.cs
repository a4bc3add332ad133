using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Extraction;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Statements;

namespace ClaimsApi.Features;

/// <summary>
/// Valid request bodies, on the seed article, for the OpenAPI document: Swagger UI fills "Try it out" with the
/// first, and the fields a body cannot leave out are derived from all of them (<see cref="Http.RequiredFields"/>,
/// decision 0025). So each type has a body with only what is required first, then one with every field; where a
/// field is needed only in some cases (a retraction's reason, an article's text or structured fields), a body of
/// each case. Every body must pass its validator, or the document is not built.
/// </summary>
internal static class RequestExamples
{
    private const string Article = "9c422c9df4965fec";

    /// <summary>The example bodies of each request type, by type; the first is the one tools send.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyList<object>> ByType { get; } = new Dictionary<Type, IReadOnlyList<object>>
    {
        [typeof(ArticleWrite)] =
        [
            new ArticleWrite(null, " date 2025-05-02 An example standfirst, on one line.\n\nAn example headline\n\nThe first paragraph, exactly as published.\n\nThe second paragraph.",
                null, null, null, null, null, null, null),
            new ArticleWrite("example-article", null, new DateOnly(2025, 5, 2), "An example standfirst, on one line.", "An example headline",
                ["The first paragraph, exactly as published.", "The second paragraph."], "en", "publication-9c422c9df4965fec", "https://news.example.org/2025/05/02/example"),
        ],
        [typeof(StatementWrite)] =
        [
            new StatementWrite(null, Article, "wpk-cmc", StatementKind.ReportedSpeech, null,
                "Comrade Kim Jong-un made a decision to participate in the war by our armed forces", null, null, null, null),
            new StatementWrite("p4-kim-decided-to-participate", Article, "kim-jong-un", StatementKind.ReportedSpeech, "made a decision",
                "to participate in the war by our armed forces", "made a decision ", " and informed the Russian side", "p4-quote", "cmc-special-statement"),
        ],
        [typeof(ClaimWrite)] =
        [
            new ClaimWrite(null, "The North Korean units regarded the Russian territory where they operated as their own country.", "wpk-cmc",
                ClaimKind.Opinion, null, null, Article, null, null, null, null, [new EvidenceWrite("p6-quote", null, null, null)], null, null),
            new ClaimWrite(
                "dprk-units-treated-russia-as-own-country",
                "The North Korean units regarded the Russian territory where they operated as their own country.",
                "wpk-cmc", ClaimKind.Opinion, new DateOnly(2025, 4, 28), VerificationStatus.Unverified, Article,
                "North Korean units", "regarded as their own country", "the Russian territory where they operated",
                [new QualifierWrite("place", "Kursk region", "kursk-region")],
                [new EvidenceWrite("p6-quote", "units of the DPRK armed forces considered the territory of Russia, where they operated, to be their country", "By order of the head of state, ", null)],
                ["kpa", "russia"],
                [new LinkWrite(ClaimLinkKind.Supports, "operation-shows-dprk-russia-alliance")]),
        ],
        [typeof(WorkflowMove)] =
        [
            new WorkflowMove(WorkflowState.InReview, null),
            new WorkflowMove(WorkflowState.Retracted, "Worded as a finding rather than as what the statement says."),
        ],
        [typeof(EntityWrite)] =
        [
            new EntityWrite(null, "Korean Central News Agency", EntityKind.Organisation, null, null, null, null),
            new EntityWrite("wpk-politburo", "Political Bureau of the Central Committee of the Workers' Party of Korea", EntityKind.Organisation,
                ["WPK Politburo", "Politburo"], "The party's top decision-making body.", null, "wpk"),
            new EntityWrite("south-korea", "South Korea", EntityKind.State, ["Republic of Korea", "the South"], null, "Q884", null),
        ],
        [typeof(EntityMerge)] = [new EntityMerge("kim-jong-un")],
        [typeof(ReviewWrite)] =
        [
            new ReviewWrite(null, "Example Checks", null, "https://checks.example.org/2025/05/kursk", new DateOnly(2025, 5, 2),
                "Confirmed by both sides", ReviewRating.True, null),
            new ReviewWrite("example-checks-kursk", "Example Checks", "https://checks.example.org", "https://checks.example.org/2025/05/kursk",
                new DateOnly(2025, 5, 2), "Confirmed by both sides", ReviewRating.True, "An illustrative review: both governments said so."),
        ],
        [typeof(ExtractRequest)] =
        [
            new ExtractRequest(" date 2025-05-02 An example standfirst.\n\nAn example headline\n\n\"We will rebuild the bridge,\" the mayor said. According to the police, three people were arrested."),
        ],
        [typeof(ClaimMatchRequest)] =
        [
            new ClaimMatchRequest("North Korean troops fought in the Kursk region"),
            new ClaimMatchRequest("North Korean troops fought in the Kursk region", 5),
        ],
        [typeof(ApiKeyRequest)] = [new ApiKeyRequest("desk", ApiRole.Curator)],
        [typeof(Webhooks.WebhookWrite)] =
        [
            new Webhooks.WebhookWrite("https://desk.example.org/hooks/claims", ["claim.published", "claim.retracted", "review.created"], null, null, "The fact desk's CMS"),
            new Webhooks.WebhookWrite("https://desk.example.org/hooks/kursk", ["claim.published", "claim.updated"], "russia", "dprk", null),
        ],
        [typeof(Webhooks.WebhookPause)] = [new Webhooks.WebhookPause("The receiver is being moved to a new server.")],
    };
}
