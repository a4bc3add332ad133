using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Curation;

/// <summary>Problem documents (RFC 9457) for the write side: preconditions, conflicts and content that does not fit.</summary>
public static class CurationProblems
{
    public static ProblemHttpResult PreconditionRequired(string resource, string id, int revision) => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Precondition Required",
        detail: $"Changing {resource} '{id}' needs an If-Match header with its current ETag ({ETags.Of(revision)}), so that no one else's change is overwritten.",
        type: "https://tools.ietf.org/html/rfc6585#section-3",
        extensions: new Dictionary<string, object?> { ["currentRevision"] = revision });

    public static ProblemHttpResult PreconditionFailed(string resource, string id, int revision, string why) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition Failed",
        detail: $"{Capitalise(resource)} '{id}' was not changed: {why}.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        extensions: new Dictionary<string, object?> { ["currentRevision"] = revision });

    /// <summary>Another curator's change won the race between our read and our write.</summary>
    public static ProblemHttpResult ChangedConcurrently() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition Failed",
        detail: "The record was changed by someone else while this change was being made; read it again and reapply the change.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.13");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        detail: detail,
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.10");

    /// <summary>A well-formed body that does not fit the knowledge base (unknown reference, quote not in the article …), naming each field.</summary>
    public static ProblemHttpResult Unprocessable(IDictionary<string, string[]> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The request does not fit the knowledge base.",
        detail: string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {Sentence(m)}"))),
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Unprocessable(string field, string message) =>
        Unprocessable(new Dictionary<string, string[]> { [field] = [message] });

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";

    private static string Capitalise(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
