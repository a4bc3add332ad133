using ClaimsApi.Export;

namespace ClaimsApi.Features.Entities;

/// <summary>The CSV columns of the entities export (<c>GET /v1/entities/export</c>), named by the JSON paths they flatten.</summary>
internal static class EntityExport
{
    public static readonly CsvColumn<EntityResponse>[] Columns =
    [
        new("id", e => e.Id),
        new("name", e => e.Name),
        new("kind", e => CsvFields.Of(e.Kind)),
        new("aliases", e => CsvFields.List(e.Aliases)),
        new("description", e => e.Description),
        new("wikidataId", e => e.WikidataId),
        new("partOf.id", e => e.PartOf?.Id),
        new("partOf.name", e => e.PartOf?.Name),
        new("revision", e => CsvFields.Of(e.Revision)),
    ];
}
