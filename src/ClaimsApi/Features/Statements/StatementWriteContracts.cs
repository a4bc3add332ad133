using ClaimsApi.Curation;
using ClaimsApi.Domain;
using FluentValidation;

namespace ClaimsApi.Features.Statements;

/// <summary>A statement as a curator writes it (POST creates, PUT replaces). It is anchored by quoting the article, as in the seeds.</summary>
/// <param name="Id">The new statement's id (create only; made from the quote when left out). In a PUT it must be absent or the statement's id.</param>
/// <param name="Article">The article it is in (id). A statement never moves to another article.</param>
/// <param name="Speaker">Who said it (entity id).</param>
/// <param name="Kind">How it is attributed.</param>
/// <param name="Cue">The reporting phrase as written ("It is noted that"), if any.</param>
/// <param name="Exact">The statement's words exactly as in the article; the server computes the span.</param>
/// <param name="Prefix">Text just before <c>exact</c> in the article, when it occurs more than once.</param>
/// <param name="Suffix">Text just after <c>exact</c> in the article, when it occurs more than once.</param>
/// <param name="Parent">The statement that reports this one (nested attribution; same article, and this one lies inside it), if any.</param>
/// <param name="Source">The document the words come from (entity id), if known.</param>
public sealed record StatementWrite(
    string? Id,
    string? Article,
    string? Speaker,
    StatementKind? Kind,
    string? Cue,
    string? Exact,
    string? Prefix,
    string? Suffix,
    string? Parent,
    string? Source);

internal sealed class StatementWriteValidator : AbstractValidator<StatementWrite>
{
    /// <summary>The longest quote: far above a whole paragraph, well inside the JSON body limit.</summary>
    public const int MaxExact = 20_000;

    /// <summary>Statements one article may have: GET of an article embeds them all.</summary>
    public const int MaxPerArticle = 2000;

    public StatementWriteValidator()
    {
        RuleFor(s => s.Id).MustBeNewId().When(s => s.Id is not null);
        RuleFor(s => s.Article).MustBeId();
        RuleFor(s => s.Speaker).MustBeId();
        RuleFor(s => s.Kind).NotNull().WithMessage($"'kind' is required: one of {string.Join(", ", EnumNames.All<StatementKind>())}.");
        RuleFor(s => s.Cue).MustBeText(Limits.Cue).When(s => s.Cue is not null);
        RuleFor(s => s.Exact).MustBeText(MaxExact);
        RuleFor(s => s.Prefix).MustBeText(Limits.ClaimPart).When(s => s.Prefix is not null);
        RuleFor(s => s.Suffix).MustBeText(Limits.ClaimPart).When(s => s.Suffix is not null);
        RuleFor(s => s.Parent).MustBeId().When(s => s.Parent is not null);
        RuleFor(s => s.Source).MustBeId().When(s => s.Source is not null);
    }
}
