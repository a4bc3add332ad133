using ClaimsApi.Extraction;
using FluentValidation;

namespace ClaimsApi.Features.Extraction;

/// <summary>An article to extract attributions from, as JSON (the same text may be sent as text/plain).</summary>
/// <param name="Text">The article in the seed format (a ' date YYYY-MM-DD lead' line, an empty line, the title, then paragraphs separated by empty lines); text in another layout is read as paragraphs separated by empty lines.</param>
public sealed record ExtractRequest(string? Text);

/// <summary>
/// The attributions proposed for an article, nothing stored. Everything in it is machine-proposed and unconfirmed
/// (<see cref="Provenance"/>): a curator accepts, corrects or rejects it through the statement and claim writes.
/// </summary>
/// <param name="Provenance">Who proposed this: the extractor and its version, and that no person has confirmed it.</param>
/// <param name="Attributions">The attributions found, in the order of their content in the text.</param>
public sealed record ExtractResponse(ExtractionProvenance Provenance, IReadOnlyList<ExtractedAttribution> Attributions);

/// <summary>Where proposals come from.</summary>
/// <param name="ProposedBy">Always 'machine'.</param>
/// <param name="Extractor">The extractor and the version of its rules (docs/extraction.md).</param>
/// <param name="Confirmed">Always false: a proposal is a draft until a curator writes it.</param>
public sealed record ExtractionProvenance(string ProposedBy, string Extractor, bool Confirmed);

/// <summary>A span of the article text: code point offsets, [start, end), as statement spans are counted, and the text there.</summary>
/// <param name="Start">First code point.</param>
/// <param name="End">One past the last code point.</param>
/// <param name="Text">The article text at the span.</param>
public sealed record ExtractedSpan(int Start, int End, string Text);

/// <summary>The speaker an attribution resolves to: a known entity (by one of its names or aliases), or a proposed new one.</summary>
/// <param name="Id">The known entity's id, or a proposed id (a slug of the name) for a new one.</param>
/// <param name="Name">The entity's name, or the name proposed for it.</param>
/// <param name="Kind">The entity's kind (for a proposed one, the kind guessed: person, organisation; null when unsure).</param>
/// <param name="Known">True for an entity of the knowledge base, false for a proposed new one.</param>
public sealed record ExtractedSpeaker(string Id, string Name, string? Kind, bool Known);

/// <summary>A candidate claim: a proposition made in a content span, who claims it, what it names, and whether it is asserted at all.</summary>
/// <param name="Proposition">The proposition as the text puts it (one sentence of the content, without quotation marks or a leading 'that').</param>
/// <param name="Span">Where the proposition is in the article.</param>
/// <param name="Claimant">Who claims it (the attribution's speaker), if resolved.</param>
/// <param name="Mentions">Known entities the proposition names.</param>
/// <param name="Hedged">Put as possible, reported or uncertain (may, reportedly, allegedly …), or attributed with a negated cue ('has not confirmed').</param>
/// <param name="Denied">The claimant denies it: the proposition is what is denied, never an assertion.</param>
/// <param name="Question">Asked, not asserted.</param>
/// <param name="Opinion">A belief or a judgement rather than a statement of fact.</param>
public sealed record ExtractedClaim(
    string Proposition, ExtractedSpan Span, ExtractedSpeaker? Claimant, IReadOnlyList<ExtractedSpeaker> Mentions, bool Hedged, bool Denied, bool Question, bool Opinion);

/// <summary>One attribution: who (source), by which words (cue), said what (content).</summary>
/// <param name="Source">The words naming the speaker (a name, a role, a pronoun); null when the sentence names none ('It is noted that …', an unmarked block quote).</param>
/// <param name="Antecedent">Where the speaker is named, when the source is a pronoun or absent: the antecedent it was resolved to.</param>
/// <param name="Cue">The words that attribute: 'said', 'according to', 'It is noted that'; for an unmarked block quote, the introducing paragraph's cue; null for an image credit.</param>
/// <param name="Content">What is attributed: the quotation without its marks, or the reported clause.</param>
/// <param name="Speaker">The speaker resolved, if it could be.</param>
/// <param name="Kind">direct (in quotation marks), partial (a quotation inside reported speech), reported, unmarked-block-quote, or credit (an image credit: not speech, no claims).</param>
/// <param name="Confidence">How sure the rule that found it is, from 0 to 1.</param>
/// <param name="Parent">The index, in this list, of the attribution that reports this one (nested attribution), if any.</param>
/// <param name="Claims">The candidate claims made in the content.</param>
public sealed record ExtractedAttribution(
    ExtractedSpan? Source,
    ExtractedSpan? Antecedent,
    ExtractedSpan? Cue,
    ExtractedSpan Content,
    ExtractedSpeaker? Speaker,
    AttributionKind Kind,
    double Confidence,
    int? Parent,
    IReadOnlyList<ExtractedClaim> Claims)
{
    internal static ExtractedAttribution From(Attribution a) => new(
        Span(a.Source), Span(a.Antecedent), Span(a.Cue), Span(a.Content)!, SpeakerOf(a.Speaker), a.Kind, a.Confidence, a.Parent,
        [.. a.Claims.Select(c => new ExtractedClaim(c.Proposition, Span(c.Span)!, SpeakerOf(c.Claimant), [.. c.Mentions.Select(m => SpeakerOf(m)!)], c.Hedged, c.Denied, c.Question, c.Opinion))]);

    private static ExtractedSpan? Span(TextSpan? span) => span is null ? null : new(span.Start, span.End, span.Text);

    private static ExtractedSpeaker? SpeakerOf(Speaker? speaker) => speaker is null ? null : new(speaker.Id, speaker.Name, speaker.Kind, speaker.Known);
}

internal sealed class ExtractRequestValidator : AbstractValidator<ExtractRequest>
{
    public ExtractRequestValidator()
    {
        RuleFor(r => r.Text).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' is required: the article, not empty.")
            .Must(t => !t!.Contains('\0', StringComparison.Ordinal)).WithMessage("'text' must not contain the character U+0000.");
    }
}
