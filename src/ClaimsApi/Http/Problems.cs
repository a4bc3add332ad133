using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Http;

/// <summary>
/// Every problem document (RFC 9457) the API answers with, made in one place: the title and the RFC 9110 section
/// of each status, and the problems that handlers, the curation pipeline, authentication and the binding of
/// request bodies return. The exception and status-code pages add the instance and the trace id to all of them.
/// </summary>
public static class Problems
{
    private static readonly Dictionary<int, (string Title, string Type)> Statuses = new()
    {
        [StatusCodes.Status400BadRequest] = ("Bad Request", "https://tools.ietf.org/html/rfc9110#section-15.5.1"),
        [StatusCodes.Status401Unauthorized] = ("Unauthorized", "https://tools.ietf.org/html/rfc9110#section-15.5.2"),
        [StatusCodes.Status403Forbidden] = ("Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        [StatusCodes.Status404NotFound] = ("Not Found", "https://tools.ietf.org/html/rfc9110#section-15.5.5"),
        [StatusCodes.Status406NotAcceptable] = ("Not Acceptable", "https://tools.ietf.org/html/rfc9110#section-15.5.7"),
        [StatusCodes.Status409Conflict] = ("Conflict", "https://tools.ietf.org/html/rfc9110#section-15.5.10"),
        [StatusCodes.Status412PreconditionFailed] = ("Precondition Failed", "https://tools.ietf.org/html/rfc9110#section-15.5.13"),
        [StatusCodes.Status413PayloadTooLarge] = ("Content Too Large", "https://tools.ietf.org/html/rfc9110#section-15.5.14"),
        [StatusCodes.Status415UnsupportedMediaType] = ("Unsupported Media Type", "https://tools.ietf.org/html/rfc9110#section-15.5.16"),
        [StatusCodes.Status422UnprocessableEntity] = ("The request does not fit the knowledge base.", "https://tools.ietf.org/html/rfc9110#section-15.5.21"),
        [StatusCodes.Status428PreconditionRequired] = ("Precondition Required", "https://tools.ietf.org/html/rfc6585#section-3"),
        [StatusCodes.Status429TooManyRequests] = ("Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"),
    };

    /// <summary>The problem document for <paramref name="status"/> with <paramref name="detail"/> (and extension members, if any).</summary>
    public static ProblemDetails Describe(int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        var (title, type) = Statuses[status];
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    /// <summary><see cref="Describe"/> as a handler's result.</summary>
    public static ProblemHttpResult Of(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(Describe(status, detail, extensions));

    public static ProblemHttpResult NotFound(string resource, string id) =>
        Of(StatusCodes.Status404NotFound, $"There is no {resource} with id '{Shorten(id)}'.");

    public static ProblemHttpResult NoSuchRevision(string title, string id, string revision) =>
        Of(StatusCodes.Status404NotFound, $"{title} '{id}' has no revision '{(revision.Length > 20 ? revision[..20] + "..." : revision)}' in its history.");

    public static ProblemHttpResult PreconditionRequired(string resource, string id, int revision) => Of(
        StatusCodes.Status428PreconditionRequired,
        $"Changing {resource} '{id}' needs an If-Match header with its current ETag ({ETags.OfRevision(revision)}), so that no one else's change is overwritten.",
        new Dictionary<string, object?> { ["currentRevision"] = revision });

    public static ProblemHttpResult PreconditionFailed(string resource, string id, int revision, string why) => Of(
        StatusCodes.Status412PreconditionFailed,
        $"{Capitalise(resource)} '{id}' was not changed: {why}.",
        new Dictionary<string, object?> { ["currentRevision"] = revision });

    /// <summary>Another curator's change won the race between our read and our write.</summary>
    public static ProblemHttpResult ChangedConcurrently() => Of(
        StatusCodes.Status412PreconditionFailed,
        "The record was changed by someone else while this change was being made; read it again and reapply the change.");

    public static ProblemHttpResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, detail);

    /// <summary>A well-formed body that does not fit the knowledge base (unknown reference, quote not in the article …), naming each field.</summary>
    public static ProblemHttpResult Unprocessable(IDictionary<string, string[]> errors) => Of(
        StatusCodes.Status422UnprocessableEntity,
        string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {Sentence(m)}"))),
        new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Unprocessable(string field, string message) =>
        Unprocessable(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The 400 validation problem naming each bad field or parameter.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "One or more parameters are not valid.");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>
    /// Answers 404 for an <c>{id}</c> that cannot be an id at all, before any query: cheaper, and some databases
    /// reject such text (PostgreSQL refuses U+0000) rather than find nothing.
    /// </summary>
    public static RouteGroupBuilder RejectsMalformedIds(this RouteGroupBuilder group, string resource, string routeKey = "id")
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue(routeKey, out var value) && value is string id && !Domain.Ids.IsValid(id)
                ? NotFound(resource, id)
                : await next(context));
        return group;
    }

    private static string Shorten(string id)
    {
        if (id.Length <= 100)
        {
            return id;
        }

        var cut = char.IsHighSurrogate(id[96]) ? 96 : 97; // never split a surrogate pair
        return id[..cut] + "...";
    }

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";

    private static string Capitalise(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
