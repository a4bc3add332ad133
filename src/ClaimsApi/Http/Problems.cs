using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Http;

/// <summary>Problem documents (RFC 9457) for expected failures that handlers return.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not Found",
        detail: $"There is no {resource} with id '{Shorten(id)}'.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    private static string Shorten(string id)
    {
        if (id.Length <= 100)
        {
            return id;
        }

        var cut = char.IsHighSurrogate(id[96]) ? 96 : 97; // never split a surrogate pair
        return id[..cut] + "...";
    }

    /// <summary>
    /// Answers 404 for an <c>{id}</c> that cannot be an id at all, before any query: cheaper, and some databases
    /// reject such text (PostgreSQL refuses U+0000) rather than find nothing.
    /// </summary>
    public static RouteGroupBuilder RejectsMalformedIds(this RouteGroupBuilder group, string resource)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue("id", out var value) && value is string id && !Domain.Ids.IsValid(id)
                ? NotFound(resource, id)
                : await next(context));
        return group;
    }
}
