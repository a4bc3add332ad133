using Microsoft.Net.Http.Headers;

namespace ClaimsApi.Http;

/// <summary>A response that describes one revision of a curated record; its revision is its ETag.</summary>
public interface IRevisioned
{
    /// <summary>The record's revision: 1 when created, one more for every change. Sent as the ETag.</summary>
    int Revision { get; }
}

/// <summary>
/// Entity tags and preconditions (RFC 9110 §8.8.3, §13): a curated record's ETag is its revision, <c>"3"</c>.
/// Writes to an existing record need <c>If-Match</c> (428 without it, 412 when it is not the current revision);
/// reads answer 304 to a matching <c>If-None-Match</c>.
/// </summary>
public static class ETags
{
    public static string Of(int revision) => $"\"{revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

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

        // Strong comparison (RFC 9110 §13.1.1): a weak tag never matches.
        var current = new EntityTagHeaderValue(Of(revision));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true))
            ? null
            : Problems.PreconditionFailed(resource, id, revision, $"it is now at revision {revision}; read it again and reapply the change");
    }

    /// <summary>Whether the request's <c>If-None-Match</c> names this revision (weak comparison), so 304 answers it.</summary>
    public static bool IfNoneMatchMatches(HttpRequest request, int revision)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(Of(revision));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// Sends the ETag of a successful read of a curated record, and answers 304 Not Modified when the client's
    /// <c>If-None-Match</c> already names it.
    /// </summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is IValueHttpResult { Value: IRevisioned record } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
            {
                var http = context.HttpContext;
                http.Response.Headers.ETag = Of(record.Revision);
                if (IfNoneMatchMatches(http.Request, record.Revision))
                {
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }
            }

            return result;
        })
        .Produces(StatusCodes.Status304NotModified);
}
