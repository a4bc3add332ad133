using System.Text.RegularExpressions;

namespace ClaimsApi.Domain;

/// <summary>The form of every public id: readable, URL-safe, stable across rebuilds because it comes from the seeds.</summary>
public static partial class Ids
{
    public const int MaxLength = 80;
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,79}$";

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
