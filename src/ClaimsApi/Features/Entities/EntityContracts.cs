using System.ComponentModel;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Entities;

/// <summary>A named entity: a person, organisation, state, place, treaty … with every name it goes by.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Canonical name.</param>
/// <param name="Kind">What the entity is.</param>
/// <param name="Aliases">Other names that refer to it ("the DPRK", "Pyongyang").</param>
/// <param name="Description">A short description, if curated.</param>
/// <param name="WikidataId">The Wikidata item, if known (e.g. Q423).</param>
/// <param name="PartOf">The entity it is part of (a treaty article of its treaty), if any.</param>
/// <param name="Provenance">Present only on a record the attribution extractor proposed: by what, how sure, and whether a person has confirmed it.</param>
/// <param name="Revision">Its revision, the first part of the ETag; send the ETag (or \"3\") back in If-Match to change the entity.</param>
public sealed record EntityResponse(
    string Id,
    string Name,
    EntityKind Kind,
    IReadOnlyList<string> Aliases,
    string? Description,
    string? WikidataId,
    EntityRef? PartOf,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Provenance? Provenance,
    int Revision) : Http.IRevisioned;

/// <summary>Filters for the entity list.</summary>
public sealed record EntityListQuery : PageQuery
{
    [FromQuery(Name = "kind"), Description("Only entities of this kind.")]
    [ParameterSchema(Enum = typeof(EntityKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "name"), Description("A name or alias, matched whole; case, diacritics and curly quotes do not count (\"the dprk\" finds North Korea).")]
    public string? Name { get; init; }

    internal const string Sort = "id";
}

internal sealed class EntityListQueryValidator : AbstractValidator<EntityListQuery>
{
    public EntityListQueryValidator()
    {
        RuleFor(q => q.Kind).MustBeOneOf<EntityListQuery, EntityKind>("kind");
        RuleFor(q => q.Name).MustBeLength(1, Limits.Name, (_, n) => !string.IsNullOrWhiteSpace(n) && !n.Any(char.IsControl), optional: true)
            .WithMessage($"'name' must not be empty, must be at most {Limits.Name} characters and must not contain control characters.");
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => EntityListQuery.Sort);
    }
}
