using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ClaimsApi.Ceiling;

/// <summary>
/// The API's cursor (src/ClaimsApi/Http/Paging.cs): the sort, the sort key and the id of the last item of a page, as
/// base64url of compact JSON written by a source-generated context with default options, so <c>{"s":…,"k":…,"i":…}</c>
/// with a null key written as null.
/// </summary>
internal sealed record Cursor(
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("k")] string? Key,
    [property: JsonPropertyName("i")] string Id)
{
    /// <summary>The sort of claim lists (the API's default, the only one the ceiling serves): newest first.</summary>
    public const string NewestFirst = "-claimedOn";

    /// <summary>The sort of statement lists.</summary>
    public const string ById = "id";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, CursorJson.Default.Cursor));

    /// <summary>The cursor of a page of this <paramref name="sort"/>; false for anything else (the API's 400).</summary>
    public static bool TryDecode(string value, string sort, out Cursor? cursor)
    {
        cursor = null;
        if (value.Length > 1024 || !Base64Url.IsValid(value))
        {
            return false;
        }

        try
        {
            cursor = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(value), CursorJson.Default.Cursor);
        }
        catch (JsonException)
        {
            return false;
        }

        return cursor is not null && cursor.Sort == sort && PageRequest.IsId(cursor.Id)
            && (sort == ById ? cursor.Key is null : DateOnly.TryParseExact(cursor.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }
}

[JsonSerializable(typeof(Cursor))]
internal sealed partial class CursorJson : JsonSerializerContext;

/// <summary>
/// The query of a list request: the parameters a list takes (any other, or one given twice, is a 400 as in the API),
/// the page size and the cursor.
/// </summary>
internal sealed partial class PageRequest
{
    private PageRequest(HttpContext http, int limit, Cursor? cursor)
    {
        Http = http;
        Limit = limit;
        After = cursor;
    }

    public HttpContext Http { get; }

    public int Limit { get; }

    public Cursor? After { get; }

    /// <summary>The list request, or null (a 400) when its query is not one the API would accept.</summary>
    /// <param name="http">The request.</param>
    /// <param name="sort">The list's sort, which its cursors carry.</param>
    /// <param name="filters">The filters this list takes besides limit and cursor.</param>
    public static PageRequest? Read(HttpContext http, string sort, params string[] filters)
    {
        var query = http.Request.Query;
        var limit = 20;
        Cursor? cursor = null;
        foreach (var (key, values) in query)
        {
            if (values.Count != 1)
            {
                return null;
            }

            var value = values[0]!;
            switch (key)
            {
                case "limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100:
                    break;
                case "cursor" when Cursor.TryDecode(value, sort, out cursor):
                    break;
                default:
                    if (!filters.Contains(key, StringComparer.Ordinal))
                    {
                        return null;
                    }

                    break;
            }
        }

        return new PageRequest(http, limit, cursor);
    }

    /// <summary>A filter that must be an id, or null when it is missing or is not one.</summary>
    public string? Id(string name) => Http.Request.Query[name] is [{ } id] && IsId(id) ? id : null;

    /// <summary>The id form of src/ClaimsApi/Domain/Ids.cs.</summary>
    public static bool IsId(string? id) => id is not null && IdForm().IsMatch(id);

    /// <summary>
    /// The next page's link, built as the API builds it: this request's path and query (less its cursor, in the order
    /// given) with the new cursor last, each value encoded again by QueryString.Create.
    /// </summary>
    public string NextLink(string cursor)
    {
        var request = Http.Request;
        var query = QueryString.Create(request.Query
            .Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("cursor", (string?)cursor)));
        return request.PathBase + request.Path + query;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,79}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdForm();
}
