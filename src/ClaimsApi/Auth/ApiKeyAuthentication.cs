using System.Security.Claims;
using System.Text.Encodings.Web;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Auth;

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// The principal's name is the key's name and its roles are the key's role and every role below it.
/// The key itself is never logged or kept.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Set on the request when it carried a key that is not valid, so the 401 can say so.</summary>
    internal const string InvalidKeyItem = "ClaimsApi.InvalidApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        var found = await store.FindAsync(key, Context.RequestAborted);
        if (found is null)
        {
            Context.Items[InvalidKeyItem] = true;
            return AuthenticateResult.Fail("The API key is not known or has been revoked.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, found.Name) };
        claims.AddRange(Enum.GetValues<ApiRole>().Where(r => r <= found.Role).Select(r => new Claim(ClaimTypes.Role, EnumNames.Of(r))));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The key the request carries, if any: the bearer token, or else the X-Api-Key header.</summary>
    internal static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } token ? token : null;
        }

        return request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }
}
