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

    /// <summary>
    /// The id no record may take: <c>/v1/claims/export</c> (and the same under every collection) is the collection's
    /// export, routed before <c>/{id}</c>, so a record with this id could never be read.
    /// </summary>
    public const string Reserved = "export";

    /// <summary>Whether a new record may take <paramref name="id"/>: a valid id, and not <see cref="Reserved"/>.</summary>
    public static bool IsAvailable(string? id) => IsValid(id) && id != Reserved;

    // \z, not $: in .NET, $ also matches before a final newline, and "x\n" would pass as an id.
    [GeneratedRegex("^" + Form + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
