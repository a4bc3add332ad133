using System.ComponentModel;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ClaimsApi.Export;

/// <summary>What an export is written as.</summary>
public enum ExportFormat
{
    /// <summary>Newline-delimited JSON: one record per line, exactly as <c>GET</c> of the record sends it.</summary>
    Ndjson,

    /// <summary>RFC 4180 CSV: a header row, then one row per record, nested parts flattened (docs/api-guide.md#exports).</summary>
    Csv,
}

/// <summary>The parameter every export takes besides its list's filters.</summary>
public sealed record ExportQuery
{
    [FromQuery(Name = "format"), Description("ndjson or csv. Chosen here it wins over the Accept header, for a link or a client that cannot set headers; without it the Accept header chooses (application/x-ndjson or text/csv), NDJSON when it does not care.")]
    [ParameterSchema(Values = ["ndjson", "csv"])]
    public string? Format { get; init; }
}

internal sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator()
    {
        RuleFor(q => q.Format).Must(f => f is null || ExportFormats.Named(f) is not null)
            .WithMessage("'format' must be one of: ndjson, csv.");
    }
}

/// <summary>
/// Content negotiation for the exports, the one place where the API answers 406: elsewhere it speaks only JSON and
/// disregards Accept (<see cref="ProblemWriting"/>), but an export has two formats, and a client that accepts
/// neither would otherwise receive megabytes it cannot read.
/// </summary>
public static class ExportFormats
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const string CsvMediaType = "text/csv";

    /// <summary>The formats in the server's order of preference: NDJSON for a client that accepts both alike.</summary>
    private static readonly (ExportFormat Format, string Name, string MediaType)[] Offered =
    [
        (ExportFormat.Ndjson, "ndjson", NdjsonMediaType),
        (ExportFormat.Csv, "csv", CsvMediaType),
    ];

    /// <summary>The <c>Content-Type</c> sent with each format (RFC 4180 §3: <c>header=present</c>, the first row names the columns).</summary>
    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Csv ? $"{CsvMediaType}; charset=utf-8; header=present" : $"{NdjsonMediaType}; charset=utf-8";

    /// <summary>The format a (validated) <c>format</c> value names, or null.</summary>
    public static ExportFormat? Named(string? name) =>
        Offered.Where(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)).Select(o => (ExportFormat?)o.Format).FirstOrDefault();

    /// <summary>
    /// The format to write: the one <paramref name="query"/> names; else the one the <c>Accept</c> header prefers
    /// (RFC 9110 §12.5.1: the most specific media range that matches a format gives its quality; a quality of 0 refuses
    /// it), NDJSON on a tie, without an Accept header or with one that does not parse; null when it accepts neither.
    /// Media type parameters (a charset) are not compared: both formats are always UTF-8.
    /// </summary>
    public static ExportFormat? Choose(ExportQuery query, HttpRequest request)
    {
        if (Named(query.Format) is { } named)
        {
            return named;
        }

        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return ExportFormat.Ndjson;
        }

        ExportFormat? best = null;
        var bestQuality = 0.0;
        foreach (var (format, _, mediaType) in Offered)
        {
            var offered = MediaTypeHeaderValue.Parse(mediaType);
            var quality = ranges.Where(r => Matches(r, offered)).OrderByDescending(Specificity).Select(r => r.Quality ?? 1.0).FirstOrDefault();
            if (quality > bestQuality)
            {
                (best, bestQuality) = (format, quality);
            }
        }

        return best;
    }

    /// <summary>The 406 for an Accept header that accepts neither format, saying what would be accepted.</summary>
    public static ProblemHttpResult NotAcceptable(HttpRequest request) => Problems.Of(
        StatusCodes.Status406NotAcceptable,
        $"An export is written as {NdjsonMediaType} or {CsvMediaType}, and the Accept header '{Shorten(request.Headers.Accept.ToString())}' accepts neither: send Accept: {NdjsonMediaType} or {CsvMediaType} (or */*), or choose with the format parameter (format=ndjson, format=csv).");

    private static bool Matches(MediaTypeHeaderValue range, MediaTypeHeaderValue offered) =>
        range.MatchesAllTypes
        || (range.Type.Equals(offered.Type, StringComparison.OrdinalIgnoreCase) && (range.MatchesAllSubTypes || range.SubType.Equals(offered.SubType, StringComparison.OrdinalIgnoreCase)));

    private static int Specificity(MediaTypeHeaderValue range) => range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..97] + "...";
}
