using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Http;

/// <summary>Problem documents (RFC 9457) for expected failures that handlers return.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not Found",
        detail: $"There is no {resource} with id '{id}'.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
}
