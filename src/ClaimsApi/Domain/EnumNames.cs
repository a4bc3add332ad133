using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ClaimsApi.Domain;

/// <summary>
/// The wire names of enums (kebab-case: <c>armed-forces</c>, <c>same-as</c>), shared by the JSON converter,
/// query-string filters and the curation files so that one spelling holds everywhere.
/// </summary>
public static class EnumNames
{
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.KebabCaseLower;

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Policy.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    public static bool TryParse<TEnum>([NotNullWhen(true)] string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (name is null)
        {
            return false;
        }

        // Case-insensitive, as the JSON converter reads bodies: "Draft" in a query means what it means in a body.
        var names = Cache<TEnum>.Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                value = Cache<TEnum>.Values[i];
                return true;
            }
        }

        return false;
    }

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();
        public static readonly string[] Names = Array.ConvertAll(Values, v => Policy.ConvertName(v.ToString()));
    }
}
