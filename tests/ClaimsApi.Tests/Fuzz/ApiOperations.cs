using System.Text.Json.Nodes;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>A parameter of an operation: its name, where it goes (path or query) and its JSON schema.</summary>
internal sealed record ApiParameter(string Name, string In, JsonObject Schema, bool Required);

/// <summary>A request body an operation takes: the schema's name in the document (or the article's text form) and the schema.</summary>
internal sealed record ApiBody(string Name, JsonObject Schema);

/// <summary>One operation (method and path template) of the OpenAPI document, with what the fuzzer needs to know of it.</summary>
internal sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyDictionary<string, ApiBody> Bodies,
    IReadOnlySet<int> Statuses)
{
    public bool IsWrite => Method is "POST" or "PUT" or "DELETE" or "PATCH";

    public bool TakesIfMatch => Statuses.Contains(428);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The operations of the committed OpenAPI document (docs/openapi/v1.json), in the document's order.</summary>
internal static class ApiOperations
{
    public static JsonObject Document { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "openapi", "v1.json")))!.AsObject();

    public static IReadOnlyList<ApiOperation> All { get; } = Read(Document);

    /// <summary>The schema <paramref name="schema"/> refers to (<c>$ref</c>), or itself.</summary>
    public static JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = Document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject();
        }

        return schema;
    }

    private static List<ApiOperation> Read(JsonObject document)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => p!.AsObject())
                    // A PUT of an article names 'id' twice (path and query); both are kept, the path's first.
                    .Select(p => new ApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]?.AsObject() ?? [], p["required"]?.GetValue<bool>() ?? false))
                    .ToList();
                var bodies = (operation["requestBody"]?["content"]?.AsObject() ?? [])
                    .ToDictionary(c => c.Key, c => Body(path, c.Key, c.Value!["schema"]!.AsObject()), StringComparer.Ordinal);
                var statuses = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, bodies, statuses));
            }
        }

        return operations;
    }

    private static ApiBody Body(string path, string contentType, JsonObject schema) =>
        contentType is ValidBodies.ArticleText or ValidBodies.Ndjson ? new(contentType, schema)
        : schema["$ref"]?.GetValue<string>() is { } reference ? new(reference["#/components/schemas/".Length..], Resolve(schema))
        : path.StartsWith("/v1/articles", StringComparison.Ordinal) ? new("ArticleWrite", schema) // the article's JSON form is inline
        : path == "/v1/extract" ? new("ExtractRequest", schema) // so is the article to extract from
        : throw new InvalidOperationException($"{path}: an inline request schema the fuzzer does not know; name it in ValidBodies.");
}
