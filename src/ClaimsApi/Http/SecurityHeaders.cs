namespace ClaimsApi.Http;

/// <summary>
/// Headers every response carries, whatever produced it (an endpoint, a problem page, Swagger UI): browsers must
/// not guess a content type (<c>nosniff</c>) nor frame the API or its UI in another site (clickjacking), and a
/// Content-Security-Policy says what a page may load: nothing at all for the API's JSON, and for Swagger UI only its
/// own scripts, styles and images and requests to this origin (no inline script, no other site).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For every response but Swagger UI: JSON is never a page, so it may load and run nothing.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// For Swagger UI: its scripts and styles are files served from here; it sets inline styles on elements, and its
    /// icons are data: images. Requests ("Try it out") go to this origin only.
    /// </summary>
    public const string SwaggerUiPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase) ? SwaggerUiPolicy : ApiPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
