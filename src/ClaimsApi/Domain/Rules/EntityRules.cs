using System.Text.RegularExpressions;
using ClaimsApi.Domain.Text;

namespace ClaimsApi.Domain.Rules;

/// <summary>
/// The rules for an entity's names and the one way to build one, shared by the seed loader and the write API so
/// that an entity the seeds accept is one the API accepts, stored the same way (names folded for lookups).
/// </summary>
public static partial class EntityRules
{
    /// <summary>The length of the Wikidata id column.</summary>
    public const int MaxWikidataLength = 20;

    private const string WikidataForm = "Q[1-9][0-9]*";

    /// <summary>The form of a Wikidata item id as a JSON Schema (ECMA-262) pattern, for the OpenAPI document.</summary>
    public const string WikidataPattern = "^" + WikidataForm + "$";

    public static bool IsWikidataId(string? value) => value is { Length: <= MaxWikidataLength } && WikidataId().IsMatch(value);

    /// <summary>Why <paramref name="name"/> cannot be stored (it is too long once folded), or null; blank and over-long names are the caller's check.</summary>
    public static string? NameProblem(string name) =>
        TextFolding.Fold(name).Length > Limits.Name ? $"the name is longer than {Limits.Name} characters once folded for lookups" : null;

    /// <summary>
    /// What is wrong with the aliases beyond being blank or too long (the caller's check, and such aliases are
    /// skipped here): too long once folded, the entity's own name again, or the same alias twice — all compared
    /// folded, as lookups compare them ("the DPRK" and "The  dprk" are one alias).
    /// </summary>
    public static IEnumerable<(int Index, string Message)> AliasProblems(string? name, IReadOnlyList<string?> aliases)
    {
        var nameKey = string.IsNullOrWhiteSpace(name) ? null : TextFolding.Fold(name);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < aliases.Count; i++)
        {
            var alias = aliases[i];
            if (string.IsNullOrWhiteSpace(alias) || alias.Length > Limits.Name)
            {
                continue;
            }

            var key = TextFolding.Fold(alias);
            if (key.Length > Limits.Name)
            {
                yield return (i, $"alias '{TextQuote.Shorten(alias)}' is longer than {Limits.Name} characters once folded for lookups");
            }
            else if (key == nameKey)
            {
                yield return (i, $"alias '{TextQuote.Shorten(alias)}' is the entity's name");
            }
            else if (seen.TryGetValue(key, out var first))
            {
                yield return (i, first == alias ? $"alias '{TextQuote.Shorten(alias)}' is listed twice" : $"alias '{TextQuote.Shorten(alias)}' is listed twice (as '{TextQuote.Shorten(first)}'; case, accents and spacing do not count)");
            }
            else
            {
                seen.Add(key, alias);
            }
        }
    }

    /// <summary>A new entity with its aliases; the names must have passed the checks above.</summary>
    public static NamedEntity Build(string id, string name, EntityKind kind, IEnumerable<string> aliases, string? description, string? wikidata, string? partOf, string? seedFile)
    {
        var entity = new NamedEntity
        {
            Id = id,
            Name = name,
            NormalizedName = TextFolding.Fold(name),
            Kind = kind,
            Description = description,
            WikidataId = wikidata,
            PartOfId = partOf,
            SeedFile = seedFile,
        };
        entity.Aliases.AddRange(aliases.Select(a => Alias(id, a)));
        return entity;
    }

    public static EntityAlias Alias(string entityId, string alias) =>
        new() { EntityId = entityId, Alias = alias, NormalizedAlias = TextFolding.Fold(alias) };

    /// <summary>
    /// The aliases of an entity that absorbs other names (a merge): its own aliases, then each of
    /// <paramref name="names"/> whose folded form is neither its name nor one of its aliases yet, in order.
    /// </summary>
    public static List<string> Absorb(string name, IReadOnlyList<string> aliases, IEnumerable<string> names)
    {
        var keys = new HashSet<string>(aliases.Select(TextFolding.Fold).Append(TextFolding.Fold(name)), StringComparer.Ordinal);
        return [.. aliases, .. names.Where(n => keys.Add(TextFolding.Fold(n)))];
    }

    [GeneratedRegex("^" + WikidataForm + @"\z", RegexOptions.CultureInvariant)] // \z: $ would let a final newline through
    private static partial Regex WikidataId();
}
