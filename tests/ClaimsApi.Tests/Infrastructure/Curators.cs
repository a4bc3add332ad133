using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Keys and writes for tests of the curation API. Every key gets a unique name, so tests own their keys.</summary>
public static class Curators
{
    /// <summary>Creates a key with <paramref name="role"/> through the app's own store; returns its name and secret.</summary>
    public static async Task<(string Name, string Key)> CreateKeyAsync(this ClaimsApiFactory api, ApiRole role, string? name = null)
    {
        name ??= $"{EnumNames.Of(role)}-{Guid.NewGuid():N}";
        await using var scope = api.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(name, role, CancellationToken.None);
        Assert.True(created.Value is not null, created.Error);
        return (name, created.Value.Key);
    }

    /// <summary>A client that sends a new key with <paramref name="role"/> as a bearer token.</summary>
    public static async Task<HttpClient> CreateClientAsync(this ClaimsApiFactory api, ApiRole role)
    {
        var (_, key) = await api.CreateKeyAsync(role);
        return api.CreateClientWithKey(key);
    }

    public static HttpClient CreateClientWithKey(this ClaimsApiFactory api, string key)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Sends <paramref name="body"/> as JSON (an object, or a string sent as it is), with If-Match when <paramref name="ifMatch"/> is given.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body, body.GetType(), options: ClaimsApiFactory.Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>Reads a successful JSON response, failing with the body otherwise.</summary>
    public static async Task<JsonElement> ReadSuccessAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The response's ETag, e.g. "\"3-5f0c2a9d41be\"".</summary>
    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException("The response has no ETag.");

    /// <summary>The revision the response's ETag names ("\"3-5f0c2a9d41be\"" is 3), after checking its form: a strong tag, the revision, a dash, twelve hex digits of the body's digest.</summary>
    public static int ETagRevision(this HttpResponseMessage response)
    {
        var etag = response.ETag();
        var match = System.Text.RegularExpressions.Regex.Match(etag, "^\"([1-9][0-9]*)-[0-9a-f]{12}\"$");
        Assert.True(match.Success, $"not an ETag of this API: {etag}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
