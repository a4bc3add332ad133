using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using ClaimsApi.Domain.Text;
using FluentValidation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClaimsApi.Features.Articles;

/// <summary>An article body, read and parsed: the seed loader's parser, so it is stored as the same text from a seed file would be.</summary>
public sealed record ArticleInput(string? Id, ParsedArticle Parsed, string Language, string? Publisher, string? SourceUrl);

/// <summary>
/// An article write's body, which comes in two content types (text/plain in the seed format with its metadata in
/// the query string, or JSON), read and parsed by hand: minimal APIs bind one content type per body.
/// </summary>
internal static class ArticleBody
{
    /// <summary>Documents the two bodies (<see cref="TextOrJsonBody.DescribeAsync"/>).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct) =>
        TextOrJsonBody.DescribeAsync(operation, context, typeof(ArticleWrite),
            $"The article: as text/plain (UTF-8) in the seed format (docs/seed-format.md), its metadata in the query string; or as JSON. At most {WriteLimits.ArticleBodyBytes} bytes.", ct);

    /// <summary>
    /// Reads the body by its content type (text/plain in the seed format, or JSON), up to the size limit, validates
    /// it and parses the text; the problem (400, 413, 415, 422) when it cannot.
    /// </summary>
    public static async Task<(ArticleInput? Input, IResult? Problem)> ReadAsync(
        HttpContext http, ArticleTextQuery query, IValidator<ArticleWrite> validator, JsonSerializerOptions json, CancellationToken ct)
    {
        var (bytes, isText, unreadable) = await TextOrJsonBody.ReadAsync(http.Request, WriteLimits.ArticleBodyBytes,
            "The body must be the article in the seed format as text/plain (UTF-8), or application/json",
            $"An article body may be at most {WriteLimits.ArticleBodyBytes} bytes.", ct);
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        ArticleWrite? body;
        if (isText)
        {
            var (text, notUtf8) = TextOrJsonBody.Decode(bytes!, "text");
            if (notUtf8 is not null)
            {
                return (null, notUtf8);
            }

            body = new ArticleWrite(query.Id, text!, null, null, null, null, query.Language, query.Publisher, query.SourceUrl);
        }
        else
        {
            var stray = new (string Name, string? Value)[] { ("id", query.Id), ("language", query.Language), ("publisher", query.Publisher), ("sourceUrl", query.SourceUrl) }
                .Where(p => p.Value is not null).Select(p => p.Name).ToList();
            if (stray.Count > 0)
            {
                return (null, Problems.Invalid(
                    stray.ToDictionary(p => p, p => new[] { $"The query parameter '{p}' is for text/plain bodies; in JSON, send '{p}' in the body." }),
                    $"Query parameters {string.Join(", ", stray)} are only for text/plain bodies."));
            }

            try
            {
                body = JsonSerializer.Deserialize<ArticleWrite>(bytes!, json);
            }
            catch (JsonException e)
            {
                return (null, TypedResults.Problem(BadRequestExceptionHandler.Describe(StatusCodes.Status400BadRequest, e.Message, e)));
            }

            if (body is null)
            {
                return (null, Problems.Invalid("body", "The request body is required: an article."));
            }
        }

        var validation = await validator.ValidateAsync(body, ct);
        if (!validation.IsValid)
        {
            return (null, validation.ToProblem());
        }

        return Parse(body);
    }

    /// <summary>
    /// A validated body's article, parsed by the seed loader's parser (the structured fields first laid out in the
    /// seed format); the problem (400, 422) when the text does not parse or has too many paragraphs.
    /// </summary>
    public static (ArticleInput? Input, IResult? Problem) Parse(ArticleWrite body)
    {
        var structured = body.Text is null;
        var source = body.Text ?? Compose(body);
        try
        {
            var parsed = ArticleParser.Parse(source);
            if (parsed.Blocks.Count - 2 > ArticleWriteValidator.MaxParagraphs)
            {
                // The same bound as the JSON body's 'paragraphs': every paragraph is a row to write and to read back.
                return (null, Problems.Invalid("text", $"The article has {parsed.Blocks.Count - 2} body paragraphs; at most {ArticleWriteValidator.MaxParagraphs} are accepted."));
            }

            return (new ArticleInput(body.Id, parsed, body.Language ?? ArticleBuilder.DefaultLanguage, body.Publisher, body.SourceUrl), null);
        }
        catch (SeedFormatException e)
        {
            var field = !structured ? "text" : e.Line == 1 ? "publishedOn" : "title";
            return (null, Problems.Unprocessable(field, $"line {e.Line}, column {e.Column}: {e.Message}"));
        }
    }

    /// <summary>The structured fields laid out in the seed format, as an article file would hold them.</summary>
    internal static string Compose(ArticleWrite body)
    {
        var text = new StringBuilder(" date ").Append(body.PublishedOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(body.Lead))
        {
            text.Append(' ').Append(body.Lead);
        }

        text.Append("\n\n").Append(body.Title);
        foreach (var paragraph in body.Paragraphs ?? [])
        {
            text.Append("\n\n").Append(paragraph);
        }

        return text.ToString();
    }
}
