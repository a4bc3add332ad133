using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;

namespace ClaimsApi.Http;

/// <summary>
/// The fields a request body cannot leave out, for the OpenAPI document's <c>required</c> lists, derived from the
/// validators rather than declared (decision 0025). The request records have nullable parameters so that the
/// validator, not the binder, reports a missing field; the document generator takes every constructor parameter for
/// required. A field is required when every example body of its type (<c>Features/RequestExamples.cs</c>), with
/// that field taken out, is refused by the validator naming it. A field needed only in some cases (a retraction's
/// reason, an article's text or structured fields) has an example body without it, so it is not required; its
/// description says when it is needed. Fields of nested objects (a claim's evidence) are named by their JSON path,
/// as the validators name them (<c>evidence[0].statement</c>).
/// </summary>
public static class RequiredFields
{
    /// <summary>The required fields of each request type the examples reach (nested ones too), in declaration order.</summary>
    /// <exception cref="InvalidOperationException">An example body is not valid.</exception>
    public static async Task<IReadOnlyDictionary<Type, IReadOnlyList<string>>> DeriveAsync(
        IServiceProvider services, JsonSerializerOptions json, IReadOnlyDictionary<Type, IReadOnlyList<object>> examples, CancellationToken ct)
    {
        // Per type and field: whether every example so far was refused without it.
        var needed = new Dictionary<Type, Dictionary<string, bool>>();
        await using var scope = services.CreateAsyncScope();
        foreach (var (type, bodies) in examples)
        {
            var validator = (IValidator)scope.ServiceProvider.GetRequiredService(typeof(IValidator<>).MakeGenericType(type));
            var check = new Check(validator, type, json, ct);
            foreach (var body in bodies)
            {
                var root = Body(body, type, json);
                if (await check.ErrorsAsync(root) is { Count: > 0 } errors)
                {
                    throw new InvalidOperationException(
                        $"The example {type.Name} {root.ToJsonString()} is refused by its validator ({string.Join(", ", errors)}); fix it in RequestExamples.");
                }

                await VisitAsync(check, root, root, type, "", needed);
            }
        }

        return needed.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value.Where(f => f.Value).Select(f => f.Key)]);
    }

    /// <summary>An example body as JSON, without its null fields: a body shows what a client sends.</summary>
    public static JsonObject Body(object body, Type type, JsonSerializerOptions json)
    {
        var node = JsonSerializer.SerializeToNode(body, type, json)!.AsObject();
        WithoutNulls(node);
        return node;
    }

    private static async Task VisitAsync(Check check, JsonObject root, JsonObject node, Type type, string path, Dictionary<Type, Dictionary<string, bool>> needed)
    {
        if (!needed.TryGetValue(type, out var fields))
        {
            needed[type] = fields = [];
        }

        foreach (var property in check.Json.GetTypeInfo(type).Properties)
        {
            var name = property.Name;
            if (node[name] is not { } value)
            {
                fields[name] = false; // a valid body without it
                continue;
            }

            node.Remove(name);
            var refused = (await check.ErrorsAsync(root)).Contains(path + name);
            node[name] = value;
            fields[name] = fields.GetValueOrDefault(name, true) && refused;

            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (value is JsonObject child)
            {
                await VisitAsync(check, root, child, valueType, $"{path}{name}.", needed);
            }
            else if (value is JsonArray items && check.Json.GetTypeInfo(valueType).ElementType is { } itemType)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        await VisitAsync(check, root, item, itemType, $"{path}{name}[{i}].", needed);
                    }
                }
            }
        }
    }

    private static void WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject fields)
        {
            foreach (var name in fields.Where(f => f.Value is null).Select(f => f.Key).ToList())
            {
                fields.Remove(name);
            }

            foreach (var (_, value) in fields)
            {
                WithoutNulls(value);
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items)
            {
                WithoutNulls(item);
            }
        }
    }

    /// <summary>Runs a type's validator on a JSON body, read as the API reads it.</summary>
    internal sealed record Check(IValidator Validator, Type Type, JsonSerializerOptions Json, CancellationToken Cancellation)
    {
        /// <summary>The fields (JSON paths) the validator names.</summary>
        public async Task<HashSet<string>> ErrorsAsync(JsonObject body)
        {
            var instance = body.Deserialize(Type, Json) ?? throw new InvalidOperationException($"{Type.Name}: the body reads as null.");
            var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(Type), instance)!;
            var result = await Validator.ValidateAsync(context, Cancellation);
            return [.. result.Errors.Select(e => e.PropertyName)];
        }
    }
}
