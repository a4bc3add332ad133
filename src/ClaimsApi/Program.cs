using ClaimsApi;
using ClaimsApi.Auth;
using ClaimsApi.Cli;
using ClaimsApi.Curation;
using ClaimsApi.Features;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Search;
using ClaimsApi.Features.Statements;
using ClaimsApi.Health;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using ClaimsApi.Seeding;
using FluentValidation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

// Long enough for a 10,000-character query string to reach the validator (a 400 naming the parameter)
// instead of being cut off by Kestrel with an empty 414 (default 8 KB).
// No Server header: it tells an attacker what to aim at, and a client nothing it needs.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestLineSize = 64 * 1024;
    kestrel.AddServerHeader = false;
});
ClaimsCli.ConfigureLogging(builder.Logging, args); // `keys` prints the key alone on standard output: logs go to standard error

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddSeeding(builder.Configuration);
builder.Services.AddHttpConventions();
builder.Services.AddApiKeyAuth(builder.Configuration);
builder.Services.AddCuration(ArticleCommands.Resource, EntityCommands.Resource, StatementCommands.Resource, ClaimCommands.Resource, ReviewCommands.Resource);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<EntityAliasIndex>();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddOpenApi(options => options.AddClaimsApiTransformers(OpenApiExamples.ByType));
builder.Services.AddHealthChecks()
    .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
    .AddCheck<SeededHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();

// Swagger UI is static pages (no endpoint): served before authentication, so it stays open, like the document.
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "ClaimsApi v1");
    ui.RoutePrefix = "swagger";
    ui.DocumentTitle = "ClaimsApi";
    ui.EnablePersistAuthorization(); // an API key entered under "Authorize" survives a reload
});

app.UseApiKeyAuth();
app.UseKnownRequestCharsets();

app.MapApiRoutes();

// `migrate`, `keys …`, `backup …`, `--help` (Cli/): a command runs and exits; without one, the server runs.
if (await ClaimsCli.TryRunAsync(app, args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point; public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
