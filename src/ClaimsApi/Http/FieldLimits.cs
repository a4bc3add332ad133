using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;

namespace ClaimsApi.Http;

/// <summary>What a limit bounds: a string's length (a list's number of items), a pattern, a number's range.</summary>
public enum LimitKind
{
    MinLength,
    MaxLength,
    Pattern,
    Minimum,
    Maximum,
}

/// <summary>One limit a validator enforces on a field, or, <see cref="OnItems"/>, on each item of a list field.</summary>
/// <param name="Kind">What it bounds.</param>
/// <param name="Number">The length, count or bound (not for a pattern).</param>
/// <param name="Pattern">The pattern (ECMA-262), for <see cref="LimitKind.Pattern"/>.</param>
/// <param name="OnItems">Whether it bounds each item of a list rather than the list.</param>
public sealed record FieldLimit(LimitKind Kind, long Number, string? Pattern, bool OnItems);

/// <summary>
/// The limits the validators enforce on request fields, for the OpenAPI document (decision 0028), read from the
/// validators' rules rather than written again: FluentValidation describes each rule's validators, and those that
/// bound a value say so through its interfaces (<see cref="ILengthValidator"/>: a string's length or, on a list,
/// its number of items; <see cref="IRegularExpressionValidator"/>; <see cref="IBetweenValidator"/> and
/// <see cref="IComparisonValidator"/>: a number's range; the rules of <see cref="LimitRules"/> too). Rules of a
/// list's items (<c>RuleForEach</c>) bound the items, named child validators (<c>SetValidator</c>) their own type,
/// included validators the same type. A rule under a condition (<c>When</c>, <c>Unless</c>, or a nullable field's
/// <c>When(x is not null)</c>) is stated only when it holds in every case: a body field's limit when each example body
/// (<c>Features/RequestExamples.cs</c>, one per case, as for the required fields) is refused naming the field once the
/// field is set just past the limit; a query parameter's conditional limit is not stated.
/// </summary>
public static class FieldLimits
{
    /// <summary>The limits of the fields of each type <paramref name="examples"/> reach (nested ones too), by type and property name.</summary>
    /// <exception cref="InvalidOperationException">A rule's child validator cannot be read (<c>ChildRules</c>): name it.</exception>
    public static async Task<IReadOnlyDictionary<Type, ILookup<string, FieldLimit>>> DeriveAsync(
        IServiceProvider services, JsonSerializerOptions json, IReadOnlyDictionary<Type, IReadOnlyList<object>> examples, CancellationToken ct)
    {
        var limits = new Dictionary<Type, List<(string Member, FieldLimit Limit)>>();
        await using var scope = services.CreateAsyncScope();
        foreach (var (type, bodies) in examples)
        {
            var validator = (IValidator)scope.ServiceProvider.GetRequiredService(typeof(IValidator<>).MakeGenericType(type));
            var check = new RequiredFields.Check(validator, type, json, ct);
            var roots = bodies.Select(b => RequiredFields.Body(b, type, json)).ToList();
            foreach (var (owner, member, limit, conditional) in Rules(validator, type, conditional: false))
            {
                if (!limits.TryGetValue(owner, out var found))
                {
                    limits[owner] = found = [];
                }

                if (!found.Contains((member, limit)) && (!conditional || await HoldsInEveryCaseAsync(check, roots, type, owner, member, limit)))
                {
                    found.Add((member, limit));
                }
            }
        }

        return limits.ToDictionary(t => t.Key, t => t.Value.ToLookup(l => l.Member, l => l.Limit, StringComparer.Ordinal));
    }

    /// <summary>The unconditional limits of the fields <paramref name="validator"/> checks (query parameters), by property name.</summary>
    public static ILookup<string, FieldLimit> Of(IValidator validator, Type type) =>
        Rules(validator, type, conditional: false).Where(r => !r.Conditional).Distinct().ToLookup(r => r.Member, r => r.Limit, StringComparer.Ordinal);

