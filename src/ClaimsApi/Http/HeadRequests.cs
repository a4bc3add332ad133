using Microsoft.AspNetCore.Http.Features;

namespace ClaimsApi.Http;

/// <summary>
/// <c>HEAD</c> on every <c>GET</c> route (RFC 9110 §9.3.2): routed as a <c>GET</c>, run as one, answered with the same
/// status and headers (ETag, Content-Type; 304 for a matching If-None-Match) and no body. The OpenAPI document lists
/// the <c>GET</c> only, as mapping every route for both methods would list each operation twice. A 405's
/// <c>Allow</c> names <c>HEAD</c> wherever it names <c>GET</c>.
/// </summary>
public static class HeadRequests
{
    private static readonly object WasHead = new();

    /// <summary>Routing (UseRouting), with HEAD routed as GET; the request is a HEAD again once its endpoint is chosen.</summary>
    public static WebApplication UseRoutingWithHead(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            // Kestrel sends no body for a HEAD whatever the app writes; other servers (TestServer) would, so the
            // body is dropped here. Written or not, no Content-Length is made up: a length GET sets is kept.
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            context.Request.Method = HttpMethods.Get;
            context.Items[WasHead] = true;
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
            }
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.Items.ContainsKey(WasHead))
            {
                context.Request.Method = HttpMethods.Head; // logs, metrics and the endpoint see the method sent
            }

            if (context.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>() is null)
            {
                // Routing's 405 endpoint (no method metadata of its own) writes Allow from the routes' methods.
                context.Response.OnStarting(AddHeadToAllow, context);
            }

            return next(context);
        });
        return app;
    }

    private static Task AddHeadToAllow(object state)
    {
        var response = ((HttpContext)state).Response;
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = response.Headers.Allow.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (allowed.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !allowed.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                response.Headers.Allow = string.Join(", ", allowed.Append(HttpMethods.Head).Order(StringComparer.Ordinal));
            }
        }

        return Task.CompletedTask;
    }
}
