using System.ComponentModel;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using ClaimsApi.Domain.Text;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Articles;

/// <summary>
/// An article as a curator writes it in JSON: either <c>text</c> in the seed format, or the structured fields
/// (<c>publishedOn</c>, <c>lead</c>, <c>title</c>, <c>paragraphs</c>), which the server lays out in the seed format;
/// either way the text is parsed exactly as a seed article file is.
/// </summary>
/// <param name="Id">The new article's id (create only; the first 16 hex digits of the text's SHA-256 when left out). In a PUT it must be absent or the article's id.</param>
/// <param name="Text">The whole article in the seed format: a ' date YYYY-MM-DD lead' line, an empty line, the title, then paragraphs separated by empty lines. Required unless the structured fields are given, and not allowed with them.</param>
/// <param name="PublishedOn">Structured: the publication date (required with the structured fields).</param>
/// <param name="Lead">Structured: the standfirst (one line; may be left out).</param>
/// <param name="Title">Structured: the headline, one line (required with the structured fields).</param>
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
public record ArticleTextQuery
{
    [FromQuery(Name = "id"), Description("text/plain only: the new article's id (create), or the article's own id (PUT); by default the first 16 hex digits of the text's SHA-256.")]
    public string? Id { get; init; }

    [FromQuery(Name = "language"), Description("text/plain only: BCP 47 language tag; en when left out.")]
    [ParameterSchema(Example = "en")] // the pattern its validator states is one tools cannot sample from
    public string? Language { get; init; }

    [FromQuery(Name = "publisher"), Description("text/plain only: the outlet (entity id).")]
    public string? Publisher { get; init; }

    [FromQuery(Name = "sourceUrl"), Description("text/plain only: where the article was published (absolute http or https URL).")]
    public string? SourceUrl { get; init; }
}

/// <summary>The query of an article's creation: its metadata when sent as text/plain, and whether to store the extractor's proposals with it.</summary>
public sealed record ArticleCreateQuery : ArticleTextQuery
{
    [FromQuery(Name = "propose"), Description("true to store with the article the attributions the extractor proposes for it (as POST /v1/extract finds them): draft statements, draft claims and the new entities they need, each machine-proposed and unconfirmed, for a curator to accept, correct or reject through the workflow. For text/plain and JSON bodies.")]
    [ParameterSchema(Values = ["true", "false"], Default = "false")]
    public string? Propose { get; init; }
}

internal sealed class ArticleCreateQueryValidator : AbstractValidator<ArticleCreateQuery>
{
    public ArticleCreateQueryValidator() => RuleFor(q => q.Propose).MustBeTrueOrFalse("propose");
}

internal sealed class ArticleWriteValidator : AbstractValidator<ArticleWrite>
{
    public const int MaxTitle = 1000;
    public const int MaxLead = 10_000;
    public const int MaxParagraphs = 5000;

    private static readonly string[] StructuredFields = ["publishedOn", "lead", "title", "paragraphs"];

    public ArticleWriteValidator()
    {
        RuleFor(a => a.Id).MustBeNewId().When(a => a.Id is not null);
        RuleFor(a => a.Language).MustMatch(ArticleBuilder.LanguageTagPattern, ArticleBuilder.LanguageMaxLength, ArticleBuilder.IsLanguageTag).When(a => a.Language is not null)
            .WithMessage($"'language' must be a BCP 47 language tag such as 'en' or 'pt-BR', at most {ArticleBuilder.LanguageMaxLength} characters.");
        RuleFor(a => a.Publisher).MustBeId().When(a => a.Publisher is not null);
        RuleFor(a => a.SourceUrl).MustBeUrl().When(a => a.SourceUrl is not null);

        RuleFor(a => a.Text).NotNull().When(a => !IsStructured(a))
            .WithMessage($"The article is required: either 'text' (in the seed format) or the structured fields {string.Join(", ", StructuredFields.Select(f => $"'{f}'"))}.");
        When(a => a.Text is not null, () =>
        {
            // The text is kept exactly as sent, so only what no database can store is refused.
            RuleFor(a => a.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' must not be empty.")
                .Must(t => !t!.Contains('\0', StringComparison.Ordinal)).WithMessage("'text' must not contain the character U+0000.");
            const string both = "Give either 'text' or the structured fields, not both.";
            RuleFor(a => a.Text).Must((a, _) => !IsStructured(a)).WithMessage(both);
            RuleFor(a => a.PublishedOn).Null().WithMessage(both);
            RuleFor(a => a.Lead).Null().WithMessage(both);
            RuleFor(a => a.Title).Null().WithMessage(both);
            RuleFor(a => a.Paragraphs).Null().WithMessage(both);
        }).Otherwise(() => When(IsStructured, () =>
        {
            RuleFor(a => a.PublishedOn).NotNull().WithMessage("'publishedOn' is required (YYYY-MM-DD).");
            RuleFor(a => a.Title).MustBeText(MaxTitle).Must(OneLine).WithMessage("'title' must be one line.");
            RuleFor(a => a.Lead).MustBeLength(0, MaxLead, (_, l) => OneLine(l) && !HasControl(l))
                .WithMessage($"'lead' must be one line of at most {MaxLead} characters, no control characters.")
                .When(a => a.Lead is not null);
            RuleFor(a => a.Paragraphs).MustCount(0, MaxParagraphs)
                .WithMessage($"'paragraphs' may list at most {MaxParagraphs}.");
            RuleForEach(a => a.Paragraphs).MustBeText(WriteLimits.ArticleBodyBytes).Must(NoEmptyLine)
                .WithMessage("A paragraph must not hold an empty line (that would start a new paragraph); send each paragraph on its own.");
        }));
    }

    public static bool IsStructured(ArticleWrite a) => a.PublishedOn is not null || a.Lead is not null || a.Title is not null || a.Paragraphs is not null;

    private static bool OneLine(string? value) => value is null || value.IndexOfAny(['\n', '\r']) < 0;

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static bool NoEmptyLine(string? value) => value is null || value.Split('\n').All(line => !string.IsNullOrWhiteSpace(line));
}
