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
