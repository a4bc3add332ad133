using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace ClaimsApi.Client;

/// <summary>Makes a <see cref="ClaimsApiClient"/> for one API and key.</summary>
public static class ClaimsApiClients
{
    /// <summary>
    /// A client of the API at <paramref name="http"/>'s <see cref="HttpClient.BaseAddress"/> (e.g.
    /// <c>https://claims.example.org</c>), sending <paramref name="apiKey"/> as a bearer token when there is one (reads
    /// of published records need none). The caller owns <paramref name="http"/>: make it once (or through
    /// <c>IHttpClientFactory</c>) and reuse it.
    /// </summary>
    public static ClaimsApiClient Create(HttpClient http, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var baseAddress = http.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress: the API's root URL.", nameof(http));
        IAuthenticationProvider authentication = apiKey is null
            ? new AnonymousAuthenticationProvider()
            : new BearerKeyAuthentication(apiKey);
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = baseAddress.ToString().TrimEnd('/') };
        return new ClaimsApiClient(adapter);
    }
}

/// <summary>
/// Sends an API key as <c>Authorization: Bearer …</c>, over https or to this machine only (Kiota's own
/// <c>ApiKeyAuthenticationProvider</c> refuses every plain-http URL, which rules out a local API on
/// <c>http://127.0.0.1</c>): a key never crosses a network in clear text.
/// </summary>
internal sealed class BearerKeyAuthentication(string key) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.URI;
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"An API key is sent over https only (or to this machine); {uri.Scheme}://{uri.Host} is neither.");
        }

        request.Headers.Add("Authorization", "Bearer " + key);
        return Task.CompletedTask;
    }
}
