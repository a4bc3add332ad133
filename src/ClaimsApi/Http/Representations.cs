using Microsoft.Net.Http.Headers;

namespace ClaimsApi.Http;

/// <summary>
/// A representation of a record other than its JSON (a claim as schema.org JSON-LD): rendered from the record's JSON
/// representation (the handler's answer), so that who may see what stays the handler's business, with the ids it
/// depends on beyond those the JSON names, for the read model (decision 0031).
/// </summary>
public sealed class AlternateRepresentation
{
    /// <summary>The media type that asks for it in <c>Accept</c>, and that it is sent as: <c>application/ld+json</c>.</summary>
    public required string MediaType { get; init; }

    /// <summary>The read model's resource for its stored bytes, apart from the JSON's (<c>claim.jsonld</c>), so neither is ever served for the other.</summary>
    public required string StoredAs { get; init; }

    /// <summary>The type of its body, for the OpenAPI document.</summary>
    public required Type Schema { get; init; }

    /// <summary>Renders it from the record's JSON representation; returns its bytes and the ids it depends on beyond those the JSON names.</summary>
    public required Func<IRevisioned, HttpContext, CancellationToken, Task<RenderedRepresentation>> RenderAsync { get; init; }
}

/// <summary>The bytes of an <see cref="AlternateRepresentation"/> and the ids it depends on beyond those of the record's JSON.</summary>
public sealed record RenderedRepresentation(byte[] Body, IReadOnlyCollection<string> Refs);

/// <summary>How a route serves an <see cref="AlternateRepresentation"/>.</summary>
public enum AlternateServing
{
    /// <summary>When the request's <c>Accept</c> prefers it to JSON; JSON otherwise (<c>Vary: Accept</c>).</summary>
    WhenPreferred,

    /// <summary>Always, whatever <c>Accept</c> says (a route for clients that cannot set headers).</summary>
    Always,
}

/// <summary>
/// Proactive negotiation (RFC 9110 §12.5.1) between JSON, the default, and one other media type. The API answers
/// every <c>Accept</c> rather than 406 (docs/api-guide.md#errors): what a client accepts only decides between the
/// representations a route has, and anything else (<c>text/html</c>, a malformed header) gets JSON.
/// </summary>
public static class ContentNegotiation
{
    public const string Json = "application/json";

    /// <summary>
    /// Whether the request's <c>Accept</c> prefers <paramref name="mediaType"/> to JSON: the quality it gives
    /// <paramref name="mediaType"/> (through its most specific matching range: the type itself, then <c>type/*</c>,
    /// then <c>*/*</c>) is above zero and above the quality it gives <c>application/json</c>. A tie (<c>*/*</c>,
    /// <c>application/*</c>, or both listed with the same quality) is JSON's, the representation every client
    /// already reads. Media type parameters other than <c>q</c> (a JSON-LD <c>profile</c>) are not compared.
    /// </summary>
    public static bool Prefers(HttpRequest request, string mediaType)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        var wanted = Quality(ranges, mediaType);
        return wanted > 0 && wanted > Quality(ranges, Json);
    }

    /// <summary>The quality the ranges give <paramref name="mediaType"/>: that of the most specific range matching it, 0 when none does.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var type = mediaType.AsSpan(0, slash);
        var best = -1;
        double quality = 0;
        foreach (var range in ranges)
        {
            var specificity = range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2
                : range.SubType.Equals("*", StringComparison.Ordinal) && range.Type.AsSpan().Equals(type, StringComparison.OrdinalIgnoreCase) ? 1
                : range.MatchesAllTypes ? 0
                : -1;
            if (specificity > best)
            {
                best = specificity;
                quality = range.Quality ?? 1;
            }
        }

        return quality;
    }
}

/// <summary>Endpoint metadata: the route serves <see cref="Representation"/> as <see cref="Serving"/> says (for the OpenAPI document).</summary>
public sealed record AlternateRepresentationMetadata(AlternateRepresentation Representation, AlternateServing Serving);

/// <summary>
/// A response type written with its null properties left out (JSON-LD, where a null means "absent" and validators
/// flag one): the OpenAPI document makes each nullable property optional and never null, and a constant
/// <c>@type</c> (a read-only property) required, with its one value.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OmitsNullPropertiesAttribute : Attribute;

/// <summary>
/// A JSON-LD document written as <c>@context</c> and one <c>@graph</c> of the nodes its other properties hold (a node,
/// then a list of nodes, in that order): the OpenAPI document describes it so, the graph's items being any of those
/// nodes' types.
/// </summary>
/// <param name="nodes">What the graph holds, for the document.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class JsonLdGraphAttribute(string nodes) : Attribute
{
    public string Nodes { get; } = nodes;
}
