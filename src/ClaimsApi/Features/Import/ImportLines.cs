using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClaimsApi.Domain;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Import;

/// <summary>A line of an import, read: its kind and record, or why it cannot be imported.</summary>
internal sealed class ImportLine(int number)
{
    public int Number { get; } = number;

    public ImportKind? Kind { get; set; }

    /// <summary>The id the line gives, once it could be read (also when the line is rejected later).</summary>
    public string? Id { get; set; }

    public ImportRecord? Record { get; set; }

    public List<RejectedLine> Rejections { get; } = [];

    public bool Rejected => Rejections.Count > 0;

    public void Reject(string? field, string reason) => Rejections.Add(new RejectedLine(Number, Kind?.Resource.Name, Id, field, reason));

    /// <summary>Rejects the line for every field a problem (400 or 422, or another with only its detail) names.</summary>
    public void Reject(IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Reject(field.Length == 0 ? null : field, message);
            }
        }
    }
}

/// <summary>The fields a problem names, as a rejected line reports them.</summary>
internal static class ImportProblems
{
    /// <summary>The fields and messages of a 400 or 422 (its <c>errors</c>), or the detail alone (field "") of any other.</summary>
    public static IDictionary<string, string[]> Fields(IResult problem) => problem switch
    {
        ValidationProblem validation => validation.ProblemDetails.Errors,
        ProblemHttpResult { ProblemDetails: var details } => Fields(details),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.GetType().Name, "Not a problem."),
    };

    public static IDictionary<string, string[]> Fields(ProblemDetails details) =>
        details.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> byField
            ? byField
            : new Dictionary<string, string[]> { [""] = [details.Detail ?? details.Title ?? "The line was refused."] };
}

/// <summary>
/// Reads an import line: one JSON object with a <c>type</c> (article, entity, statement, claim, review) and the
/// fields of that type's write body (a review also its <c>claimId</c>), read by the write API's JSON options
/// (unknown fields refused) and checked by its validator. Every way a line can be wrong makes it rejected, with its
/// field and reason; none throws.
/// </summary>
internal sealed partial class ImportLines
{
    private static readonly string Types = string.Join(", ", ImportKind.ByType.Keys);

    private readonly JsonSerializerOptions _options;
    private readonly IServiceProvider _services;

    /// <param name="api">The write API's JSON options.</param>
    /// <param name="services">Where the validators come from.</param>
    public ImportLines(JsonSerializerOptions api, IServiceProvider services)
    {
        // The bodies as the write API reads them, except that a line also holds its type (and a review its claim),
        // which the body does not have: those two are read here and passed over by the body's contract.
        _options = new JsonSerializerOptions(api)
        {
            TypeInfoResolver = (api.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(PassOverLineFields),
        };
        _services = services;
    }

    public ImportLine Read(RawLine raw)
    {
        var line = new ImportLine(raw.Number);
        if (raw.Bytes is not { } bytes)
        {
            line.Reject(null, string.Create(CultureInfo.InvariantCulture, $"The line is longer than {ImportOptions.MaxLineBytes:N0} bytes, the most a line may be."));
            return line;
        }

        string? type, claimId;
        try
        {
            (type, claimId, line.Id) = Scan(bytes);
        }
        catch (JsonException e)
        {
            // The reader counts lines and bytes from 0 within what it was given, which here is the line.
            line.Reject(null, $"The line is not valid JSON: {JsonPosition().Replace(e.Message, m => $"(at byte {long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1} of the line)")}");
            return line;
        }
        catch (InvalidOperationException)
        {
            line.Reject(null, $"A line must be one JSON object with a 'type' ({Types}) and the fields of that type's write body.");
            return line;
        }

        if (type is null || !ImportKind.ByType.TryGetValue(type, out var kind))
        {
            line.Reject("type", type is null
                ? $"'type' is required: one of {Types}."
                : $"'{(type.Length > 40 ? type[..40] + "…" : type)}' is not a type of record; 'type' must be one of {Types}.");
            return line;
        }

        line.Kind = kind;
        object? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes, kind.Body, _options);
        }
        catch (JsonException e)
        {
            line.Reject(ImportProblems.Fields(BadRequestExceptionHandler.Describe(StatusCodes.Status400BadRequest, e.Message, e)));
            return line;
        }

        if (kind.HasClaim && (claimId is null || !Ids.IsValid(claimId)))
        {
            line.Reject("claimId", $"'claimId' is required: the id of the claim reviewed (lower-case letters, digits and '-', at most {Ids.MaxLength} characters).");
        }

        var (record, errors) = kind.Prepare(body!, claimId, _services);
        if (errors is not null)
        {
            line.Reject(errors);
        }

        if (record is not null && !line.Rejected)
        {
            line.Id = record.Id;
            line.Record = record;
        }

        return line;
    }

    /// <summary>The line's type, claim and id, read from its top level; throws for malformed JSON or a line that is not an object.</summary>
    private static (string? Type, string? ClaimId, string? Id) Scan(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException("Not an object.");
        }

        string? type = null, claimId = null, id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                switch (name)
                {
                    case "type":
                        type = reader.GetString();
                        break;
                    case "claimId":
                        claimId = reader.GetString();
                        break;
                    case "id":
                        id = reader.GetString();
                        break;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("A line holds one JSON object, and nothing after it.");
        }

        return (type, claimId, id);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"LineNumber: \d+ \| BytePositionInLine: (\d+)\.")]
    private static partial System.Text.RegularExpressions.Regex JsonPosition();

    private static void PassOverLineFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !ImportKind.ByType.Values.Any(k => k.Body == info.Type))
        {
            return;
        }

        foreach (var name in info.Type == typeof(ReviewWrite) ? ["type", "claimId"] : new[] { "type" })
        {
            var property = info.CreateJsonPropertyInfo(typeof(JsonElement), name);
            property.Set = static (_, _) => { };
            info.Properties.Add(property);
        }
    }
}
