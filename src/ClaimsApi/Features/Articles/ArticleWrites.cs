using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ClaimsApi.Features.Articles;

/// <summary>
/// An article as a curator writes it in JSON: either <c>text</c> in the seed format, or the structured fields
/// (<c>publishedOn</c>, <c>lead</c>, <c>title</c>, <c>paragraphs</c>), which the server lays out in the seed format;
/// either way the text is parsed exactly as a seed article file is.
/// </summary>
/// <param name="Id">The new article's id (create only; the first 16 hex digits of the text's SHA-256 when left out). In a PUT it must be absent or the article's id.</param>
/// <param name="Text">The whole article in the seed format: a ' date YYYY-MM-DD lead' line, an empty line, the title, then paragraphs separated by empty lines.</param>
/// <param name="PublishedOn">Structured: the publication date.</param>
/// <param name="Lead">Structured: the standfirst (one line; may be left out).</param>
/// <param name="Title">Structured: the headline (one line).</param>
/// <param name="Paragraphs">Structured: the body paragraphs, in order (none may hold an empty line).</param>
/// <param name="Language">BCP 47 language tag; en when left out.</param>
/// <param name="Publisher">The outlet (entity id), if known.</param>
/// <param name="SourceUrl">Where it was published, if known.</param>
public sealed record ArticleWrite(
    string? Id,
    string? Text,
    DateOnly? PublishedOn,
    string? Lead,
    string? Title,
    IReadOnlyList<string>? Paragraphs,
    string? Language,
    string? Publisher,
    string? SourceUrl);

/// <summary>The metadata of an article sent as text/plain, which has no room for it in the body.</summary>
public sealed record ArticleTextQuery
{
    [FromQuery(Name = "id"), Description("text/plain only: the new article's id (create), or the article's own id (PUT); by default the first 16 hex digits of the text's SHA-256.")]
    [ParameterSchema(Pattern = Ids.Pattern)]
    public string? Id { get; init; }

    [FromQuery(Name = "language"), Description("text/plain only: BCP 47 language tag; en when left out.")]
    public string? Language { get; init; }

    [FromQuery(Name = "publisher"), Description("text/plain only: the outlet (entity id).")]
    [ParameterSchema(Pattern = Ids.Pattern)]
    public string? Publisher { get; init; }

    [FromQuery(Name = "sourceUrl"), Description("text/plain only: where the article was published (absolute http or https URL).")]
    public string? SourceUrl { get; init; }
}

internal sealed class ArticleWriteValidator : AbstractValidator<ArticleWrite>
{
    public const int MaxTitle = 1000;
    public const int MaxLead = 10_000;
    public const int MaxParagraphs = 5000;

    private static readonly string[] StructuredFields = ["publishedOn", "lead", "title", "paragraphs"];

