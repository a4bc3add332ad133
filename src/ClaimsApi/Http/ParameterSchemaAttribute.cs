namespace ClaimsApi.Http;

/// <summary>
/// The schema a string-bound query parameter really has, for the OpenAPI document (see <see cref="QueryValues"/>
/// for why such parameters bind as strings).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterSchemaAttribute : Attribute
{
    /// <summary>"integer" or "string".</summary>
    public string Type { get; init; } = "string";
    public string? Format { get; init; }
    public int Minimum { get; init; } = int.MinValue;
    public int Maximum { get; init; } = int.MaxValue;
    public string? Default { get; init; }
    public string? Pattern { get; init; }

    /// <summary>The longest value accepted, when it is not an id's (0: 1024 for free text).</summary>
    public int MaxLength { get; init; }

    /// <summary>An enum whose wire names are the allowed values.</summary>
    public Type? Enum { get; init; }

    /// <summary>An example value shown in the document and pre-filled in Swagger UI.</summary>
    public string? Example { get; init; }

    /// <summary>Allowed values, when they are not an enum's.</summary>
    public string[]? Values { get; init; }
}
