using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimsApi.Http;

/// <summary>A page of a list. Follow <see cref="Next"/> (also sent as a <c>Link: rel="next"</c> header) until it is null.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="Limit">The page size that was applied.</param>
/// <param name="NextCursor">The opaque cursor of the next page, or null on the last page.</param>
/// <param name="Next">The URL of the next page, or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Limit, string? NextCursor, string? Next);

/// <summary>
/// Keyset pagination: a cursor is the sort key and id of the last item seen, so pages stay stable while rows
/// are added. The cursor is opaque to clients (base64url JSON) and carries the sort it was made for.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The longest cursor decoded; every cursor issued is far shorter.</summary>
    public const int MaxCursorLength = 1024;

    /// <summary>The position after which the next page starts.</summary>
    public sealed record Cursor(
        [property: JsonPropertyName("s")] string Sort,
        [property: JsonPropertyName("k")] string? Key,
        [property: JsonPropertyName("i")] string Id);

    public static string Encode(Cursor cursor) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor, PagingJsonContext.Default.Cursor));

    public static bool TryDecode(string? value, string sort, out Cursor? cursor, Func<string?, bool>? keyIsValid = null)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.Length > MaxCursorLength || !Base64Url.IsValid(value))
        {
            return false;
        }

        try
        {
            cursor = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(value), PagingJsonContext.Default.Cursor);
        }
        catch (JsonException)
        {
            return false;
        }

        return cursor is not null && cursor.Sort == sort && Domain.Ids.IsValid(cursor.Id) && (keyIsValid?.Invoke(cursor.Key) ?? cursor.Key is null);
    }

    /// <summary>
    /// Turns <paramref name="fetched"/> (queried with <c>limit + 1</c> rows) into a page, adding the next link to
    /// the body and the <c>Link</c> header.
    /// </summary>
    public static Page<T> ToPage<T>(this List<T> fetched, int limit, HttpContext context, Func<T, Cursor> cursorOf)
    {
        if (fetched.Count <= limit)
        {
            return new Page<T>(fetched, limit, null, null);
        }

        fetched.RemoveAt(limit);
        var cursor = Encode(cursorOf(fetched[^1]));
        var next = WithCursor(context.Request, cursor);
        context.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        return new Page<T>(fetched, limit, cursor, next);
    }

    /// <summary>The request's URL (path and query, relative to the host) with <c>cursor</c> set to <paramref name="cursor"/>, or left out when it is null: the first page.</summary>
    public static string WithCursor(HttpRequest request, string? cursor)
    {
        var query = request.Query
            .Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
        return request.PathBase + request.Path + QueryString.Create(cursor is null ? query : query.Append(KeyValuePair.Create("cursor", (string?)cursor)));
    }
}

[JsonSerializable(typeof(Paging.Cursor))]
internal sealed partial class PagingJsonContext : JsonSerializerContext;
