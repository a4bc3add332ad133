using System.Globalization;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;
using FluentValidation;

namespace ClaimsApi.Http;

/// <summary>
/// Query parameters arrive as strings so that a bad value ("limit=abc") is reported by the validator with the
/// parameter's name, like every other validation failure, rather than by the binder. These helpers are shared by
/// the validators (is it valid?) and the handlers (its value, once validated).
/// </summary>
public static class QueryValues
{
    public static int Limit(string? value) =>
        value is null ? Paging.DefaultLimit : int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static DateOnly? Date(string? value) =>
        value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool IsDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static TEnum? Enum<TEnum>(string? value) where TEnum : struct, System.Enum =>
        value is not null && EnumNames.TryParse<TEnum>(value, out var parsed) ? parsed : null;

    public static IRuleBuilderOptions<T, string?> MustBeLimit<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MustBeWholeNumber(1, Paging.MaxLimit)
            .WithMessage($"'limit' must be a whole number from 1 to {Paging.MaxLimit} (default {Paging.DefaultLimit}).");

    public static IRuleBuilderOptions<T, string?> MustBeDate<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(v => v is null || IsDate(v))
            .WithMessage($"'{name}' must be a date in the form YYYY-MM-DD.");

    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T, TEnum>(this IRuleBuilder<T, string?> rule, string name)
        where TEnum : struct, System.Enum =>
        rule.Must(v => v is null || EnumNames.TryParse<TEnum>(v, out _))
            .WithMessage($"'{name}' must be one of: {string.Join(", ", EnumNames.All<TEnum>())}.");

    /// <summary>A flag of the query string: absent, <c>true</c> or <c>false</c>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeTrueOrFalse<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.Must(v => v is null or "true" or "false")
            .WithMessage($"'{name}' must be true or false.");

    public static IRuleBuilderOptions<T, string?> MustBeIdFilter<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.MustMatch(Ids.Pattern, Ids.MaxLength, Ids.IsValid, optional: true)
            .WithMessage($"'{name}' must be an id: lower-case letters, digits and '-', at most {Ids.MaxLength} characters.");

    /// <summary>Free text to search: bounded, no control characters, at least one word that is not a stop word.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeSearchText<T>(this IRuleBuilder<T, string?> rule, bool required) =>
        rule.MustBeLength(1, FullTextQuery.MaxTextLength, (_, v) => !v.Any(char.IsControl) && FullTextQuery.HasSearchableWords(v), optional: !required)
            .WithMessage($"'q' must contain at least one word that is not a stop word, at most {FullTextQuery.MaxTextLength} characters and no control characters.");

    public static IRuleBuilderOptions<T, string?> MustBeCursor<T>(this IRuleBuilder<T, string?> rule, Func<T, string> sortOf, Func<T, Func<string?, bool>?>? keyIsValid = null) =>
        rule.MustBeLength(0, Paging.MaxCursorLength, (query, v) => Paging.TryDecode(v, sortOf(query), out _, keyIsValid?.Invoke(query)), optional: true)
            .WithMessage("'cursor' is not a cursor this list issued for this sort; use the 'next' link of the previous page.");
}
