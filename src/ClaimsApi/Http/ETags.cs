using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ClaimsApi.Http;

/// <summary>A response that describes one revision of a curated record.</summary>
public interface IRevisioned
{
    /// <summary>The record's revision: 1 when created, one more for every change. The first part of its ETag.</summary>
    int Revision { get; }
}

/// <summary>
/// Entity tags and preconditions (RFC 9110 §8.8.3, §13). A curated record's ETag is its revision and a digest of
/// the exact bytes sent, <c>"3-5f0c2a9d41be"</c>: it changes with any byte of the representation, embedded parts
/// included (a renamed claimant, a newly published incoming link), so a 304 never serves stale bytes
/// (decision 0029). Writes to an existing record need <c>If-Match</c> (428 without it, 412 when it names another
/// revision): what must not be overwritten is the record's own revision, so <c>If-Match</c> compares that part,
/// and a bare <c>"3"</c> is still understood. Reads answer 304 to a matching <c>If-None-Match</c>.
/// </summary>
public static class ETags
{
    /// <summary>The ETag of the representation <paramref name="body"/> of a record at <paramref name="revision"/>.</summary>
    public static string For(int revision, ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return $"\"{revision.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(digest[..6])}\"";
    }

    /// <summary>The ETag of a representation that is not one record's (a feed page): a digest of its bytes alone.</summary>
    public static string For(ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return $"\"{Convert.ToHexStringLower(digest[..8])}\"";
    }

    /// <summary>The body and ETag of <paramref name="record"/> as the API sends it (the app's JSON options; response records are sealed).</summary>
    public static (byte[] Body, string ETag) Render(IRevisioned record, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), options);
        return (body, For(record.Revision, body));
    }

    /// <summary>How a precondition names a revision in words: <c>"3"</c>.</summary>
    public static string OfRevision(int revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Null when the request may change the record at <paramref name="revision"/>, else the 428 or 412 problem.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? CheckIfMatch(HttpRequest request, string resource, string id, int revision)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return Problems.PreconditionRequired(resource, id, revision);
        }

        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags))
        {
            return Problems.PreconditionFailed(resource, id, revision, "the If-Match header is not a list of entity tags such as \"3\"");
        }

        // A weak tag never matches (RFC 9110 §13.1.1); a strong one matches when it names the current revision.
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && RevisionOf(t.Tag.Value) == revision))
            ? null
            : Problems.PreconditionFailed(resource, id, revision, $"it is now at revision {revision}; read it again and reapply the change");
    }

    /// <summary>Whether the request's <c>If-None-Match</c> names this ETag (weak comparison), so 304 answers it.</summary>
    public static bool IfNoneMatchMatches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>The revision an entity tag names (<c>"3-…"</c> or <c>"3"</c>), or null.</summary>
    private static int? RevisionOf(string? quoted)
    {
        var tag = quoted.AsSpan().Trim('"');
        var dash = tag.IndexOf('-');
        var digits = dash < 0 ? tag : tag[..dash];
        // Only the form this API writes: "3", never "03" or "+3".
        return digits is [>= '1' and <= '9', ..] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;
    }

    /// <summary>
    /// Sends a successful read of a curated record as the bytes its ETag was computed from, and answers 304 Not
    /// Modified when the client's <c>If-None-Match</c> already names it.
    /// </summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) => Send(await next(context), context.HttpContext))
        .Produces(StatusCodes.Status304NotModified);

    /// <summary>
    /// The answer to a read whose handler returned <paramref name="result"/>: a curated record (200) is sent as the
    /// bytes its ETag is computed from, or 304; anything else as it is.
    /// </summary>
    public static object? Send(object? result, HttpContext http)
    {
        if (OkValue(result) is IRevisioned record)
        {
            var (body, etag) = Render(record, http);
            return Send(body, etag, http);
        }

        return result;
    }

    /// <summary>The value of a handler's 200 result (also inside a <c>Results&lt;…&gt;</c>), or null for any other answer.</summary>
    public static object? OkValue(object? result) =>
        (result is INestedHttpResult nested ? nested.Result : result) is IValueHttpResult { Value: { } value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
            ? value
            : null;

    /// <summary>Sends <paramref name="body"/> with its ETag, or 304 when the client's <c>If-None-Match</c> already names it.</summary>
    public static IResult Send(byte[] body, string etag, HttpContext http, string contentType = JsonContentType)
    {
        http.Response.Headers.ETag = etag;
        return IfNoneMatchMatches(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(body, contentType);
    }

    /// <summary>The content type of every JSON response the API writes itself.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";
}
