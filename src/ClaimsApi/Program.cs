using ClaimsApi;
using ClaimsApi.Auth;
using ClaimsApi.Cli;
using ClaimsApi.Curation;
using ClaimsApi.Export;
using ClaimsApi.Features;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Feeds;
using ClaimsApi.Features.Import;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Search;
using ClaimsApi.Features.Statements;
using ClaimsApi.Webhooks;
using ClaimsApi.Health;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using ClaimsApi.ReadModel;
using ClaimsApi.Seeding;
using ClaimsApi.Telemetry;
using ClaimsApi.TextSearch;
using FluentValidation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.ConfigureServerLimits(); // connections, timeouts, header and body sizes (Http/ServerLimits.cs, docs/security.md)
ClaimsCli.ConfigureLogging(builder.Logging, args); // `keys` prints the key alone on standard output: logs go to standard error

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddSeeding(builder.Configuration);
builder.Services.AddHttpConventions();
builder.Services.AddApiKeyAuth(builder.Configuration);
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddReadModel(builder.Configuration);
builder.Services.AddExports(builder.Configuration); // GET /v1/{collection}/export (Export/)
builder.Services.AddTextSearch(builder.Configuration);
builder.Services.AddFeeds(builder.Configuration);
builder.Services.AddCuration(ArticleCommands.Resource, EntityCommands.Resource, StatementCommands.Resource, ClaimCommands.Resource, ReviewCommands.Resource);
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<EntityAliasIndex>();
builder.Services.AddScoped<BulkImporter>();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddOutputCache(); // the OpenAPI document is built once, not on every request (ApiRoutes)
builder.Services.AddOpenApi(options => options.AddClaimsApiTransformers(OpenApiExamples.ByType, RequestExamples.ByType));
builder.Services.AddBrowserAccess(builder.Configuration); // CORS, off unless Cors:AllowedOrigins lists origins
builder.Services.AddHealthChecks()
    .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
    .AddCheck<SeededHealthCheck>("database", tags: ["ready"])
    .AddCheck<SearchIndexHealthCheck>("search-index", tags: ["ready"]);

var app = builder.Build();

app.UseRoutingWithHead(); // routing, with HEAD answered as GET without the body (Http/HeadRequests.cs)
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBrowserAccess(app.Configuration); // preflights answered before authentication and rate limits

// Swagger UI is static pages (no endpoint): served before authentication, so it stays open, like the document.
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "ClaimsApi v1");
    ui.RoutePrefix = "swagger";
    ui.DocumentTitle = "ClaimsApi";
    // No EnablePersistAuthorization: it would keep an entered API key in the browser's local storage, where any
    // script on this origin and anyone at the machine later can read it. A reload asks for the key again.
});

app.UseAuthentication();
app.UseRateLimits(); // per key, or per client address without one: after authentication, before any work
app.UseApiKeyAuth();
app.UseKnownRequestCharsets();
app.UseKnownQueryParameters(); // a parameter the operation does not take, or one given twice, is a 400 (Http/QueryParameters.cs)
app.UseOutputCache();

app.MapApiRoutes();

// `migrate`, `keys …`, `backup …`, `search rebuild`, `import …`, `--help` (Cli/): a command runs and exits; without one, the server runs.
if (await ClaimsCli.TryRunAsync(app, args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point; public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
