using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Auth;

/// <summary>A key to create.</summary>
/// <param name="Name">A unique name (letters, digits, '.', '_', '-'; at most 64), recorded as the author of every change made with the key. Names are never reused.</param>
/// <param name="Role">What the key may do.</param>
public sealed record ApiKeyRequest(string? Name, ApiRole? Role);

internal sealed class ApiKeyRequestValidator : AbstractValidator<ApiKeyRequest>
{
    public ApiKeyRequestValidator()
    {
        RuleFor(r => r.Name).MustMatch(ApiKeyStore.NamePattern, Persistence.Configurations.ApiKeyLimits.Name, ApiKeyStore.IsValidName)
            .WithMessage("'name' is required: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(r => r.Role).NotNull().WithMessage($"'role' is required: one of {string.Join(", ", EnumNames.All<ApiRole>())}.");
    }
}

/// <summary>Key management over HTTP for admins: the same store as the <c>keys</c> command.</summary>
public static class KeyEndpoints
{
    [EndpointName("ListKeys")]
    [EndpointSummary("List API keys")]
    [EndpointDescription("Every key ever created: name, role, first characters, when created and when revoked. Never the key itself. Admins only.")]
    internal static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    [EndpointName("CreateKey")]
    [EndpointSummary("Create an API key")]
    [EndpointDescription("Creates a key and returns it in `key`: this is the only time it is shown; only its SHA-256 hash is stored. Admins only.")]
    internal static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(ApiKeyRequest request, ApiKeyStore store, HttpContext http, CancellationToken ct)
    {
        var created = await store.CreateAsync(request.Name!, request.Role!.Value, ct);
        if (created.Value is not { } key)
        {
            return Problems.Conflict(created.Error!);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/keys/{key.Info.Name}", key);
    }

    [EndpointName("RevokeKey")]
    [EndpointSummary("Revoke an API key")]
    [EndpointDescription("Revokes the key at once (its next request gets 401). The key stays listed, with its revocation time, and its name is not reused. Admins only.")]
    internal static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> RevokeAsync(string name, ApiKeyStore store, CancellationToken ct) =>
        ApiKeyStore.IsValidName(name) && await store.RevokeAsync(name, ct) is { } revoked
            ? TypedResults.Ok(revoked)
            : Problems.NotFound("API key", name);

    [EndpointName("GetKey")]
    [EndpointSummary("Get an API key's details")]
    [EndpointDescription("Name, role, first characters, when created and when revoked. Never the key itself. Admins only.")]
    internal static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> GetAsync(string name, ApiKeyStore store, CancellationToken ct) =>
        ApiKeyStore.IsValidName(name) && (await store.ListAsync(ct)).FirstOrDefault(k => k.Name == name) is { } key
            ? TypedResults.Ok(key)
            : Problems.NotFound("API key", name);
}
