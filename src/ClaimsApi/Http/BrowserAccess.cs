using Microsoft.Net.Http.Headers;

namespace ClaimsApi.Http;

/// <summary>
/// Cross-origin access for browser-based newsroom tools (CORS), off by default: with <c>Cors:AllowedOrigins</c>
/// empty no response carries a CORS header, so a page of another site cannot read the API's answers. Each origin
/// listed (<c>https://desk.example.org</c>, or <c>*</c> for any) may call every operation with the headers the API
/// reads (an API key, a body's type, preconditions) and read the headers it answers with (ETag, Location, Link,
/// Retry-After, an export's Changes-Position). No cookie is ever sent or read: keys travel in the Authorization header, so credentials mode is
/// not allowed (docs/api-guide.md#browsers-cors).
/// </summary>
public static class BrowserAccess
{
    public const string Section = "Cors";

    /// <summary>The methods the API answers.</summary>
    public static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE"];

    /// <summary>The request headers the API reads.</summary>
    public static readonly string[] RequestHeaders = [HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.Accept, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, "traceparent"];

    /// <summary>The response headers a page may read besides the always-readable ones.</summary>
    public static readonly string[] ResponseHeaders = [HeaderNames.ETag, HeaderNames.Location, HeaderNames.Link, HeaderNames.RetryAfter, Export.ExportHeaders.Position];

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Registers the policy of <c>Cors:AllowedOrigins</c>; a value that is not an origin stops the start with its reason.</summary>
    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        if (origins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            {
                _ = origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins([.. origins]);
                policy.WithMethods(Methods).WithHeaders(RequestHeaders).WithExposedHeaders(ResponseHeaders).SetPreflightMaxAge(PreflightMaxAge);
            }));
        }

        return services;
    }

    /// <summary>Answers preflights and adds the CORS headers, when origins are configured.</summary>
    public static IApplicationBuilder UseBrowserAccess(this IApplicationBuilder app, IConfiguration configuration) =>
        Origins(configuration).Count > 0 ? app.UseCors() : app;

    /// <summary>The configured origins, normalised (<c>scheme://host[:port]</c>, lower case, no trailing slash), or <c>*</c>.</summary>
    /// <exception cref="InvalidOperationException">A value is neither <c>*</c> nor an http or https origin.</exception>
    public static IReadOnlyList<string> Origins(IConfiguration configuration)
    {
        var values = configuration.GetSection($"{Section}:AllowedOrigins").Get<string[]>() ?? [];
        return [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(Origin).Distinct(StringComparer.Ordinal)];
    }

    private static string Origin(string value)
    {
        var trimmed = value.Trim();
        if (trimmed == "*")
        {
            return trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Section}:AllowedOrigins: '{value}' is not an origin: give scheme, host and optional port (https://desk.example.org, http://127.0.0.1:3000), or * for any.");
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
