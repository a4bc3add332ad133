using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Extraction;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimsApi.Features.Extraction;

/// <summary>
/// <c>POST /v1/extract</c>: the attributions of an article, proposed by the extractor (docs/extraction.md), stored
/// nowhere. A read: open like the other reads (a reader key when Auth:RequireReaderKey is on), since it writes nothing
/// and tells no one anything the article does not; the known entities come from the alias cache the search reads.
/// </summary>
internal static class ExtractEndpoints
{
    /// <summary>At most a megabyte, like an article write: the extractor is linear in the text and answers a megabyte within the request's time.</summary>
    public const int MaxBodyBytes = WriteLimits.ArticleBodyBytes;

    [EndpointName("ExtractAttributions")]
    [EndpointSummary("Propose the attributions of an article")]
    [EndpointDescription("Finds who said what in an article sent as text/plain in the seed format, or as JSON {\"text\": …}: direct, partial and reported speech, unmarked block quotes and image credits, each with its source, cue and content spans (code point offsets into the text, as statement spans), the speaker resolved to a known entity by its aliases or proposed as a new one, the attribution that reports it, a confidence, and candidate claims flagged hedged, denied, question or opinion. Stores nothing: every proposal is machine-made and unconfirmed.")]
    internal static async Task<Results<Ok<ExtractResponse>, ProblemHttpResult, ValidationProblem>> ExtractAsync(
        HttpContext http, ClaimsDbContext db, EntityAliasIndex aliases, IValidator<ExtractRequest> validator, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (bytes, isText, unreadable) = await TextOrJsonBody.ReadAsync(http.Request, MaxBodyBytes,
            "The body must be the article as text/plain (UTF-8, the seed format), or application/json {\"text\": …}",
            $"An article to extract from may be at most {MaxBodyBytes} bytes.", ct);
        if (unreadable is not null)
        {
            return Problem(unreadable);
        }

        string? text;
        if (isText)
        {
            (text, var notUtf8) = TextOrJsonBody.Decode(bytes!, "text");
            if (notUtf8 is not null)
            {
                return Problem(notUtf8);
            }
        }
        else
        {
            try
            {
                text = JsonSerializer.Deserialize<ExtractRequest>(bytes!, json.Value.SerializerOptions)?.Text;
            }
            catch (JsonException e)
            {
                return TypedResults.Problem(BadRequestExceptionHandler.Describe(StatusCodes.Status400BadRequest, e.Message, e));
            }
        }

        var request = new ExtractRequest(text);
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var lexicon = await aliases.LexiconAsync(db, ct);
        var result = AttributionExtractor.Extract(request.Text!, lexicon, ct);
        return TypedResults.Ok(new ExtractResponse(
            new ExtractionProvenance("machine", result.Extractor, false),
            [.. result.Attributions.Select(ExtractedAttribution.From)]));
    }

    private static Results<Ok<ExtractResponse>, ProblemHttpResult, ValidationProblem> Problem(IResult problem) => problem switch
    {
        ProblemHttpResult p => p,
        ValidationProblem v => v,
        _ => throw new InvalidOperationException($"Unexpected problem result {problem.GetType().Name}."),
    };

    /// <summary>Documents the two bodies (<see cref="TextOrJsonBody.DescribeAsync"/>).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct) =>
        TextOrJsonBody.DescribeAsync(operation, context, typeof(ExtractRequest),
            $"The article: as text/plain (UTF-8) in the seed format (docs/seed-format.md), or as JSON. At most {MaxBodyBytes} bytes.", ct);
}
