namespace ClaimsApi.Extraction;

/// <summary>
/// A known entity the extractor may resolve a speaker or a mention to: its id, canonical name, kind (the
/// <c>EntityKind</c> name, kebab-case) and every alias. The extractor is given these; it reads nothing itself.
/// </summary>
public sealed record KnownEntity(string Id, string Name, string Kind, IReadOnlyList<string> Aliases);

/// <summary>A span of the article text in code points, <c>[Start, End)</c>, with the text it covers.</summary>
public sealed record TextSpan(int Start, int End, string Text);

/// <summary>How an attribution is marked in the text.</summary>
public enum AttributionKind
{
    /// <summary>Words in quotation marks, attributed by a cue or by the quotes around them.</summary>
    Direct,
    /// <summary>A fragment in quotation marks inside reported speech; nested in the attribution that reports it.</summary>
    Partial,
    /// <summary>The speaker's words in the publication's words, introduced by a cue ("said that", "according to").</summary>
    Reported,
    /// <summary>A paragraph of verbatim words without quotation marks, attributed from the paragraph that introduces it.</summary>
    UnmarkedBlockQuote,
    /// <summary>An image credit ("Image: Nick Moreau."): the caption is the content. Not speech; it proposes no claims.</summary>
    Credit,
}

/// <summary>
/// Who said it: a known entity when the source (or its antecedent) names one by an alias, otherwise a proposed new
/// entity with a name and a guessed kind, for a curator to create or map. <see cref="Id"/> is the known entity's id,
/// or a proposed slug for a new one.
/// </summary>
public sealed record Speaker(string Id, string Name, string? Kind, bool Known);

/// <summary>
/// A candidate claim made in a content span: the proposition as the text puts it, who claims it, the known entities
/// it names, and whether it is asserted at all. A denied, hedged or questioned proposition is not an assertion of
/// it: a consumer must read the flags before treating <see cref="Proposition"/> as something the claimant asserts.
/// </summary>
public sealed record CandidateClaim(
    string Proposition,
    TextSpan Span,
    Speaker? Claimant,
    IReadOnlyList<Speaker> Mentions,
    bool Hedged,
    bool Denied,
    bool Question,
    bool Opinion);

/// <summary>
/// One attribution: who (source), by which words (cue), said what (content). Spans are code points into the article
/// text. <see cref="Source"/> is null when the sentence names no speaker (an agentless "It is noted that"); then
/// <see cref="Antecedent"/>, when found, is where the speaker is named earlier, as it is for a pronoun or a role.
/// <see cref="Parent"/> is the index (in the list) of the attribution that reports this one.
/// </summary>
public sealed record Attribution(
    TextSpan? Source,
    TextSpan? Antecedent,
    TextSpan? Cue,
    TextSpan Content,
    Speaker? Speaker,
    AttributionKind Kind,
    double Confidence,
    int? Parent,
    IReadOnlyList<CandidateClaim> Claims);

/// <summary>What the extractor found, in text order, and the version of the rules that found it.</summary>
public sealed record ExtractionResult(string Extractor, IReadOnlyList<Attribution> Attributions);
