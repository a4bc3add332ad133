using System.Globalization;
using System.Text.Json.Nodes;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// A valid body for each request schema of the document, on the seed article and the records the fuzzer knows:
/// the starting point of every body mutation, so that a mutation, not an unrelated mistake, is what the server sees.
/// </summary>
internal static class ValidBodies
{
    /// <summary>Quotes that occur once in the seed article, for statements.</summary>
    private static readonly string[] Quotes =
    [
        "mutual defense treaty", "Comrade Kim Jong-un made a decision", "fully consistent with the provisions of the UN Charter",
        "special statement by the party's governing body", "informed the Russian side about this", "made an important contribution",
    ];

    private static readonly string[] Words = ["North Korean troops", "Kursk", "treaty", "Pyongyang", "liberation", "Kim Jong-un", "UN Charter", "DPRK"];

    /// <summary>The content type a body schema is sent as: the article's plain-text form has its own.</summary>
    public const string ArticleText = "text/plain";

    /// <summary>An import's body (NDJSON), the other body that is text rather than one JSON document.</summary>
    public const string Ndjson = "application/x-ndjson";

    /// <summary>A valid body for <paramref name="schema"/> (the name in the document, or <see cref="ArticleText"/>).</summary>
    public static JsonNode For(string schema, Random random, FuzzPools pools, int n) => schema switch
    {
        "ClaimWrite" => new JsonObject
        {
            ["id"] = $"fuzz-claim-{n}",
            ["text"] = $"{Pick(random, Words)} claim number {n} of the fuzz pass.",
            ["claimant"] = pools.Pick(random, "entities"),
            ["kind"] = Enum(random, "ClaimKind"),
            ["status"] = Enum(random, "VerificationStatus"),
            ["article"] = TestPaths.SeedArticleId,
            ["evidence"] = new JsonArray(new JsonObject { ["statement"] = TestClaims.Statement }),
            ["mentions"] = new JsonArray(pools.Pick(random, "entities")),
            ["qualifiers"] = new JsonArray(new JsonObject { ["name"] = "place", ["value"] = "Kursk" }),
        },
        "StatementWrite" => new JsonObject
        {
            ["id"] = $"fuzz-statement-{n}",
            ["article"] = TestPaths.SeedArticleId,
            ["speaker"] = pools.Pick(random, "entities"),
            ["kind"] = Enum(random, "StatementKind"),
            ["exact"] = Pick(random, Quotes),
        },
        "EntityWrite" => new JsonObject
        {
            ["id"] = $"fuzz-entity-{n}",
            ["name"] = $"Fuzz Entity {n}",
            ["kind"] = Enum(random, "EntityKind"),
            ["aliases"] = new JsonArray($"FE{n}", $"Fuzz {n}"),
            ["description"] = "An entity made by the fuzz pass.",
            ["wikidata"] = $"Q{n + 1}",
        },
        "EntityMerge" => new JsonObject { ["into"] = pools.Pick(random, "entities") },
        "ReviewWrite" => new JsonObject
        {
            ["id"] = $"fuzz-review-{n}",
            ["reviewerName"] = "Fuzz Review Desk",
            ["reviewerUrl"] = "https://example.org/",
            ["url"] = $"https://example.org/review/{n}",
            ["reviewedOn"] = "2025-05-01",
            ["ratingText"] = "Unproven",
            ["rating"] = Enum(random, "ReviewRating"),
            ["summary"] = "A review made by the fuzz pass.",
        },
        "WorkflowMove" => new JsonObject { ["to"] = Enum(random, "WorkflowState"), ["reason"] = "Moved by the fuzz pass." },
        "ExtractRequest" => new JsonObject { ["text"] = ArticleTextFor(random, n) },
        "ClaimMatchRequest" => new JsonObject { ["text"] = $"{Pick(random, Words)} {Pick(random, Words)}", ["limit"] = random.Next(1, 20) },
        "WebhookWrite" => new JsonObject
        {
            ["url"] = $"https://203.0.113.{1 + (n % 250)}/hooks/{n}",
            ["events"] = new JsonArray("claim.published", "review.created"),
            ["description"] = $"Fuzz subscription {n}",
        },
        "WebhookPause" => new JsonObject { ["reason"] = "Paused by the fuzz pass." },
        "ApiKeyRequest" => new JsonObject { ["name"] = $"fuzz-key-{n}", ["role"] = Enum(random, "ApiRole") },
        "ArticleWrite" => random.Next(2) == 0
            ? new JsonObject { ["id"] = $"fuzz-article-{n}", ["text"] = ArticleTextFor(random, n), ["language"] = "en" }
            : new JsonObject
            {
                ["publishedOn"] = "2025-05-01",
                ["lead"] = $"Lead of fuzz article {n}.",
                ["title"] = $"Fuzz article {n}",
                ["paragraphs"] = new JsonArray($"{Pick(random, Words)} said something on day {n}.", "A second paragraph."),
                ["language"] = "en",
                ["sourceUrl"] = $"https://example.org/article/{n}",
            },
        ArticleText => JsonValue.Create(ArticleTextFor(random, n)),
        Ndjson => JsonValue.Create(ImportFor(random, pools, n)),
        _ => throw new InvalidOperationException($"No valid body for schema '{schema}': add one, so the fuzzer covers the new operation."),
    };

    /// <summary>An import of an entity, an article, a statement quoting it and a claim on that statement, unique to <paramref name="n"/>.</summary>
    public static string ImportFor(Random random, FuzzPools pools, int n) => string.Join('\n',
        $$"""{"type":"entity","id":"fuzz-import-entity-{{n}}","name":"Fuzz Import Entity {{n}}","kind":"{{Enum(random, "EntityKind")}}"}""",
        $$"""{"type":"article","id":"fuzz-import-article-{{n}}","publishedOn":"2025-05-02","title":"Fuzz import {{n}}","paragraphs":["{{Pick(random, Words)}} said something on day {{n}}."]}""",
        $$"""{"type":"statement","id":"fuzz-import-statement-{{n}}","article":"fuzz-import-article-{{n}}","speaker":"{{pools.Pick(random, "entities")}}","kind":"reported-speech","exact":"said something on day {{n}}"}""",
        $$"""{"type":"claim","id":"fuzz-import-claim-{{n}}","text":"Something was said on day {{n}}.","claimant":"fuzz-import-entity-{{n}}","kind":"factual","article":"fuzz-import-article-{{n}}","evidence":[{"statement":"fuzz-import-statement-{{n}}"}]}""");

    /// <summary>An article in the seed format, unique to <paramref name="n"/>.</summary>
    public static string ArticleTextFor(Random random, int n) =>
        $" date 2025-05-{1 + (n % 28):00} Lead of fuzz article {n}.\n\nFuzz article {n}\n\n{Pick(random, Words)} said something on day {n}.\n\nA second paragraph {n}.";

    /// <summary>A value of the enum schema <paramref name="name"/>, from the document.</summary>
    public static string Enum(Random random, string name)
    {
        var values = ApiOperations.Resolve(new JsonObject { ["$ref"] = "#/components/schemas/" + name })["enum"]!.AsArray();
        return values[random.Next(values.Count)]!.GetValue<string>();
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static string Date(Random random) =>
        new DateOnly(2024, 1, 1).AddDays(random.Next(900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Words2(Random random) => $"{Pick(random, Words)} {Pick(random, Words)}";
}
