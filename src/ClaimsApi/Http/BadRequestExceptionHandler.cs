using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Http;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, a body that is too large, a wrong content type) into
/// problem documents that say what was wrong, with their own status code, instead of a 500 or an empty 400.
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on in every environment so they all come through here.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = Describe(bad.StatusCode, bad.Message, bad.InnerException as JsonException),
        });
    }

    /// <summary>
    /// The problem for a body the server cannot take (400 malformed, 413 too large, 415 wrong content type), as
    /// the framework's binding reports it; also for handlers that read the body themselves.
    /// </summary>
    public static ProblemDetails Describe(int status, string detail, JsonException? json = null)
    {
        var (field, message) = json is null ? (null, null) : Describe(json);
        var problem = Problems.Describe(status, json is null ? detail : $"The request body is not valid JSON for this operation: {message}");
        if (field is not null)
        {
            // Like a validation problem: the field that is wrong, by its JSON path.
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message!] };
        }

        return problem;
    }

    /// <summary>
    /// The field (JSON path without the leading "$.", or "body") and what is wrong with it, in words that do not
    /// name the server's .NET types.
    /// </summary>
    private static (string Field, string Message) Describe(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : json.Path is { Length: > 1 } q ? q.TrimStart('$') : "body";
        var message = json.Message;
        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            var parent = path == name ? null : path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)] : path;
            return (path, $"'{path}' is not a field of this request body{(parent is null or "body" ? "" : $" at '{parent}'")}; unknown fields are rejected.");
        }

        var duplicate = DuplicateProperty().Match(message);
        if (duplicate.Success)
        {
            var name = duplicate.Groups[1].Value;
            var field = path == "body" || path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return (field, $"'{field}' is given more than once; give each field once.");
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return (path, $"'{path}' (JSON path {json.Path}) has a value of the wrong type or format; see the operation's schema.");
        }

        return (path, message);
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedProperty();

    [System.Text.RegularExpressions.GeneratedRegex("Duplicate property '([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex DuplicateProperty();
}
