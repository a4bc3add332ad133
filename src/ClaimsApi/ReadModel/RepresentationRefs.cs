using System.Text.Json;

namespace ClaimsApi.ReadModel;

/// <summary>
/// The ids a representation names: the values of its <c>id</c> and <c>…Id</c> properties and the items of its
/// <c>…Ids</c> arrays, at any depth (a claim names its claimant, speakers, statements, mentions, linked claims and
/// article). They are what a stored representation depends on, and what a write touches: a write removes every
/// stored representation that names an id it touched (decision 0031). Ids of different kinds that happen to be
/// equal only remove a little more than needed.
/// </summary>
public static class RepresentationRefs
{
    /// <summary>Adds to <paramref name="ids"/> every id that the JSON <paramref name="json"/> names.</summary>
    public static void Collect(ReadOnlySpan<byte> json, ISet<string> ids)
    {
        var reader = new Utf8JsonReader(json);
        var idValue = false; // the next value belongs to an id property
        var idsDepth = -1; // the depth of the …Ids array being read, if any
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    idValue = IsIdName(reader.GetString()!);
                    break;
                case JsonTokenType.String when idValue || (idsDepth >= 0 && reader.CurrentDepth == idsDepth + 1):
                    ids.Add(reader.GetString()!);
                    idValue = false;
                    break;
                case JsonTokenType.StartArray when idValue:
                    idsDepth = reader.CurrentDepth;
                    idValue = false;
                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == idsDepth:
                    idsDepth = -1;
                    break;
                default:
                    idValue = false;
                    break;
            }
        }
    }

    /// <summary>Every id the JSON texts name (null texts are skipped), with <paramref name="also"/>.</summary>
    public static HashSet<string> Of(string? also, params ReadOnlySpan<string?> texts)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (also is not null)
        {
            ids.Add(also);
        }

        foreach (var text in texts)
        {
            if (text is not null)
            {
                Collect(System.Text.Encoding.UTF8.GetBytes(text), ids);
            }
        }

        return ids;
    }

    /// <summary>
    /// The id that stands for every record of a kind (<c>~claim</c>): every change of a claim touches it, and a list
    /// page that any claim could enter names it. No record id starts with <c>~</c>.
    /// </summary>
    public static string Collection(string resource) => "~" + resource;

    /// <summary><c>id</c>, <c>claimantId</c>, <c>claimIds</c>: camelCase names that hold ids.</summary>
    private static bool IsIdName(string name) =>
        name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal);
}
