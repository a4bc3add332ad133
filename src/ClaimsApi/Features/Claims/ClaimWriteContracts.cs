using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;

namespace ClaimsApi.Features.Claims;

/// <summary>A claim as a curator writes it (POST creates, PUT replaces). Evidence is anchored by quoting, as in the seeds.</summary>
/// <param name="Id">The new claim's id (create only; made from the text when left out). In a PUT it must be absent or the claim's id.</param>
/// <param name="Text">The claim as one normalised sentence.</param>
/// <param name="Claimant">Who claims it (entity id).</param>
/// <param name="Kind">What sort of assertion it is.</param>
/// <param name="ClaimedOn">When it was claimed; the article's date when left out.</param>
/// <param name="Status">Its verification status (default unverified).</param>
/// <param name="Article">The article it is curated from (id).</param>
/// <param name="Subject">Who or what the claim is about.</param>
/// <param name="Predicate">What is asserted of the subject.</param>
/// <param name="Object">The object of the assertion.</param>
/// <param name="Qualifiers">Qualifiers such as legal basis, time or place.</param>
/// <param name="Evidence">The statements that carry the claim (at least one), each optionally narrowed by quoting the part that does.</param>
/// <param name="Mentions">The entities the claim mentions (ids).</param>
/// <param name="Links">Typed links to other claims.</param>
public sealed record ClaimWrite(
    string? Id,
    string? Text,
    string? Claimant,
    ClaimKind? Kind,
    DateOnly? ClaimedOn,
    VerificationStatus? Status,
    string? Article,
    string? Subject,
    string? Predicate,
#pragma warning disable CA1720 // subject/predicate/object is the vocabulary of the field
    string? Object,
#pragma warning restore CA1720
    IReadOnlyList<QualifierWrite>? Qualifiers,
    IReadOnlyList<EvidenceWrite>? Evidence,
    IReadOnlyList<string>? Mentions,
    IReadOnlyList<LinkWrite>? Links);

/// <summary>A qualifier of a claim.</summary>
/// <param name="Name">What it qualifies (e.g. legal-basis).</param>
/// <param name="Value">Its value as text.</param>
/// <param name="Entity">The entity the value denotes (id), if any.</param>
public sealed record QualifierWrite(string? Name, string? Value, string? Entity);

/// <summary>A statement that carries the claim; <c>exact</c> (with optional <c>prefix</c>/<c>suffix</c>) narrows it to the part that does.</summary>
/// <param name="Statement">The statement (id).</param>
/// <param name="Exact">The words of the statement that carry the claim, exactly; the whole statement when left out.</param>
/// <param name="Prefix">Text just before <c>exact</c>, when it occurs more than once (only with <c>exact</c>).</param>
/// <param name="Suffix">Text just after <c>exact</c>, when it occurs more than once (only with <c>exact</c>).</param>
public sealed record EvidenceWrite(string? Statement, string? Exact, string? Prefix, string? Suffix);

/// <summary>A typed link from this claim to another.</summary>
/// <param name="Kind">How the claims relate.</param>
/// <param name="Claim">The other claim (id).</param>
public sealed record LinkWrite(ClaimLinkKind? Kind, string? Claim);

internal sealed class ClaimWriteValidator : AbstractValidator<ClaimWrite>
{
    public const int MaxEvidence = 20;

    /// <summary>Claims one article may have: GET of an article embeds them all.</summary>
    public const int MaxPerArticle = 2000;

    /// <summary>Claims one statement may be evidence for: a statement embeds their ids.</summary>
    public const int MaxClaimsPerStatement = 500;

    /// <summary>Links to one claim from others: a claim embeds its links in both directions.</summary>
    public const int MaxLinksToClaim = 500;
    public const int MaxMentions = 50;
    public const int MaxQualifiers = 20;
    public const int MaxLinks = 50;

