using System.Globalization;
using FluentValidation;
using FluentValidation.Validators;

namespace ClaimsApi.Http;

/// <summary>
/// Property validators that say what limits they enforce the way FluentValidation's own do (<see cref="ILengthValidator"/>,
/// <see cref="IRegularExpressionValidator"/>, <see cref="IInclusiveBetweenValidator"/>), so the OpenAPI document reads
/// the limits from the validators (<see cref="FieldLimits"/>, decision 0028) instead of repeating them. Each checks the
/// limits it states itself, then the rest of its rule; a rule's message is given where it is used. Lengths count
/// UTF-16 code units (<see cref="string.Length"/>).
/// </summary>
internal static class LimitRules
{
    /// <summary>A string of <paramref name="min"/> to <paramref name="max"/> UTF-16 code units that also passes <paramref name="rest"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeLength<T>(this IRuleBuilder<T, string?> rule, int min, int max, Func<T, string, bool> rest, bool optional = false) =>
        rule.SetValidator(new LengthRule<T>(min, max, rest, optional));

    /// <summary>A string matching <paramref name="pattern"/> (an ECMA-262 regular expression as the document states it) of at most <paramref name="maxLength"/> characters; <paramref name="isValid"/> is the regular expression's .NET twin.</summary>
    public static IRuleBuilderOptions<T, string?> MustMatch<T>(this IRuleBuilder<T, string?> rule, string pattern, int maxLength, Func<string, bool> isValid, bool optional = false) =>
        rule.SetValidator(new GrammarRule<T>(pattern, maxLength, isValid, optional));

    /// <summary>A list of <paramref name="min"/> to <paramref name="max"/> items; null only when <paramref name="optional"/>.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> MustCount<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int min, int max, bool optional = true) =>
        rule.SetValidator(new CountRule<T, TItem>(min, max, optional));

    /// <summary>A whole number of at least <paramref name="min"/> that fits in 64 bits, in a string (a query parameter); null passes.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeWholeNumberFrom<T>(this IRuleBuilder<T, string?> rule, long min) =>
        rule.SetValidator(new AtLeastRule<T>(min));

    /// <summary>A whole number from <paramref name="from"/> to <paramref name="to"/>, in a string (a query parameter); null passes.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeWholeNumber<T>(this IRuleBuilder<T, string?> rule, int from, int to) =>
        rule.SetValidator(new WholeNumberRule<T>(from, to));

    private sealed class LengthRule<T>(int min, int max, Func<T, string, bool> rest, bool optional) : PropertyValidator<T, string?>, ILengthValidator
    {
        public override string Name => nameof(LengthRule<T>);

        public int Min => min;

        public int Max => max;

        public override bool IsValid(ValidationContext<T> context, string? value) =>
            value is null ? optional : value.Length >= min && value.Length <= max && rest(context.InstanceToValidate, value);
    }

    private sealed class GrammarRule<T>(string pattern, int maxLength, Func<string, bool> isValid, bool optional)
        : PropertyValidator<T, string?>, IRegularExpressionValidator, ILengthValidator
    {
        public override string Name => nameof(GrammarRule<T>);

        public string Expression => pattern;

        public int Min => 0;

        public int Max => maxLength;

        public override bool IsValid(ValidationContext<T> context, string? value) =>
            value is null ? optional : value.Length <= maxLength && isValid(value);
    }

    private sealed class CountRule<T, TItem>(int min, int max, bool optional) : PropertyValidator<T, IReadOnlyList<TItem>?>, ILengthValidator
    {
        public override string Name => nameof(CountRule<T, TItem>);

        public int Min => min;

        public int Max => max;

        public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value) =>
            value is null ? optional : value.Count >= min && value.Count <= max;
    }

    private sealed class AtLeastRule<T>(long min) : PropertyValidator<T, string?>, IComparisonValidator
    {
        public override string Name => nameof(AtLeastRule<T>);

        public Comparison Comparison => Comparison.GreaterThanOrEqual;

        public System.Reflection.MemberInfo? MemberToCompare => null;

        public object ValueToCompare => min;

        public override bool IsValid(ValidationContext<T> context, string? value) =>
            value is null || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min);
    }

    private sealed class WholeNumberRule<T>(int from, int to) : PropertyValidator<T, string?>, IInclusiveBetweenValidator
    {
        public override string Name => nameof(WholeNumberRule<T>);

        public object From => from;

        public object To => to;

        public override bool IsValid(ValidationContext<T> context, string? value) =>
            value is null || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= from && n <= to);
    }
}
