using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;

namespace ClaimsApi.Curation;

/// <summary>Request-body limits of the write side.</summary>
public static class WriteLimits
{
    /// <summary>JSON bodies (claims, statements, entities, reviews): 64 KB is far above any real record.</summary>
    public const int JsonBodyBytes = 64 * 1024;

    /// <summary>Article bodies (the whole article text): 1 MB.</summary>
    public const int ArticleBodyBytes = 1024 * 1024;
}

/// <summary>FluentValidation rules shared by the request-body validators.</summary>
public static class WriteRules
{
    /// <summary>A required id: lower-case letters, digits and '-'.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MustMatch(Ids.Pattern, Ids.MaxLength, Ids.IsValid).WithMessage("'{PropertyName}' is required and must be an id: lower-case letters, digits and '-', starting with a letter or digit, at most " + Ids.MaxLength + " characters.");

    /// <summary>A new record's id: an id, and not the one that names the collection's export.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeNewId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MustMatch(Ids.Pattern, Ids.MaxLength, Ids.IsAvailable).WithMessage("'{PropertyName}' must be an id: lower-case letters, digits and '-', starting with a letter or digit, at most " + Ids.MaxLength + " characters, and not '" + Ids.Reserved + "' (GET /v1/{collection}/" + Ids.Reserved + " is the collection's export).");

    /// <summary>Required text: not blank, at most <paramref name="maxLength"/> characters, no control characters but line breaks and tabs.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MustBeLength(1, maxLength, (_, v) => !string.IsNullOrWhiteSpace(v) && !v.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            .WithMessage($"'{{PropertyName}}' is required: 1 to {maxLength} characters, no control characters.");

    /// <summary>An absolute http(s) URL, without control characters (Uri accepts a NUL, which PostgreSQL cannot store).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MustBeLength(0, Limits.Url, (_, v) => !v.Any(char.IsControl) && Uri.TryCreate(v, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage($"'{{PropertyName}}' must be an absolute http or https URL of at most {Limits.Url} characters, without control characters.");
}

/// <summary>Ids for records created without one: readable (from their text) and unique (a random suffix).</summary>
public static class Slugs
{
    public static string From(string text)
    {
        var folded = TextFolding.Fold(text);
        var slug = new StringBuilder();
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 50)
            {
                break;
            }
        }

        var stem = slug.ToString().Trim('-');
        var suffix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        return stem.Length == 0 ? suffix : $"{stem}-{suffix}";
    }
}