    public ClaimWriteValidator()
    {
        RuleFor(c => c.Id).MustBeNewId().When(c => c.Id is not null);
        RuleFor(c => c.Text).MustBeText(Limits.ClaimText);
        RuleFor(c => c.Claimant).MustBeId();
        RuleFor(c => c.Kind).NotNull().WithMessage("'kind' is required.");
        RuleFor(c => c.Article).MustBeId();
        RuleFor(c => c.Subject).MustBeText(Limits.ClaimPart).When(c => c.Subject is not null);
        RuleFor(c => c.Predicate).MustBeText(Limits.ClaimPart).When(c => c.Predicate is not null);
        RuleFor(c => c.Object).MustBeText(Limits.ClaimPart).When(c => c.Object is not null);
        RuleFor(c => c.Evidence).MustCount(1, MaxEvidence, optional: false)
            .WithMessage($"'evidence' must list 1 to {MaxEvidence} statements that carry the claim.");
        RuleForEach(c => c.Evidence).NotNull().WithMessage("'evidence' lists statements: an item cannot be null.");
        RuleForEach(c => c.Evidence).SetValidator(new EvidenceWriteValidator());
        RuleFor(c => c.Mentions).MustCount(0, MaxMentions)
            .WithMessage($"'mentions' may list at most {MaxMentions} entities.");
        RuleFor(c => c.Mentions).Must(m => m is null || m.Distinct(StringComparer.Ordinal).Count() == m.Count)
            .WithMessage("'mentions' lists an entity twice.");
        RuleForEach(c => c.Mentions).MustBeId();
        RuleFor(c => c.Qualifiers).MustCount(0, MaxQualifiers)
            .WithMessage($"'qualifiers' may list at most {MaxQualifiers}.");
        RuleForEach(c => c.Qualifiers).NotNull().WithMessage("'qualifiers' lists qualifiers: an item cannot be null.");
        RuleForEach(c => c.Qualifiers).SetValidator(new QualifierWriteValidator());
        RuleFor(c => c.Links).MustCount(0, MaxLinks)
            .WithMessage($"'links' may list at most {MaxLinks}.");
        RuleFor(c => c.Links).Must(l => l is null || l.Any(x => x is null) || l.Select(x => (x.Kind, x.Claim)).Distinct().Count() == l.Count)
            .WithMessage("'links' lists the same link twice.");
        RuleForEach(c => c.Links).NotNull().WithMessage("'links' lists links: an item cannot be null.");
        RuleForEach(c => c.Links).SetValidator(new LinkWriteValidator());
    }
}

/// <summary>The rules of each of a claim's <see cref="ClaimWrite.Evidence"/>: a named validator, so the OpenAPI document can read them (decision 0028).</summary>
internal sealed class EvidenceWriteValidator : AbstractValidator<EvidenceWrite>
{
    public EvidenceWriteValidator()
    {
        RuleFor(x => x.Statement).MustBeId();
        RuleFor(x => x.Exact).MustBeText(Limits.ClaimText).When(x => x.Exact is not null);
        RuleFor(x => x.Prefix).MustBeText(Limits.ClaimPart).When(x => x.Prefix is not null);
        RuleFor(x => x.Suffix).MustBeText(Limits.ClaimPart).When(x => x.Suffix is not null);
        RuleFor(x => x).Must(x => x.Exact is not null || (x.Prefix is null && x.Suffix is null))
            .WithMessage("'prefix' and 'suffix' only make sense with 'exact'.").OverridePropertyName("exact");
    }
}

/// <summary>The rules of each of a claim's <see cref="ClaimWrite.Qualifiers"/>.</summary>
internal sealed class QualifierWriteValidator : AbstractValidator<QualifierWrite>
{
    public QualifierWriteValidator()
    {
        RuleFor(x => x.Name).MustBeText(Limits.QualifierName);
        RuleFor(x => x.Value).MustBeText(Limits.QualifierValue);
        RuleFor(x => x.Entity).MustBeId().When(x => x.Entity is not null);
    }
}

/// <summary>The rules of each of a claim's <see cref="ClaimWrite.Links"/>.</summary>
internal sealed class LinkWriteValidator : AbstractValidator<LinkWrite>
{
    public LinkWriteValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("'kind' is required.");
        RuleFor(x => x.Claim).MustBeId();
    }
}
