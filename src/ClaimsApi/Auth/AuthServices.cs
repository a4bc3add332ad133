using ClaimsApi.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace ClaimsApi.Auth;

/// <summary>Access settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>When true, reading needs a key too (role reader or above); otherwise published content is open to all.</summary>
    public bool RequireReaderKey { get; set; }
}

/// <summary>The authorisation policies, one per role; a role's policy admits it and every role above it.</summary>
public static class Policies
{
    public const string Reader = "reader";
    public const string Curator = "curator";
    public const string Admin = "admin";

    public static string For(ApiRole role) => EnumNames.Of(role);
}

public static class AuthServices
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddScoped<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, p => p.RequireRole(Policies.Reader))
            .AddPolicy(Policies.Curator, p => p.RequireRole(Policies.Curator))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Policies.Admin));
        if (options.RequireReaderKey)
        {
            // Endpoints that say nothing (the reads) need a reader key; health and the OpenAPI document opt out.
            services.Configure<AuthorizationOptions>(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireRole(Policies.Reader).Build());
        }

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// After authentication (<c>UseAuthentication</c>, which the rate limiter needs first): a request that carries a
    /// key that is not valid is refused with 401 wherever it goes (a client with a revoked key should learn it, not be
    /// served as anonymous), then authorisation.
    /// </summary>
    public static WebApplication UseApiKeyAuth(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // What a response shows depends on the key (curators see drafts): shared caches must keep the
            // versions apart, and never keep one made for a key.
            context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, $"Authorization, {ApiKeyAuthenticationHandler.HeaderName}");

            // A body larger than the operation accepts is never read (it is refused before, e.g. with 401 or 413),
            // and Kestrel then drops the connection: say so, so that clients do not send the next request on it.
            if (context.Request.ContentLength is { } length &&
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max && length > max)
            {
                context.Response.Headers.Connection = "close";
            }

            if (ApiKeyAuthenticationHandler.ReadKey(context.Request) is not null)
            {
                context.Response.Headers.CacheControl = "private";
            }

            if (context.Items.ContainsKey(ApiKeyAuthenticationHandler.InvalidKeyItem))
            {
                await ProblemAuthorizationResultHandler.WriteUnauthorizedAsync(context);
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}
