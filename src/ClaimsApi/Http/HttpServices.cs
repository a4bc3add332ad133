using System.Text.Json.Serialization;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Http.Json;

namespace ClaimsApi.Http;

public static class HttpServices
{
    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(EnumNames.Policy, allowIntegerValues: false));
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // A misspelt field in a request body is an error (400 naming it), never silently dropped.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // Field names are exact ("claimedon" is an unknown field, not claimedOn), and a field given twice is an
            // error rather than the last one silently winning.
            json.SerializerOptions.PropertyNameCaseInsensitive = false;
            json.SerializerOptions.AllowDuplicateProperties = false;
        });

        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

        ValidationNames.UseClientNames();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Instance ??= http.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier);
            if (context.ProblemDetails.Status == StatusCodes.Status404NotFound && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = $"No resource at '{http.Request.Path}'.";
            }
            else if (context.ProblemDetails.Status == StatusCodes.Status405MethodNotAllowed && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = $"'{http.Request.Method}' is not allowed on '{http.Request.Path}'; the Allow header lists what is.";
            }
            else if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = "The request body is larger than this operation accepts.";
            }
            else if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = $"The request body must be JSON (Content-Type: application/json), not '{http.Request.ContentType}'.";
            }
            else if (context.ProblemDetails.Status == StatusCodes.Status500InternalServerError && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = "An unexpected error occurred; it has been logged with the trace id.";
            }
        });
        services.WriteProblemsForEveryAccept();

        return services;
    }
}
