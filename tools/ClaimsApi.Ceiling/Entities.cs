using System.Text.Json;
using static ClaimsApi.Ceiling.Wire;

namespace ClaimsApi.Ceiling;

/// <summary>
/// <c>GET /v1/entities/{id}</c> (the API's EntityEndpoints.Project): the entity with what it is part of, then its
/// aliases in code point order. A merged entity, which the API redirects, is a plain 404 here: the ceiling serves
/// records that are found.
/// </summary>
internal static class Entities
{
    private const int Entity = 0, Alias = 1;

    private static readonly RowShape Shape = new(texts: 8, numbers: 1);

    public static Query Detail(Dialect sql) => new($"""
        {Shape.Select(Entity, ["e.id", "e.name", "e.kind", "e.description", "e.wikidata_id", "po.id", "po.name", "po.kind"], ["e.revision"])}
        FROM entities e LEFT JOIN entities po ON po.id = e.part_of_id
        WHERE e.id = @id AND {Visible.Live("e")}
        UNION ALL
        {Shape.Select(Alias, ["a.alias"], k1: sql.CodePointOrder("a.alias"))}
        FROM entity_aliases a
        WHERE a.entity_id = @id
        {RowShape.OrderBy}
        """, Shape, "@id");

    public static async ValueTask<bool> WriteAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct)
    {
        if (!await rows.NextAsync(ct) || !rows.At(Entity))
        {
            return false;
        }

        var entity = rows.Columns;
        json.WriteStartObject();
        json.WriteString(Names.Id, entity.Text());
        json.WriteString(Names.Name, entity.Text());
        json.WriteEnum(Names.Kind, entity.Text());
        // The rest of the entity's row is written after the aliases: read it before moving on to their rows.
        var (description, wikidataId) = (entity.Text(), entity.Text());
        var (partOfId, partOfName, partOfKind) = (entity.Text(), entity.Text(), entity.Text());
        var revision = entity.Number();

        json.WriteStartArray(Names.Aliases);
        while (await rows.NextAsync(ct) && rows.At(Alias))
        {
            json.WriteStringValue(rows.Columns.Text());
        }

        json.WriteEndArray();
        json.WriteString(Names.Description, description);
        json.WriteString(Names.WikidataId, wikidataId);
        json.WriteRef(Names.PartOf, partOfId, partOfName, partOfKind);
        json.WriteNumber(Names.Revision, revision);
        json.WriteEndObject();
        return true;
    }
}
