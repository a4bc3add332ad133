using System.Text.RegularExpressions;

namespace ClaimsApi.Domain;

/// <summary>The form of every public id: readable, URL-safe, stable across rebuilds because it comes from the seeds.</summary>
public static partial class Ids
{
    public const int MaxLength = 80;
    private const string Form = "[a-z0-9][a-z0-9-]{0,79}";

    /// <summary>The form as a JSON Schema (ECMA-262) pattern, for the OpenAPI document.</summary>
    public const string Pattern = "^" + Form + "$";

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    // \z, not $: in .NET, $ also matches before a final newline, and "x\n" would pass as an id.
    [GeneratedRegex("^" + Form + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
