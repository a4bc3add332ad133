namespace ClaimsApi.Http;

/// <summary>
/// The schema a string-bound query parameter really has, for the OpenAPI document (see <see cref="QueryValues"/>
/// for why such parameters bind as strings). Its limits (length, pattern, range) are not here: they are read from
/// the validator that checks it (<see cref="FieldLimits"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterSchemaAttribute : Attribute
{
    /// <summary>"integer" or "string".</summary>
    public string Type { get; init; } = "string";
    public string? Format { get; init; }
    public string? Default { get; init; }

    /// <summary>An enum whose wire names are the allowed values.</summary>
    public Type? Enum { get; init; }

    /// <summary>An example value shown in the document and pre-filled in Swagger UI.</summary>
    public string? Example { get; init; }

    /// <summary>Allowed values, when they are not an enum's.</summary>
    public string[]? Values { get; init; }
}