    /// <summary>
    /// States <paramref name="limits"/> on <paramref name="schema"/> (a field's schema; the items' schema for item
    /// limits), as the keywords of its type: minLength/maxLength on a string, minItems/maxItems on an array.
    /// </summary>
    /// <exception cref="InvalidOperationException">A limit does not fit the schema's type.</exception>
    public static void Apply(OpenApiSchema schema, IEnumerable<FieldLimit> limits, string field)
    {
        foreach (var limit in limits)
        {
            var target = limit.OnItems ? schema.Items as OpenApiSchema : schema;
            var type = target?.Type ?? 0;
            var number = (int)Math.Min(limit.Number, int.MaxValue);
            var text = limit.Number.ToString(CultureInfo.InvariantCulture);
            switch (limit.Kind)
            {
                case LimitKind.MinLength when type.HasFlag(JsonSchemaType.Array):
                    target!.MinItems = number;
                    break;
                case LimitKind.MaxLength when type.HasFlag(JsonSchemaType.Array):
                    target!.MaxItems = number;
                    break;
                case LimitKind.MinLength when type.HasFlag(JsonSchemaType.String):
                    target!.MinLength = number;
                    break;
                case LimitKind.MaxLength when type.HasFlag(JsonSchemaType.String):
                    target!.MaxLength = number;
                    break;
                case LimitKind.Pattern when type.HasFlag(JsonSchemaType.String):
                    target!.Pattern = limit.Pattern;
                    break;
                case LimitKind.Minimum when type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number):
                    target!.Minimum = text;
                    break;
                case LimitKind.Maximum when type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number):
                    target!.Maximum = text;
                    break;
                default:
                    throw new InvalidOperationException($"'{field}': a validator's {limit} does not fit its schema (type {type}).");
            }
        }
    }

    /// <summary>Every limit <paramref name="validator"/> of <paramref name="type"/> states: on which type's field, and whether it is under a condition.</summary>
    private static IEnumerable<(Type Owner, string Member, FieldLimit Limit, bool Conditional)> Rules(IValidator validator, Type type, bool conditional)
    {
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            var onItems = rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
            foreach (var component in rule.Components)
            {
                var underCondition = conditional || rule.HasCondition || rule.HasAsyncCondition || component.HasCondition || component.HasAsyncCondition;
                if (component.Validator is IChildValidatorAdaptor child)
                {
                    // ChildRules' container (generic) holds rules that a new instance does not have.
                    var innerType = ValidatedType(child.ValidatorType);
                    if (innerType is null || child.ValidatorType.IsGenericType)
                    {
                        throw new InvalidOperationException(
                            $"{validator.GetType().Name} has child rules the OpenAPI document cannot read ({child.ValidatorType.Name}): use a named validator (SetValidator).");
                    }

                    var inner = Activator.CreateInstance(child.ValidatorType) as IValidator
                        ?? throw new InvalidOperationException($"{child.ValidatorType.Name} (in {validator.GetType().Name}) cannot be created to read its rules.");

                    // An included validator checks the same type; a child validator, the field's (or its items') type.
                    foreach (var found in Rules(inner, rule is FluentValidation.Internal.IIncludeRule ? type : innerType, underCondition))
                    {
                        yield return found;
                    }
                }
                else if (rule.Member is PropertyInfo property)
                {
                    foreach (var limit in LimitsOf(component.Validator, onItems))
                    {
                        yield return (type, property.Name, limit, underCondition);
                    }
                }
            }
        }
    }

    /// <summary>Values that break a pattern, the first one that does is sent.</summary>
    private static readonly string[] NotMatching = ["-", "!", " "];

    private static Type? ValidatedType(Type validatorType) =>
        validatorType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];

    private static IEnumerable<FieldLimit> LimitsOf(IPropertyValidator validator, bool onItems)
    {
        if (validator is ILengthValidator length)
        {
            if (length.Min > 0)
            {
                yield return new FieldLimit(LimitKind.MinLength, length.Min, null, onItems);
            }

            if (length.Max >= 0)
            {
                yield return new FieldLimit(LimitKind.MaxLength, length.Max, null, onItems);
            }
        }

        if (validator is IRegularExpressionValidator { Expression: { } pattern })
        {
            yield return new FieldLimit(LimitKind.Pattern, 0, pattern, onItems);
        }

        if (validator is IInclusiveBetweenValidator between && Whole(between.From) is { } from && Whole(between.To) is { } to)
        {
            yield return new FieldLimit(LimitKind.Minimum, from, null, onItems);
            yield return new FieldLimit(LimitKind.Maximum, to, null, onItems);
        }

        if (validator is IComparisonValidator { MemberToCompare: null } comparison && Whole(comparison.ValueToCompare) is { } bound)
        {
            switch (comparison.Comparison)
            {
                case Comparison.GreaterThanOrEqual:
                    yield return new FieldLimit(LimitKind.Minimum, bound, null, onItems);
                    break;
                case Comparison.LessThanOrEqual:
                    yield return new FieldLimit(LimitKind.Maximum, bound, null, onItems);
                    break;
            }
        }
    }

    private static long? Whole(object? value) => value is int or long or short or byte ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Whether, in every example body, each <paramref name="owner"/> object in it (the root, or nested) with its field
    /// <paramref name="member"/> set just past <paramref name="limit"/> is refused by the validator naming the field.
    /// </summary>
    private static async Task<bool> HoldsInEveryCaseAsync(RequiredFields.Check check, List<JsonObject> roots, Type rootType, Type owner, string member, FieldLimit limit)
    {
        var property = check.Json.GetTypeInfo(owner).Properties.FirstOrDefault(p => (p.AttributeProvider as MemberInfo)?.Name == member);
        if (property is null)
        {
            return false;
        }

        var itemType = check.Json.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Enumerable } list ? list.ElementType : null;
        var seen = false;
        foreach (var root in roots)
        {
            foreach (var (node, _, path) in Objects(check.Json, root, rootType, "").Where(o => o.Type == owner).ToList())
            {
                var original = node[property.Name];
                if (Beyond(limit, original, itemType) is not { } beyond)
                {
                    return false;
                }

                node[property.Name] = beyond;
                HashSet<string> errors;
                try
                {
                    errors = await check.ErrorsAsync(root);
                }
                catch (JsonException)
                {
                    return false;
                }
                finally
                {
                    if (original is null)
                    {
                        node.Remove(property.Name);
                    }
                    else
                    {
                        node[property.Name] = original;
                    }
                }

                var field = path + property.Name;
                if (!errors.Contains(field) && !(limit.OnItems && errors.Contains(field + "[0]")))
                {
                    return false;
                }

                seen = true;
            }
        }

        return seen;
    }

    /// <summary>The objects of <paramref name="node"/> (itself included), with their type and JSON path as the validators name it.</summary>
    private static IEnumerable<(JsonObject Node, Type Type, string Path)> Objects(JsonSerializerOptions json, JsonObject node, Type type, string path)
    {
        yield return (node, type, path);
        foreach (var property in json.GetTypeInfo(type).Properties)
        {
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (node[property.Name] is JsonObject child)
            {
                foreach (var found in Objects(json, child, valueType, $"{path}{property.Name}."))
                {
                    yield return found;
                }
            }
            else if (node[property.Name] is JsonArray items && json.GetTypeInfo(valueType).ElementType is { } itemType)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        foreach (var found in Objects(json, item, itemType, $"{path}{property.Name}[{i}]."))
                        {
                            yield return found;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A value just past <paramref name="limit"/> and otherwise plain (letters; a list of copies of the field's first
    /// item), or null when none can be made. <paramref name="current"/> is the field's value in the example,
    /// <paramref name="itemType"/> the type of its items when it is a list.
    /// </summary>
    private static JsonNode? Beyond(FieldLimit limit, JsonNode? current, Type? itemType)
    {
        if (itemType is not null && !limit.OnItems)
        {
            var sample = current is JsonArray { Count: > 0 } items ? items[0] : itemType == typeof(string) ? JsonValue.Create("x") : null;
            var count = limit.Kind switch
            {
                LimitKind.MinLength => limit.Number - 1,
                LimitKind.MaxLength => limit.Number + 1,
                _ => -1,
            };
            return count < 0 || (sample is null && count > 0) ? null : new JsonArray([.. Enumerable.Range(0, (int)count).Select(_ => sample!.DeepClone())]);
        }

        JsonNode? value = limit.Kind switch
        {
            LimitKind.MinLength when limit.Number > 0 => JsonValue.Create(new string('x', (int)limit.Number - 1)),
            LimitKind.MaxLength when limit.Number < int.MaxValue => JsonValue.Create(new string('x', (int)limit.Number + 1)),
            LimitKind.Pattern => NotMatching.FirstOrDefault(v => !Regex.IsMatch(v, limit.Pattern!, RegexOptions.None, TimeSpan.FromSeconds(1))) is { } v
                ? JsonValue.Create(v) : null,
            LimitKind.Minimum => JsonValue.Create(limit.Number - 1),
            LimitKind.Maximum => JsonValue.Create(limit.Number + 1),
            _ => null,
        };
        return value is not null && limit.OnItems ? new JsonArray(value) : value;
    }
}
