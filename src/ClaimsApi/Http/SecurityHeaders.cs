namespace ClaimsApi.Http;

/// <summary>
/// Headers every response carries, whatever produced it (an endpoint, a problem page, Swagger UI): browsers must
/// not guess a content type (<c>nosniff</c>) nor frame the API or its UI in another site (clickjacking).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the response starts: the exception handler clears the headers of a failed response first.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
