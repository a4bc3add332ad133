using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Http;

/// <summary>
/// The last problem writer: ASP.NET Core's own writes a problem only for a client that accepts JSON, so a browser
/// (<c>Accept: text/html</c>) got an error with an empty body. The API has one error format, RFC 9457 JSON, and sends
/// it to every client, customised as the default writer would (instance, traceId, detail).
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        Problems.ApplyDefaults(problem);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, jsonOptions.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
