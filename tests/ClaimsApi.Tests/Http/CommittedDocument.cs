using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>One operation of the committed OpenAPI document.</summary>
internal sealed record DocumentedOperation(string Method, string Path, JsonObject Operation)
{
    public JsonObject Responses => Operation["responses"]!.AsObject();

    public bool Declares(int status) => Responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public IEnumerable<JsonObject> Parameters => (Operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject());

    public bool HasHeader(string name) => Parameters.Any(p => p["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == name);

    /// <summary>The schema of the JSON request body (resolved), or null.</summary>
    public JsonObject? BodySchema => Operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema
        ? CommittedDocument.Resolve(schema) : null;

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The committed OpenAPI document (docs/openapi/v1.json, which a test keeps equal to the served one), for tests of what it says.</summary>
internal static class CommittedDocument
{
    public static JsonObject Document { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "openapi", "v1.json")))!.AsObject();

    public static IReadOnlyList<DocumentedOperation> Operations { get; } =
        [.. Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(op => new DocumentedOperation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject())))];

    /// <summary>
    /// The object schema <paramref name="schema"/> stands for: through <c>$ref</c>, and through <c>oneOf</c> with
    /// null (a nullable reference); itself otherwise.
    /// </summary>
    public static JsonObject Resolve(JsonObject schema)
    {
        while (true)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = Document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject();
            }
            else if (schema["oneOf"] is JsonArray branches && branches.Select(b => b!.AsObject()).FirstOrDefault(b => b["type"]?.ToString() != "null") is { } branch)
            {
                schema = branch;
            }
            else
            {
                return schema;
            }
        }
    }

    /// <summary>A name for a schema: its component's name, or where it is inline.</summary>
    public static string NameOf(JsonObject schema, string where) =>
        Document["components"]!["schemas"]!.AsObject().FirstOrDefault(s => ReferenceEquals(s.Value, schema)).Key ?? $"{where} (inline)";

    /// <summary>
    /// The path with its parameters filled with records that exist: the seed claim, statement, entity and article,
    /// revision 1, delivery 1, and <paramref name="values"/> for the rest (a review, a webhook, a key).
    /// </summary>
    public static string Fill(string path, IReadOnlyDictionary<string, string> values)
    {
        var collection = path.Split('/')[2];
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m => m.Groups[1].Value switch
        {
            "revision" => "1",
            "claimId" => AppEndpoints.SeedClaimId,
            "deliveryId" => "1",
            "name" => values["key"],
            _ => collection switch
            {
                "claims" => AppEndpoints.SeedClaimId,
                "statements" => TestClaims.Statement,
                "entities" => "dprk",
                "articles" => TestPaths.SeedArticleId,
                _ => values[collection],
            },
        });
    }

    /// <summary>A request for <paramref name="operation"/> at <paramref name="url"/>, with the first example body of its JSON body, if it has one.</summary>
    public static HttpRequestMessage Request(DocumentedOperation operation, string url, string? bearer)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.BodySchema?["examples"]?[0] is { } body)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}
