using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace ClaimsApi.Http;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, a body that is too large, a wrong content type) into
/// problem documents that say what was wrong, with their own status code, instead of a 500 or an empty 400.
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on in every environment so they all come through here.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is JsonException json
            ? $"The request body is not valid JSON for this operation: {json.Message}"
            : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Content Too Large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
                    _ => "Bad Request",
                },
                Detail = detail,
                Type = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                    StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
                    _ => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                },
            },
        });
    }
}
