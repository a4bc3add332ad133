using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaimsApi.Ceiling;

/// <summary>
/// How the API writes JSON, restated for Utf8JsonWriter. The API's System.Text.Json options (ASP.NET Core's
/// Microsoft.AspNetCore.Http.Json.JsonOptions, plus src/ClaimsApi/Http/HttpServices.cs) write compact JSON, camelCase
/// names in the records' order, null values rather than leaving them out, enums as kebab-case strings, DateOnly as
/// YYYY-MM-DD, and strings escaped by JavaScriptEncoder.UnsafeRelaxedJsonEscaping, which ASP.NET Core chooses for
/// response bodies (not the serializer's own default, which would escape every non-ASCII character and &amp;).
/// </summary>
internal static class Wire
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The API's encoder; no validation: the writers are fixed code, checked byte for byte against the API by the tests.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly ConcurrentDictionary<string, JsonEncodedText> EnumNames = new(StringComparer.Ordinal);

    /// <summary>
    /// An enum as the API writes it: the database stores the member's name (EF Core's string conversion, "MostlyTrue"),
    /// and the API's JsonStringEnumConverter writes it with JsonNamingPolicy.KebabCaseLower ("mostly-true").
    /// </summary>
    public static void WriteEnum(this Utf8JsonWriter json, JsonEncodedText property, string? stored) =>
        json.WriteString(property, EnumNames.GetOrAdd(stored!, static name => JsonEncodedText.Encode(JsonNamingPolicy.KebabCaseLower.ConvertName(name))));

    /// <summary>An EntityRef (id, name, kind) from the next three text columns; see the other overload.</summary>
    public static void WriteRef(this Utf8JsonWriter json, JsonEncodedText? property, ref Columns row) =>
        json.WriteRef(property, row.Text(), row.Text(), row.Text());

    /// <summary>An EntityRef, or null when <paramref name="id"/> is null; as a property, or as an array item when <paramref name="property"/> is null.</summary>
    public static void WriteRef(this Utf8JsonWriter json, JsonEncodedText? property, string? id, string? name, string? kind)
    {
        if (id is null)
        {
            if (property is { } nullProperty)
            {
                json.WriteNull(nullProperty);
            }
            else
            {
                json.WriteNullValue();
            }

            return;
        }

        if (property is { } objectProperty)
        {
            json.WriteStartObject(objectProperty);
        }
        else
        {
            json.WriteStartObject();
        }

        json.WriteString(Names.Id, id);
        json.WriteString(Names.Name, name);
        json.WriteEnum(Names.Kind, kind);
        json.WriteEndObject();
    }

    /// <summary>A Span: {"start":…,"end":…}.</summary>
    public static void WriteSpan(this Utf8JsonWriter json, JsonEncodedText property, int start, int end)
    {
        json.WriteStartObject(property);
        json.WriteNumber(Names.Start, start);
        json.WriteNumber(Names.End, end);
        json.WriteEndObject();
    }

    /// <summary>The property names of the API's response records (camelCase of their parameters).</summary>
    public static class Names
    {
        public static readonly JsonEncodedText Aliases = JsonEncodedText.Encode("aliases");
        public static readonly JsonEncodedText Artifact = JsonEncodedText.Encode("artifact");
        public static readonly JsonEncodedText ArticleId = JsonEncodedText.Encode("articleId");
        public static readonly JsonEncodedText Claimant = JsonEncodedText.Encode("claimant");
        public static readonly JsonEncodedText ClaimedOn = JsonEncodedText.Encode("claimedOn");
        public static readonly JsonEncodedText ClaimId = JsonEncodedText.Encode("claimId");
        public static readonly JsonEncodedText ClaimIds = JsonEncodedText.Encode("claimIds");
        public static readonly JsonEncodedText Claims = JsonEncodedText.Encode("claims");
        public static readonly JsonEncodedText ClaimText = JsonEncodedText.Encode("claimText");
        public static readonly JsonEncodedText ContentSha256 = JsonEncodedText.Encode("contentSha256");
        public static readonly JsonEncodedText Cue = JsonEncodedText.Encode("cue");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
        public static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
        public static readonly JsonEncodedText Entity = JsonEncodedText.Encode("entity");
        public static readonly JsonEncodedText Evidence = JsonEncodedText.Encode("evidence");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
        public static readonly JsonEncodedText Lead = JsonEncodedText.Encode("lead");
        public static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
        public static readonly JsonEncodedText Links = JsonEncodedText.Encode("links");
        public static readonly JsonEncodedText Mentions = JsonEncodedText.Encode("mentions");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Next = JsonEncodedText.Encode("next");
        public static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");
        public static readonly JsonEncodedText Object = JsonEncodedText.Encode("object");
        public static readonly JsonEncodedText Paragraphs = JsonEncodedText.Encode("paragraphs");
        public static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parentId");
        public static readonly JsonEncodedText PartOf = JsonEncodedText.Encode("partOf");
        public static readonly JsonEncodedText Predicate = JsonEncodedText.Encode("predicate");
        public static readonly JsonEncodedText PublishedOn = JsonEncodedText.Encode("publishedOn");
        public static readonly JsonEncodedText PublishedOnPrecision = JsonEncodedText.Encode("publishedOnPrecision");
        public static readonly JsonEncodedText Publisher = JsonEncodedText.Encode("publisher");
        public static readonly JsonEncodedText Qualifiers = JsonEncodedText.Encode("qualifiers");
        public static readonly JsonEncodedText Rating = JsonEncodedText.Encode("rating");
        public static readonly JsonEncodedText RatingText = JsonEncodedText.Encode("ratingText");
        public static readonly JsonEncodedText RetractionReason = JsonEncodedText.Encode("retractionReason");
        public static readonly JsonEncodedText ReviewedOn = JsonEncodedText.Encode("reviewedOn");
        public static readonly JsonEncodedText ReviewerName = JsonEncodedText.Encode("reviewerName");
        public static readonly JsonEncodedText ReviewerUrl = JsonEncodedText.Encode("reviewerUrl");
        public static readonly JsonEncodedText Reviews = JsonEncodedText.Encode("reviews");
        public static readonly JsonEncodedText Revision = JsonEncodedText.Encode("revision");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText SeedFile = JsonEncodedText.Encode("seedFile");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText SourceUrl = JsonEncodedText.Encode("sourceUrl");
        public static readonly JsonEncodedText Span = JsonEncodedText.Encode("span");
        public static readonly JsonEncodedText Speaker = JsonEncodedText.Encode("speaker");
        public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        public static readonly JsonEncodedText StatementId = JsonEncodedText.Encode("statementId");
        public static readonly JsonEncodedText StatementKind = JsonEncodedText.Encode("statementKind");
        public static readonly JsonEncodedText Statements = JsonEncodedText.Encode("statements");
        public static readonly JsonEncodedText StatementSpan = JsonEncodedText.Encode("statementSpan");
        public static readonly JsonEncodedText StatementText = JsonEncodedText.Encode("statementText");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText WikidataId = JsonEncodedText.Encode("wikidataId");
        public static readonly JsonEncodedText Workflow = JsonEncodedText.Encode("workflow");
    }
}