    public ArticleWriteValidator()
    {
        RuleFor(a => a.Id).MustBeId().When(a => a.Id is not null).OverridePropertyName("id");
        RuleFor(a => a.Language).Must(ArticleBuilder.IsLanguageTag).When(a => a.Language is not null)
            .WithMessage($"'language' must be a BCP 47 language tag such as 'en' or 'pt-BR', at most {ArticleBuilder.LanguageMaxLength} characters.")
            .OverridePropertyName("language");
        RuleFor(a => a.Publisher).MustBeId().When(a => a.Publisher is not null).OverridePropertyName("publisher");
        RuleFor(a => a.SourceUrl).MustBeUrl().When(a => a.SourceUrl is not null).OverridePropertyName("sourceUrl");

        RuleFor(a => a.Text).NotNull().When(a => !IsStructured(a))
            .WithMessage($"The article is required: either 'text' (in the seed format) or the structured fields {string.Join(", ", StructuredFields.Select(f => $"'{f}'"))}.")
            .OverridePropertyName("text");
        When(a => a.Text is not null, () =>
        {
            // The text is kept exactly as sent, so only what no database can store is refused.
            RuleFor(a => a.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' must not be empty.")
                .Must(t => !t!.Contains('\0', StringComparison.Ordinal)).WithMessage("'text' must not contain the character U+0000.")
                .OverridePropertyName("text");
            const string both = "Give either 'text' or the structured fields, not both.";
            RuleFor(a => a.Text).Must((a, _) => !IsStructured(a)).WithMessage(both).OverridePropertyName("text");
            RuleFor(a => a.PublishedOn).Null().WithMessage(both).OverridePropertyName("publishedOn");
            RuleFor(a => a.Lead).Null().WithMessage(both).OverridePropertyName("lead");
            RuleFor(a => a.Title).Null().WithMessage(both).OverridePropertyName("title");
            RuleFor(a => a.Paragraphs).Null().WithMessage(both).OverridePropertyName("paragraphs");
        }).Otherwise(() => When(IsStructured, () =>
        {
            RuleFor(a => a.PublishedOn).NotNull().WithMessage("'publishedOn' is required (YYYY-MM-DD).").OverridePropertyName("publishedOn");
            RuleFor(a => a.Title).MustBeText(MaxTitle).Must(OneLine).WithMessage("'title' must be one line.").OverridePropertyName("title");
            RuleFor(a => a.Lead).Must(l => l!.Length <= MaxLead && OneLine(l) && !HasControl(l))
                .WithMessage($"'lead' must be one line of at most {MaxLead} characters, no control characters.")
                .When(a => a.Lead is not null).OverridePropertyName("lead");
            RuleFor(a => a.Paragraphs).Must(p => p is null || p.Count <= MaxParagraphs)
                .WithMessage($"'paragraphs' may list at most {MaxParagraphs}.").OverridePropertyName("paragraphs");
            RuleForEach(a => a.Paragraphs).MustBeText(WriteLimits.ArticleBodyBytes).Must(NoEmptyLine)
                .WithMessage("A paragraph must not hold an empty line (that would start a new paragraph); send each paragraph on its own.")
                .OverridePropertyName("paragraphs");
        }));
    }

    public static bool IsStructured(ArticleWrite a) => a.PublishedOn is not null || a.Lead is not null || a.Title is not null || a.Paragraphs is not null;

    private static bool OneLine(string? value) => value is null || value.IndexOfAny(['\n', '\r']) < 0;

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static bool NoEmptyLine(string? value) => value is null || value.Split('\n').All(line => !string.IsNullOrWhiteSpace(line));
}

/// <summary>Creating, replacing, deleting and restoring articles. Articles have no workflow: they are published texts.</summary>
public static class ArticleWrites
{
    internal static readonly CuratedResource<Article> Resource = new()
    {
        Name = "article",
        Path = "/v1/articles",
        Representation = typeof(ArticleDetail),
        IndexKind = "article",
        Query = db => db.Articles.Include(a => a.Paragraphs),
        Render = async (id, db, ct) => await ArticleEndpoints.LoadAsync(id, db, ct),
        RefuseDelete = DependentsAsync,
        RefuseRestore = async (article, db, ct) =>
            article.PublisherId is { } publisher && !await db.Entities.AnyAsync(e => e.Id == publisher, ct)
                ? $"Article '{article.Id}' refers to its publisher, entity '{publisher}', which is deleted now; restore it first."
                : null,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RouteGroupBuilder MapArticleWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync)
            .WithName("CreateArticle")
            .WithSummary("Create an article")
            .WithDescription("Creates an article from its text in the seed format (text/plain, metadata in the query string; or JSON with 'text') or from structured JSON fields, parsed exactly as a seed article file. 422 when the text does not parse, naming the line and column.")
            .RequireAuthorization(Policies.Curator)
            .AddOpenApiOperationTransformer(DescribeBodyAsync)
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.ArticleBodyBytes))
            .Produces<ArticleDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesWriteProblems();

        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceArticle")
            .WithSummary("Replace an article")
            .WithDescription("Replaces the article's text and metadata (same bodies as the creation). Every statement in it is found again in the new text by its own text (with the text around it when it occurs more than once), and moves there with the evidence of the claims that cite it; 409 naming the statements that are not there exactly once. Needs If-Match.")
            .RequireAuthorization(Policies.Curator)
            .AddOpenApiOperationTransformer(DescribeBodyAsync)
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.ArticleBodyBytes))
            .WithIfMatch()
            .Produces<ArticleDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapCurationCommons(Resource, "Article");
        return group;
    }

    /// <summary>
    /// Documents the two bodies. They are not declared with Accepts: routing would then answer a wrong content type
    /// itself, with a problem that says only JSON is accepted.
    /// </summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"The article: as text/plain (UTF-8) in the seed format (docs/seed-format.md), its metadata in the query string; or as JSON. At most {WriteLimits.ArticleBodyBytes} bytes.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The article in the seed format." } },
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ArticleWrite), null, ct) },
            },
        };
    }

    internal static async Task<IResult> CreateAsync(
        [AsParameters] ArticleTextQuery query, IValidator<ArticleWrite> validator, IOptions<JsonOptions> json,
        CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = await ReadAsync(http, query, validator, json.Value.SerializerOptions, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var id = input!.Id ?? ArticleBuilder.DefaultId(input.Parsed.Text);
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            if (await db.Articles.IgnoreQueryFilters().AnyAsync(a => a.Id == id, ct))
            {
                return CurationProblems.Conflict($"An article with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            if (await PublisherProblemAsync(input.Publisher, db, ct) is { } unknown)
            {
                return unknown;
            }

            var article = ArticleBuilder.Build(id, input.Parsed, input.Language, input.Publisher, input.SourceUrl, seedFile: null);
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, article.Revision, "create", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: true);
    }

    internal static async Task<IResult> ReplaceAsync(
        string id, [AsParameters] ArticleTextQuery query, IValidator<ArticleWrite> validator, IOptions<JsonOptions> json,
        CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = await ReadAsync(http, query, validator, json.Value.SerializerOptions, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Resource.RefuseOtherId(input!.Id, id, "The id") is { } otherId)
        {
            return otherId;
        }

        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (article, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (article is null)
            {
                return failed;
            }

            if (await PublisherProblemAsync(input.Publisher, db, ct) is { } unknown)
            {
                return unknown;
            }

            // Every live statement is found again in the new text; it moves there, and its claims' evidence with it.
            var oldText = article.Text;
            var newText = input.Parsed.Text;
            var statements = await db.Statements.IgnoreQueryFilters().Where(s => s.ArticleId == id && s.DeletedAt == null)
                .OrderBy(s => s.Start).ThenBy(s => s.Id).ToListAsync(ct);
            var (oldLength, newLength) = (CodePoints.Length(oldText), CodePoints.Length(newText));
            var spans = new Dictionary<string, Anchored>(StringComparer.Ordinal);
            var lost = new List<string>();
            foreach (var statement in statements)
            {
                var span = Anchoring.Again(oldText, 0, oldLength, statement.Start, statement.End, newText, 0, newLength, "the new text", out var why);
                if (span is null)
                {
                    lost.Add($"{statement.Id} ({why})");
                }
                else
                {
                    spans[statement.Id] = span;
                }
            }

            if (lost.Count > 0)
            {
                return CurationProblems.Conflict(
                    $"Article '{id}' cannot take this text: these statements are not in it exactly once: {string.Join("; ", lost)}. Change or delete them first, or keep their words in the text.");
            }

            var outside = statements.Where(s => s.ParentId is { } p && spans.TryGetValue(p, out var parent) && (spans[s.Id].Start < parent.Start || spans[s.Id].End > parent.End))
                .Select(s => $"{s.Id} (in {s.ParentId})").ToList();
            if (outside.Count > 0)
            {
                return CurationProblems.Conflict(
                    $"Article '{id}' cannot take this text: nested statements would no longer lie inside their parents: {string.Join(", ", outside)}.");
            }

            // Nothing is saved until the end, so the records still read as they were.
            var moved = statements.Where(s => spans[s.Id].Start != s.Start).ToList();
            var shifts = moved.ToDictionary(s => s.Id, s => spans[s.Id].Start - s.Start, StringComparer.Ordinal);
            var claims = await StatementReferences.CitingClaimsAsync([.. shifts.Keys], db, ct);
            var before = await Resource.Render(id, db, ct);
            var statementsBefore = new List<object?>();
            foreach (var statement in moved)
            {
                statementsBefore.Add(await StatementWrites.Resource.Render(statement.Id, db, ct));
            }

            var claimsBefore = new List<object?>();
            foreach (var claim in claims)
            {
                claimsBefore.Add(await ClaimWrites.Resource.Render(claim.Id, db, ct));
            }

            ArticleBuilder.SetText(article, input.Parsed);
            article.Language = input.Language;
            article.PublisherId = input.Publisher;
            article.SourceUrl = input.SourceUrl;
            ClaimWrites.Replace(article.Paragraphs, ArticleBuilder.Paragraphs(id, input.Parsed), p => p.Index);
            writer.Touch(article);
            foreach (var statement in moved)
            {
                // The statement's words are the same, so everything inside it moves by the same number of code points.
                (statement.Start, statement.End) = (spans[statement.Id].Start, spans[statement.Id].End);
                writer.Touch(statement);
            }

            foreach (var claim in claims)
            {
                foreach (var evidence in claim.Evidence.Where(e => shifts.ContainsKey(e.StatementId)))
                {
                    evidence.Start += shifts[evidence.StatementId];
                    evidence.End += shifts[evidence.StatementId];
                }

                writer.Touch(claim);
            }

            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, article.Revision, "update", before, ct);
            for (var i = 0; i < moved.Count; i++)
            {
                await StatementWrites.Resource.RecordAsync(writer, db, moved[i].Id, moved[i].Revision, "update", statementsBefore[i], ct);
            }

            for (var i = 0; i < claims.Count; i++)
            {
                await ClaimWrites.Resource.RecordAsync(writer, db, claims[i].Id, claims[i].Revision, "update", claimsBefore[i], ct);
            }

            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    /// <summary>An article body, read and parsed: the seed loader's parser, so it is stored as the same text from a seed file would be.</summary>
    private sealed record ArticleInput(string? Id, ParsedArticle Parsed, string Language, string? Publisher, string? SourceUrl);

    /// <summary>
    /// Reads the body by its content type (text/plain in the seed format, or JSON), up to the size limit, validates
    /// it and parses the text; the problem (400, 413, 415, 422) when it cannot.
    /// </summary>
    private static async Task<(ArticleInput? Input, IResult? Problem)> ReadAsync(
        HttpContext http, ArticleTextQuery query, IValidator<ArticleWrite> validator, JsonSerializerOptions json, CancellationToken ct)
    {
        var request = http.Request;
        var contentType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsedType) ? parsedType : null;
        var mediaType = contentType?.MediaType.Value;
        var isJson = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
        var isText = string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase);
        var charset = contentType?.Charset.Value;
        if ((!isJson && !isText) || (isText && charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, BodyProblem(StatusCodes.Status415UnsupportedMediaType,
                $"The body must be the article in the seed format as text/plain (UTF-8), or application/json; not '{request.ContentType}'."));
        }

        if (await ReadBodyAsync(request, WriteLimits.ArticleBodyBytes, ct) is not { } bytes)
        {
            return (null, BodyProblem(StatusCodes.Status413PayloadTooLarge, $"An article body may be at most {WriteLimits.ArticleBodyBytes} bytes."));
        }

        ArticleWrite? body;
        if (isText)
        {
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                return (null, Invalid("text", $"The body is not valid UTF-8 (byte {e.Index})."));
            }

            body = new ArticleWrite(query.Id, text, null, null, null, null, query.Language, query.Publisher, query.SourceUrl);
        }
        else
        {
            var stray = new (string Name, string? Value)[] { ("id", query.Id), ("language", query.Language), ("publisher", query.Publisher), ("sourceUrl", query.SourceUrl) }
                .Where(p => p.Value is not null).Select(p => p.Name).ToList();
            if (stray.Count > 0)
            {
                return (null, TypedResults.ValidationProblem(
                    stray.ToDictionary(p => p, p => new[] { $"The query parameter '{p}' is for text/plain bodies; in JSON, send '{p}' in the body." }),
                    detail: $"Query parameters {string.Join(", ", stray)} are only for text/plain bodies.",
                    title: "One or more parameters are not valid."));
            }

            try
            {
                body = JsonSerializer.Deserialize<ArticleWrite>(bytes, json);
            }
            catch (JsonException e)
            {
                return (null, TypedResults.Problem(BadRequestExceptionHandler.Describe(StatusCodes.Status400BadRequest, e.Message, e)));
            }

            if (body is null)
            {
                return (null, Invalid("body", "The request body is required: an article."));
            }
        }

        var validation = await validator.ValidateAsync(body, ct);
        if (!validation.IsValid)
        {
            return (null, validation.ToProblem());
        }

        var structured = body.Text is null;
        var source = body.Text ?? Compose(body);
        try
        {
            var parsed = ArticleParser.Parse(source);
            return (new ArticleInput(body.Id, parsed, body.Language ?? ArticleBuilder.DefaultLanguage, body.Publisher, body.SourceUrl), null);
        }
        catch (SeedFormatException e)
        {
            var field = !structured ? "text" : e.Line == 1 ? "publishedOn" : "title";
            return (null, CurationProblems.Unprocessable(field, $"line {e.Line}, column {e.Column}: {e.Message}"));
        }
    }

    /// <summary>The structured fields laid out in the seed format, as an article file would hold them.</summary>
    private static string Compose(ArticleWrite body)
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

    /// <summary>The body's bytes, or null when there are more than <paramref name="limit"/> (whatever Content-Length says).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult BodyProblem(int status, string detail) => TypedResults.Problem(BadRequestExceptionHandler.Describe(status, detail));

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "One or more parameters are not valid.");

    private static async Task<IResult?> PublisherProblemAsync(string? publisher, ClaimsDbContext db, CancellationToken ct) =>
        publisher is not null && !await db.Entities.AnyAsync(e => e.Id == publisher, ct)
            ? CurationProblems.Unprocessable("publisher", $"There is no entity '{publisher}'.")
            : null;

    /// <summary>Why the article cannot be deleted (live statements or claims belong to it), or null.</summary>
    private static async Task<string?> DependentsAsync(Article article, ClaimsDbContext db, CancellationToken ct)
    {
        var statements = await db.Statements.IgnoreQueryFilters().Where(s => s.ArticleId == article.Id && s.DeletedAt == null)
            .Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
        var claims = await db.Claims.IgnoreQueryFilters().Where(c => c.ArticleId == article.Id && c.DeletedAt == null)
            .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        var reasons = new List<string>();
        if (statements.Count > 0)
        {
            reasons.Add($"statements: {StatementReferences.List(statements)}");
        }

        if (claims.Count > 0)
        {
            reasons.Add($"claims: {StatementReferences.List(claims)}");
        }

        return reasons.Count == 0 ? null : $"Article '{article.Id}' still has {string.Join("; ", reasons)}; delete them first.";
    }
}
