using ClaimsApi.Http;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ClaimsApi.Auth;

/// <summary>Answers 401 and 403 with problem documents (RFC 9457) that say what key or role is needed.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await WriteUnauthorizedAsync(context, Needed(policy));
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var has = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).LastOrDefault() ?? "none";
            await WriteAsync(context, StatusCodes.Status403Forbidden,
                $"This operation needs an API key with role {Needed(policy)}; the key '{context.User.Identity?.Name}' has role {has}.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    internal static Task WriteUnauthorizedAsync(HttpContext context, string? role = null)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ClaimsApi\"";
        var detail = context.Items.ContainsKey(ApiKeyAuthenticationHandler.InvalidKeyItem)
            ? "The API key is not known or has been revoked."
            : $"This operation needs an API key{(role is null ? "" : $" with role {role}")}: send it as 'Authorization: Bearer <key>' or '{ApiKeyAuthenticationHandler.HeaderName}: <key>'.";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, detail);
    }

    private static string Needed(AuthorizationPolicy policy) =>
        policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).FirstOrDefault() ?? EnumNames.Of(ApiRole.Reader);

    private static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Describe(status, detail) });
    }
}
