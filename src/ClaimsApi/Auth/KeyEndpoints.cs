using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Auth;

/// <summary>A key to create.</summary>
/// <param name="Name">A unique name (letters, digits, '.', '_', '-'; at most 64), recorded as the author of every change made with the key. Names are never reused.</param>
/// <param name="Role">What the key may do.</param>
public sealed record ApiKeyRequest(string? Name, ApiRole? Role);

internal sealed class ApiKeyRequestValidator : AbstractValidator<ApiKeyRequest>
{
    public ApiKeyRequestValidator()
    {
        RuleFor(r => r.Name).Must(ApiKeyStore.IsValidName)
            .WithMessage("'name' is required: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(r => r.Role).NotNull().WithMessage($"'role' is required: one of {string.Join(", ", EnumNames.All<ApiRole>())}.");
    }
}

/// <summary>Key management over HTTP for admins: the same store as the <c>keys</c> command.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);

        group.MapGet("/", async (ApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithName("ListKeys")
            .WithSummary("List API keys")
            .WithDescription("Every key ever created: name, role, first characters, when created and when revoked. Never the key itself. Admins only.")
            .ProducesAuthProblems();

        group.MapPost("/", CreateAsync)
            .WithName("CreateKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates a key and returns it in `key`: this is the only time it is shown; only its SHA-256 hash is stored. Admins only.")
            .Accepts<ApiKeyRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<ApiKeyRequest>()
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesAuthProblems();

        group.MapGet("/{name}", async (string name, ApiKeyStore store, CancellationToken ct) =>
                ApiKeyStore.IsValidName(name) && (await store.ListAsync(ct)).FirstOrDefault(k => k.Name == name) is { } key
                    ? Results.Ok(key)
                    : Problems.NotFound("API key", name))
            .WithName("GetKey")
            .WithSummary("Get an API key's details")
            .WithDescription("Name, role, first characters, when created and when revoked. Never the key itself. Admins only.")
            .Produces<ApiKeyInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesAuthProblems();

        group.MapDelete("/{name}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key at once (its next request gets 401). The key stays listed, with its revocation time, and its name is not reused. Admins only.")
            .Produces<ApiKeyInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesAuthProblems();
        return routes;
    }

    private static async Task<IResult> CreateAsync(ApiKeyRequest request, ApiKeyStore store, HttpContext http, CancellationToken ct)
    {
        var created = await store.CreateAsync(request.Name!, request.Role!.Value, ct);
        if (created.Value is not { } key)
        {
            return Problems.Conflict(created.Error!);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/keys/{key.Info.Name}", key);
    }

    private static async Task<IResult> RevokeAsync(string name, ApiKeyStore store, CancellationToken ct) =>
        ApiKeyStore.IsValidName(name) && await store.RevokeAsync(name, ct) is { } revoked
            ? TypedResults.Ok(revoked)
            : Problems.NotFound("API key", name);
}
