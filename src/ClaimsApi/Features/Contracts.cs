using ClaimsApi.Domain;

namespace ClaimsApi.Features;

/// <summary>A half-open span <c>[start, end)</c> of the article text, counted in Unicode code points.</summary>
/// <param name="Start">The first code point, counted from 0.</param>
/// <param name="End">One past the last code point.</param>
public sealed record Span(int Start, int End);

/// <summary>A reference to an entity, enough to show and link it.</summary>
/// <param name="Id">The entity id (see <c>GET /v1/entities/{id}</c>).</param>
/// <param name="Name">The canonical name.</param>
/// <param name="Kind">What the entity is.</param>
public sealed record EntityRef(string Id, string Name, EntityKind Kind);

/// <summary>
/// Where a record the attribution extractor proposed comes from (absent from a record a person wrote). A proposal is
/// a draft: a curator accepts it (moves it through the workflow), corrects it (edits it) or rejects it (deletes it),
/// and the first write by a person confirms it.
/// </summary>
/// <param name="ProposedBy">Always 'machine': the attribution extractor.</param>
/// <param name="Extractor">The extractor and the version of its rules (docs/extraction.md).</param>
/// <param name="Confidence">How sure the rule that proposed it was, from 0 to 1.</param>
/// <param name="Confirmed">Whether a person has written the record since (an edit, a workflow move, a restore).</param>
/// <param name="ConfirmedAt">When a person first wrote it; null while no one has.</param>
public sealed record Provenance(string ProposedBy, string Extractor, double Confidence, bool Confirmed, DateTimeOffset? ConfirmedAt)
{
    /// <summary>The provenance of <paramref name="record"/>, or null when a person wrote it.</summary>
    internal static Provenance? Of(IProposable record) => Of(record.ProposedBy, record.Extractor, record.Confidence, record.ConfirmedAt);

    /// <summary>The provenance of a record read as these columns, or null when a person wrote it.</summary>
    internal static Provenance? Of(string? proposedBy, string? extractor, double? confidence, DateTimeOffset? confirmedAt) =>
        proposedBy is null ? null : new(proposedBy, extractor ?? "", confidence ?? 0, confirmedAt is not null, confirmedAt);
}
