using System.Text;
using Microsoft.Net.Http.Headers;

namespace ClaimsApi.Http;

/// <summary>
/// A request body in a character set the server does not know (<c>Content-Type: application/json; charset=klingon</c>)
/// is a 415 problem before any endpoint reads it; the JSON binder would otherwise throw, and answer 500.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharsets(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HasBody(context) && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset is { HasValue: true } charset)
            {
                var name = HeaderUtilities.RemoveQuotes(charset);
                if (!IsKnown(name.Value!))
                {
                    context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = Problems.Describe(StatusCodes.Status415UnsupportedMediaType,
                            $"The request body's character set '{Shorten(charset.Value!)}' is not one this server knows; send UTF-8 (charset=utf-8, or no charset)."),
                    });
                    return;
                }

                if (name.Length != charset.Length)
                {
                    // A quoted charset (charset="UTF-8") is legal (RFC 9110), but the JSON reader looks the name up with
                    // its quotes and throws (a 500); pass it on bare.
                    type.Charset = name;
                    context.Request.ContentType = type.ToString();
                }
            }

            await next(context);
        });

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0 || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
