using System.Reflection;
using System.Text.Json.Nodes;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClaimsApi.Http;

/// <summary>Shapes the generated OpenAPI document where the defaults fall short.</summary>
public static class OpenApiTransformers
{
    /// <param name="options">The document's options.</param>
    /// <param name="examples">An example value of each schema type that has one (the features' response records).</param>
    /// <param name="requestExamples">Valid bodies of each request type, from which its required fields are derived (<see cref="RequiredFields"/>).</param>
    public static OpenApiOptions AddClaimsApiTransformers(
        this OpenApiOptions options, IReadOnlyDictionary<Type, object> examples, IReadOnlyDictionary<Type, IReadOnlyList<object>> requestExamples)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ClaimsApi",
                Version = "v1",
                Description = "A curated knowledge base of news claims: articles exactly as published, who said what in them " +
                    "(attributed statements with exact character spans), the claimed facts those statements assert, and the " +
                    "named entities involved. Spans count Unicode code points of the article text. Errors are RFC 9457 problem documents. " +
                    "The limits stated on request fields are the validators' own; text lengths (minLength, maxLength) count UTF-16 code units, " +
                    "so a character beyond U+FFFF (most emoji) counts twice and such text may be refused below its maxLength.",
                Contact = new OpenApiContact { Name = "ClaimsApi maintainers", Url = new Uri("https://github.com/claimsapi/claimsapi") },
                License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            };

            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "Articles", Description = "News articles exactly as published, with paragraphs, statements and claims." },
                new() { Name = "Statements", Description = "Attributed statements: who said what, and the exact characters of the article that say it." },
                new() { Name = "Claims", Description = "Claimed facts with their claimant, evidence statements, mentioned entities and links to other claims." },
                new() { Name = "Entities", Description = "People, organisations, states, places, treaties … with every alias they go by." },
                new() { Name = "Search", Description = "Full-text search across claims, statements and articles, entity-aware, with facets." },
                new() { Name = "Keys", Description = "API keys (admins): create, list, revoke. The keys command of the app does the same." },
                new() { Name = "Reviews", Description = "Fact-checkers' reviews of claims (schema.org ClaimReview): reviewer, verdict in their words and a normalised rating." },
                new() { Name = "Import", Description = "Articles, entities, statements, claims and reviews in bulk, as NDJSON, checked as the write API checks them." },
            };

            // Writes need an API key (docs/api-guide.md#access): as a bearer token or in the X-Api-Key header.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (ck_…) as a bearer token: Authorization: Bearer <key>.",
            };
            document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Auth.ApiKeyAuthenticationHandler.HeaderName,
                Description = "The same API key in the X-Api-Key header.",
            };

            // Kestrel's address is not a useful server for the committed document (and a trailing slash breaks linters).
            document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];

            // Types written without their nulls, and JSON-LD documents: once every schema is made.
            OpenApiRepresentationSchemas.Describe(document);

            return Task.CompletedTask;
        });

        HashSet<Type>? requestTypes = null;
        IReadOnlyDictionary<Type, IReadOnlyList<string>>? required = null;
        IReadOnlyDictionary<Type, ILookup<string, FieldLimit>>? bodyLimits = null;
        async Task<IReadOnlyDictionary<Type, ILookup<string, FieldLimit>>> BodyLimitsAsync(IServiceProvider services, CancellationToken ct) =>
            bodyLimits ??= await FieldLimits.DeriveAsync(
                services, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, requestExamples, ct);

        options.AddSchemaTransformer(async (schema, context, ct) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            requestTypes ??= RequestTypes(context.ApplicationServices, requestExamples.Keys);
            required ??= await RequiredFields.DeriveAsync(context.ApplicationServices, context.JsonTypeInfo.Options, requestExamples, ct);
            if (context.JsonPropertyInfo is { AttributeProvider: PropertyInfo property } field &&
                (await BodyLimitsAsync(context.ApplicationServices, ct)).TryGetValue(field.DeclaringType, out var fieldLimits))
            {
                // What the validators enforce on a request field (decision 0028).
                FieldLimits.Apply(schema, fieldLimits[property.Name], $"{field.DeclaringType.Name}.{field.Name}");
            }

            if (requestTypes.Contains(type) && schema.Properties is { Count: > 0 })
            {
                // Closed, as the JSON options read every body; required: what the validators cannot do without.
                schema.AdditionalPropertiesAllowed = false;
                schema.Required = required.TryGetValue(type, out var names)
                    ? (names.Count == 0 ? null : new HashSet<string>(names, StringComparer.Ordinal))
                    : throw new InvalidOperationException(
                        $"{type.Name} is (part of) a request body that no example in RequestExamples reaches: add one, so that its required fields can be derived.");
            }
            else if (schema.AdditionalPropertiesAllowed == false)
            {
                schema.AdditionalPropertiesAllowed = true;
            }

            if (type == typeof(System.Text.Json.JsonElement))
            {
                // A record as JSON (a history revision's before and after). Left as {} it also matches null, so the
                // "oneOf: [null, record]" of a nullable one is broken by every null (Prism reports it).
                schema.Type = JsonSchemaType.Object;
            }

            if (type.IsEnum && schema.Enum is { Count: > 0 })
            {
                schema.Type = JsonSchemaType.String;
            }

            if (context.JsonPropertyInfo is null && examples.TryGetValue(type, out var value) &&
                System.Text.Json.JsonSerializer.SerializeToNode(value, type, context.JsonTypeInfo.Options) is { } example)
            {
                schema.Examples = [example];
            }
            else if (context.JsonPropertyInfo is null && requestExamples.TryGetValue(type, out var bodies))
            {
                schema.Examples = [.. bodies.Select(b => (JsonNode)RequiredFields.Body(b, type, context.JsonTypeInfo.Options))];
            }
        });

        var queryLimits = new Dictionary<Type, ILookup<string, FieldLimit>>();
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            OpenApiOperations.DescribeAccess(operation, context);

            var collection = context.Description.RelativePath?.Split('/') is [_, var segment, ..] ? segment : null;
            if (collection is not null && PathIdExamples.TryGetValue(collection, out var id) &&
                operation.Parameters?.FirstOrDefault(p => p.Name == "id") is OpenApiParameter idParameter)
            {
                idParameter.Description = $"The {id.Resource}'s id.";
                idParameter.Example = JsonValue.Create(id.Example);
                idParameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Ids.MaxLength };
            }

            var validated = context.Description.ActionDescriptor.EndpointMetadata.OfType<ValidatedBy>().Select(v => v.Type).ToList();
            foreach (var description in context.Description.ParameterDescriptions)
            {
                var parameterInfo = (description.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo;
                var location = description.Source.Id == "Path" ? ParameterLocation.Path : ParameterLocation.Query;
                if (operation.Parameters?.FirstOrDefault(p => p.Name == description.Name && p.In == location) is not OpenApiParameter parameter)
                {
                    continue;
                }

                if (parameterInfo?.GetCustomAttribute<ParameterSchemaAttribute>() is { } attribute)
                {
                    parameter.Schema = SchemaFor(attribute);
                    if (attribute.Example is { } example)
                    {
                        parameter.Example = JsonValue.Create(example);
                    }
                }

                // A property of an [AsParameters] record: the limits its validator enforces on it (decision 0028).
                if (location == ParameterLocation.Query && parameterInfo?.Member is PropertyInfo property && parameter.Schema is { } schema)
                {
                    var limits = new List<FieldLimit>();
                    foreach (var type in validated)
                    {
                        limits.AddRange((await QueryLimitsAsync(type, context.ApplicationServices, ct))[property.Name]);
                    }

                    if (limits.Count > 0)
                    {
                        var limited = (OpenApiSchema)schema.CreateShallowCopy(); // the generator's may be shared
                        FieldLimits.Apply(limited, limits, description.Name);
                        parameter.Schema = limited;
                    }
                }
            }

            // Never expected, but possible (the database may be down): say what it looks like.
            operation.Responses ??= [];
            operation.Responses.TryAdd("500", new OpenApiResponse
            {
                Description = "Internal Server Error: an RFC 9457 problem document with a trace id.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                },
            });

            // Any operation refuses a query parameter it does not take, or one given twice (Http/QueryParameters.cs).
            operation.Responses.TryAdd("400", new OpenApiResponse
            {
                Description = "Bad Request",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("HttpValidationProblemDetails", context.Document) },
                },
            });

            // Any client may exceed its allowance (Http/RateLimits.cs), unless the operation is exempt.
            if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>().Any())
            {
                var exports = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()
                    .Any(a => a.PolicyName == RateLimits.ExportPolicy);
                operation.Responses.TryAdd("429", new OpenApiResponse
                {
                    Description = exports
                        ? "Too Many Requests: this API key, or this client address without one, has sent more than its allowance, or is running as many exports as it may at once; an RFC 9457 problem document."
                        : "Too Many Requests: this API key, or this client address without one, has sent more than its allowance; an RFC 9457 problem document.",
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = new OpenApiHeader
                        {
                            Description = "Seconds to wait before the next request.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        },
                    },
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                    },
                });
            }

            OpenApiOperations.DescribeConditionalRequests(operation);
            OpenApiOperations.DescribeAlternateRepresentation(operation, context);

            // By status code, whatever order the endpoint declared them in: a stable, readable document and diff.
            var sorted = new OpenApiResponses();
            foreach (var (status, response) in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                sorted[status] = response;
            }

            operation.Responses = sorted;
        });

        return options;

        // The limits on the query parameters an endpoint's validator checks: a body type's (its text/plain article
        // metadata), as derived for the body; a query record's, its unconditional ones.
        async Task<ILookup<string, FieldLimit>> QueryLimitsAsync(Type type, IServiceProvider services, CancellationToken ct)
        {
            if ((await BodyLimitsAsync(services, ct)).TryGetValue(type, out var ofBody))
            {
                return ofBody;
            }

            if (!queryLimits.TryGetValue(type, out var limits))
            {
                await using var scope = services.CreateAsyncScope();
                var validator = (FluentValidation.IValidator)scope.ServiceProvider.GetRequiredService(typeof(FluentValidation.IValidator<>).MakeGenericType(type));
                queryLimits[type] = limits = FieldLimits.Of(validator, type);
            }

            return limits;
        }
    }

    /// <summary>
    /// Unknown fields are rejected in request bodies (the JSON options disallow unmapped members, which the
    /// generator turns into <c>additionalProperties: false</c> on every schema). Responses must stay open: problem
    /// documents carry extensions (<c>traceId</c>, <c>errors</c>), and a client must not break when a field is added.
    /// The request types are those the endpoints accept (and the article's JSON body, which its handler reads itself:
    /// every type with example bodies), and the types of their properties, transitively.
    /// </summary>
    private static HashSet<Type> RequestTypes(IServiceProvider services, IEnumerable<Type> bodies)
    {
        var types = new HashSet<Type>();
        var pending = new Stack<Type>(services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>())
            .Select(a => a.RequestType).OfType<Type>().Concat(bodies));
        while (pending.TryPop(out var type))
        {
            if (type.Namespace?.StartsWith("ClaimsApi", StringComparison.Ordinal) != true || !types.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties())
            {
                var propertyType = property.PropertyType;
                pending.Push(propertyType.IsGenericType ? propertyType.GetGenericArguments()[0] : propertyType);
            }
        }

        return types;
    }

    private const string BearerScheme = OpenApiOperations.BearerScheme;
    private const string HeaderScheme = OpenApiOperations.HeaderScheme;

    /// <summary>The resource and an example id of the <c>{id}</c> in paths under each collection.</summary>
    private static readonly Dictionary<string, (string Resource, string Example)> PathIdExamples = new(StringComparer.Ordinal)
    {
        ["articles"] = ("article", "9c422c9df4965fec"),
        ["statements"] = ("statement", "p3-noted-treaty"),
        ["claims"] = ("claim", "dprk-troops-fought-in-kursk"),
        ["entities"] = ("entity", "dprk"),
    };

    private static OpenApiSchema SchemaFor(ParameterSchemaAttribute attribute)
    {
        var schema = new OpenApiSchema
        {
            Type = attribute.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String,
            Format = attribute.Type == "integer" ? attribute.Format ?? "int32" : attribute.Format,
        };

        if (attribute.Default is { } value)
        {
            schema.Default = attribute.Type == "integer" ? JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        }

        if (attribute.Example is { } example)
        {
            schema.Examples = [JsonValue.Create(example)];
        }

        var values = attribute.Values ?? (attribute.Enum is { } enumType ? EnumWireNames(enumType) : null);
        if (values is not null)
        {
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        return schema;
    }

    private static string[] EnumWireNames(Type enumType) =>
        [.. Enum.GetNames(enumType).Select(EnumNames.Policy.ConvertName)];
}
