using System.Globalization;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace ClaimsApi.Features.Import;

/// <summary><c>POST /v1/import</c>: records in bulk, as NDJSON, read as the body arrives.</summary>
public static class ImportEndpoints
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>The largest body one import takes (a larger file goes through the <c>import</c> command, or in parts).</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    [EndpointName("Import")]
    [EndpointSummary("Import records in bulk")]
    [EndpointDescription("Creates or updates articles, entities, statements, claims and reviews from NDJSON (application/x-ndjson): one JSON object a line, with a 'type' (article, entity, statement, claim, review) and the fields of that type's write body, checked exactly as POST and PUT check them (a review also names its 'claimId'; every line but an article's needs its 'id'). Lines are written in batches ('batch', 1000 by default), each all or nothing. A line whose record exists with the same content changes nothing; with other content it replaces the record as a PUT does (a new revision; its workflow stage stays). New claims and statements are drafts unless 'workflow' is published. 200 with the report when every line was taken; 422 when any line was rejected: the problem lists each rejected line (line, field, reason) and its 'report' says which batches were committed. At most 64 MiB a request.")]
    internal static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        [AsParameters] ImportQuery query, BulkImporter importer, CurationPipeline curation, HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType,
                $"The body must be NDJSON ({MediaType}, UTF-8): one JSON object a line; not '{request.ContentType}'.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge(null);
        }

        ImportReport report;
        try
        {
            report = await importer.ImportAsync(request.BodyReader, new ImportOptions(query.Published, query.BatchSize, curation.Actor, query.Propose == "true"), null, ct);
        }
        catch (ImportStoppedException stopped) when (stopped.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(stopped.Report);
        }

        if (report.Lines == 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "The body is empty: nothing to import (one JSON object a line).",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["The body is empty: nothing to import."] } });
        }

        if (report.RejectedLines > 0)
        {
            var first = report.Rejected[0];
            return Problems.Of(StatusCodes.Status422UnprocessableEntity,
                string.Create(CultureInfo.InvariantCulture, $"{report.RejectedLines:N0} of {report.Lines:N0} lines were rejected; the first is line {first.Line}{(first.Field is null ? "" : $" ({first.Field})")}: {Sentence(first.Reason)} ") + Committed(report),
                new Dictionary<string, object?> { ["rejected"] = report.Rejected, ["report"] = report });
        }

        if (report.Batches.FirstOrDefault(b => !b.Committed) is { } conflicted)
        {
            return Problems.Of(StatusCodes.Status409Conflict,
                $"A write made at the same time conflicted with lines {conflicted.FirstLine}–{conflicted.LastLine} ({conflicted.Reason}). {Committed(report)} Import the file again: what is there already is left unchanged.",
                new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    /// <summary>Documents the body: NDJSON, which minimal APIs cannot declare from a type.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "NDJSON (UTF-8), at most 64 MiB: one JSON object a line, each with a 'type' (article, entity, statement, claim or review) and the " +
                "fields of that type's write body (ArticleWrite, EntityWrite, StatementWrite, ClaimWrite, ReviewWrite, and a review's 'claimId'). " +
                "A line may refer to records of earlier lines. Blank lines are skipped. See docs/api-guide.md#import.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaType] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One JSON object a line." },
                    Example = System.Text.Json.Nodes.JsonValue.Create(Example),
                },
            },
        };
        return Task.CompletedTask;
    }

    private const string Example = """
        {"type":"entity","id":"city-council","name":"City Council","kind":"organisation"}
        {"type":"article","id":"bridge-report","publishedOn":"2025-05-02","title":"The bridge","paragraphs":["The mayor said the bridge will open in June."]}
        {"type":"statement","id":"mayor-on-bridge","article":"bridge-report","speaker":"city-council","kind":"reported-speech","exact":"the bridge will open in June"}
        {"type":"claim","id":"bridge-opens-in-june","text":"The bridge will open in June.","claimant":"city-council","kind":"prediction","article":"bridge-report","evidence":[{"statement":"mayor-on-bridge"}]}
        """;

    private static ProblemHttpResult TooLarge(ImportReport? report) => Problems.Of(StatusCodes.Status413PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"An import takes at most {MaxBodyBytes:N0} bytes a request; split the file, or import it with the app's import command.")
            + (report is null ? "" : $" The body was read up to line {report.Lines}: {Committed(report)}"),
        report is null ? null : new Dictionary<string, object?> { ["report"] = report });

    private static string Sentence(string reason) => reason.EndsWith('.') ? reason : reason + ".";

    /// <summary>Which batches were committed, in words.</summary>
    private static string Committed(ImportReport report)
    {
        var committed = report.Batches.Where(b => b.Committed).ToList();
        var notWritten = report.Batches.Where(b => !b.Committed).Select(b => $"{b.FirstLine}–{b.LastLine}").ToList();
        return committed.Count == 0
            ? "Nothing was written."
            : notWritten.Count == 0
                ? $"All {committed.Count} batches were committed."
                : $"{committed.Count} of {report.Batches.Count} batches were committed; lines {string.Join(", ", notWritten.Take(10))}{(notWritten.Count > 10 ? " …" : "")} wrote nothing (see 'report').";
    }
}
