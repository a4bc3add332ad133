using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ClaimsApi.Http;

/// <summary>
/// Schemas of representations the generator cannot describe from their types alone: records written without their
/// null properties (<see cref="OmitsNullPropertiesAttribute"/>) and JSON-LD documents (<see cref="JsonLdGraphAttribute"/>).
/// Run once every schema of the document is made: a nullable reference is only then the oneOf of null and the
/// reference, and a graph's nodes are made through the record's properties.
/// </summary>
internal static class OpenApiRepresentationSchemas
{
    public static void Describe(OpenApiDocument document)
    {
        foreach (var omitting in typeof(OpenApiRepresentationSchemas).Assembly.GetTypes().Where(t => t.IsDefined(typeof(OmitsNullPropertiesAttribute), inherit: false)))
        {
            if (document.Components?.Schemas?.TryGetValue(omitting.Name, out var found) == true && found is OpenApiSchema schema)
            {
                DescribeOmittedNulls(schema, omitting, _ => true);
            }
        }

        // A property written only when it is not null ([JsonIgnore(Condition = WhenWritingNull)]), such as a proposal's provenance.
        foreach (var type in typeof(OpenApiRepresentationSchemas).Assembly.GetTypes().Where(t => !t.IsDefined(typeof(OmitsNullPropertiesAttribute), inherit: false)))
        {
            var omitted = type.GetProperties()
                .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>()?.Condition == System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)
                .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))
                .ToHashSet(StringComparer.Ordinal);
            if (omitted.Count > 0 && document.Components?.Schemas?.TryGetValue(type.Name, out var found) == true && found is OpenApiSchema schema)
            {
                DescribeOmittedNulls(schema, type, omitted.Contains);
            }
        }

        foreach (var graph in typeof(OpenApiRepresentationSchemas).Assembly.GetTypes().Where(t => t.IsDefined(typeof(JsonLdGraphAttribute), inherit: false)))
        {
            if (document.Components?.Schemas?.TryGetValue(graph.Name, out var found) == true && found is OpenApiSchema schema)
            {
                DescribeGraph(schema, graph.GetCustomAttributes(typeof(JsonLdGraphAttribute), inherit: false).Cast<JsonLdGraphAttribute>().Single().Nodes, document);
            }
        }
    }

    /// <summary>
    /// A type written without its null properties (<see cref="OmitsNullPropertiesAttribute"/>), or without those
    /// <paramref name="omits"/> names: such a nullable property is optional and, when present, not null; a read-only
    /// <c>@type</c> is required, with its value as the one allowed.
    /// </summary>
    private static void DescribeOmittedNulls(OpenApiSchema schema, Type type, Func<string, bool> omits)
    {
        var required = new List<string>(schema.Required ?? new HashSet<string>());
        foreach (var (name, property) in schema.Properties?.ToList() ?? [])
        {
            if (!omits(name))
            {
                continue;
            }

            if (property is OpenApiSchema { OneOf: [{ Type: JsonSchemaType.Null }, { } reference] })
            {
                schema.Properties![name] = reference; // a nullable reference: the reference (with the property's description)
                required.Remove(name);
            }
            else if (property is OpenApiSchema { Type: { } types } plain && types.HasFlag(JsonSchemaType.Null))
            {
                plain.Type = types & ~JsonSchemaType.Null;
                required.Remove(name);
            }
        }

        // A constant @type: a read-only property (an expression), the same for every instance.
        var typeProperty = type.GetProperties().FirstOrDefault(p =>
            p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name == "@type" && !p.CanWrite);
        if (typeProperty is not null && schema.Properties?.TryGetValue("@type", out var typeSchema) == true && typeSchema is OpenApiSchema constant
            && typeProperty.GetValue(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)) is string typeName)
        {
            constant.Type = JsonSchemaType.String;
            constant.Enum = [JsonValue.Create(typeName)];
            required.Remove("@type");
            required.Insert(0, "@type");
        }

        schema.Required = required.Count == 0 ? null : new HashSet<string>(required, StringComparer.Ordinal);
    }

    /// <summary>
    /// A JSON-LD document (<see cref="JsonLdGraphAttribute"/>): <c>@context</c>, and <c>@graph</c>, an array of the nodes
    /// the record's other properties hold (a node, or a list of them), each item any of their types.
    /// </summary>
    private static void DescribeGraph(OpenApiSchema schema, string description, OpenApiDocument document)
    {
        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        var nodes = properties.Where(p => p.Key != "@context")
            .Select(p => p.Value is OpenApiSchema { Items: { } items } ? items : p.Value)
            .Select(n => n is OpenApiSchemaReference reference ? new OpenApiSchemaReference(reference.Reference.Id!, document) : n)
            .ToList<IOpenApiSchema>();
        schema.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["@context"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("https://schema.org")],
                Description = "The vocabulary: schema.org.",
            },
            ["@graph"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MinItems = 1,
                Description = description,
                Items = new OpenApiSchema { AnyOf = nodes },
            },
        };
        schema.Required = new HashSet<string>(["@context", "@graph"], StringComparer.Ordinal);
    }
}
