using System.Text.Json.Nodes;
using ClaimsApi.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimsApi.Http;

/// <summary>
/// What an operation of the OpenAPI document says about keys and conditional requests, as the API behaves
/// (docs/api-guide.md#errors): which keys it accepts, the 401 and 403 it can answer, and the If-Match and
/// If-None-Match headers of the operations that read them.
/// </summary>
internal static class OpenApiOperations
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKey";

    /// <summary>
    /// Security: an operation that needs a role lists the two ways to send a key; one that anyone may call lists an
    /// empty requirement too (anonymous is allowed), so that Swagger UI still sends the key entered under Authorize
    /// (a curator's key shows drafts). Every operation can answer 401, because a key that is sent must be valid
    /// (<c>UseApiKeyAuth</c>), reads included; 403 where the role needed is above reader, which every key has.
    /// </summary>
    public static void DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var readerKey = context.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.RequireReaderKey;
        var role = policy ?? (readerKey ? Policies.Reader : null);

        operation.Security = role is null ? [new OpenApiSecurityRequirement()] : [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] });
        if (role is not null)
        {
            var needs = role == Policies.Reader ? "Needs an API key (any role)." : $"Needs an API key with role {role} (or above).";
            operation.Description = $"{operation.Description} {needs}".TrimStart();
        }

        operation.Responses ??= [];
        SetProblem(operation, context, StatusCodes.Status401Unauthorized, role is null
            ? "Unauthorized: the API key sent is not known or has been revoked (without a key, the operation answers as it does for anyone)"
            : "Unauthorized: no API key was sent, or the key is not known or has been revoked");
        if (role is not null && role != Policies.Reader)
        {
            SetProblem(operation, context, StatusCodes.Status403Forbidden, $"Forbidden: the key's role is below {role}");
        }
    }

    /// <summary>
    /// The conditional request headers: If-Match on the writes that check it (they declare 428 and 412), required,
    /// since the write is refused without it; If-None-Match on the reads that answer 304.
    /// </summary>
    public static void DescribeConditionalRequests(OpenApiOperation operation)
    {
        var responses = operation.Responses ?? [];
        if (responses.ContainsKey("428"))
        {
            AddHeader(operation, "If-Match", required: true,
                "The record's ETag as last read (\"3-5f0c2a9d41be\"; its revision alone, \"3\", also does): the write applies only while the record is at that revision. Without it the answer is 428, with a stale one 412.",
                example: "\"1\"");
        }

        if (responses.ContainsKey("304"))
        {
            // No example: Swagger UI would send it, and a first read would answer 304 with no body.
            AddHeader(operation, "If-None-Match", required: false,
                "An ETag already held (\"3-5f0c2a9d41be\"): while the representation is byte for byte the same, the answer is 304 Not Modified with no body.", example: null);
        }
    }

    /// <summary>
    /// The other representation of the operations that serve one (<see cref="AlternateRepresentationMetadata"/>):
    /// beside JSON in the 200 when it is chosen by <c>Accept</c> (the generator documents one content type per
    /// status: the handler's), or alone when the route always serves it (the route declares that one). The schema is
    /// the component named after the representation's type, which the route that always serves it declares
    /// (<c>Produces&lt;T&gt;</c>); a dangling reference would fail the document's lint and its committed copy's test.
    /// </summary>
    public static void DescribeAlternateRepresentation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AlternateRepresentationMetadata>().LastOrDefault() is not { } alternate
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
        {
            return;
        }

        var media = new OpenApiMediaType { Schema = new OpenApiSchemaReference(alternate.Representation.Schema.Name, context.Document) };
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (alternate.Serving == AlternateServing.Always)
        {
            response.Content.Clear();
        }

        response.Content[alternate.Representation.MediaType] = media;
    }

    private static void AddHeader(OpenApiOperation operation, string name, bool required, string description, string? example)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = example is null ? null : [JsonValue.Create(example)] },
            Example = example is null ? null : JsonValue.Create(example),
        });
    }

    /// <summary>Declares a problem response with its description, or describes the one the endpoint declares.</summary>
    private static void SetProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        description += "; an RFC 9457 problem document.";
        if (operation.Responses!.TryGetValue(key, out var declared) && declared is OpenApiResponse response)
        {
            response.Description = description;
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }
}
