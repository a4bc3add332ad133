using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Export;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Changes;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Extraction;
using ClaimsApi.Features.Feeds;
using ClaimsApi.Features.Import;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Search;
using ClaimsApi.Features.Statements;
using ClaimsApi.Features.Webhooks;
using ClaimsApi.Http;
using ClaimsApi.ReadModel;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi;

/// <summary>
/// The route table: every operation of the API, read and write, in one place and in the order of the OpenAPI
/// document. Handlers carry their name, summary and description as attributes; the shared operations of curated
/// records (delete, restore, history, workflow) describe themselves through their resource.
/// </summary>
public static class ApiRoutes
{
    /// <summary>
    /// What a stored page of claims depends on beyond its claims (decision 0031): a claim's language is its
    /// article's, so any article's change can move claims into or out of a page filtered by language.
    /// </summary>
    private static readonly Dictionary<string, string> ClaimsFilteredThrough = new(StringComparer.Ordinal) { ["language"] = "article" };

    public static WebApplication MapApiRoutes(this WebApplication app)
    {
        // The document depends on nothing in the request: built on the first request, then served from memory
        // (building it takes 70-125 ms and 240 KB, for anyone who asks). Served from memory it is a static file,
        // like Swagger UI's, and like them not rate-limited: a client that has used up its allowance can still
        // read the contract that tells it why. Mapped by its one path: the default pattern
        // (/openapi/{documentName}.json) answered any other name with a text/plain 404 of its own.
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous().CacheOutput(cache => cache.Expire(TimeSpan.FromDays(365))).DisableRateLimiting();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();

        var articles = app.MapGroup("/v1/articles").WithTags("Articles").RejectsMalformedIds("article");
        var article = ArticleCommands.Curated;
        articles.MapGet("/", ArticleEndpoints.List).Validate<ArticleListQuery>();
        articles.MapGet("/{id}", ArticleEndpoints.Get).WithStoredRepresentation(ArticleCommands.Resource).ProducesProblem(StatusCodes.Status404NotFound);
        articles.MapPost("/", ArticleCommands.CreateAsync).Validate<ArticleCreateQuery>().AcceptsArticle().ProducesWriteProblems(WriteProblems.Conflict | WriteProblems.Unprocessable);
        articles.MapPut("/{id}", ArticleCommands.ReplaceAsync).AcceptsArticle().ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict | WriteProblems.Unprocessable);
        articles.MapPost("/{id}/proposals", ArticleCommands.ProposeAsync).RequireAuthorization(Policies.Curator)
            .ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict);
        articles.MapDelete("/{id}", article.DeleteAsync).Describe(article.Deletion);
        articles.MapPost("/{id}/restore", article.RestoreAsync).Describe(article.Restoration);
        articles.MapGet("/{id}/history", article.ListHistoryAsync).Describe(article.History);
        articles.MapGet("/{id}/history/{revision}", article.GetRevisionAsync).Describe(article.Revision);

        var statements = app.MapGroup("/v1/statements").WithTags("Statements").RejectsMalformedIds("statement");
        var statement = StatementCommands.Curated;
        statements.MapGet("/", StatementEndpoints.List).Validate<StatementListQuery>().WithStoredPage("statement", ["speaker", "article"]);
        statements.MapExport<StatementListQuery>(StatementEndpoints.Export, nameof(StatementResponse), "limit", "cursor");
        statements.MapGet("/{id}", StatementEndpoints.Get).WithStoredRepresentation(StatementCommands.Resource).ProducesProblem(StatusCodes.Status404NotFound);
        statements.MapPost("/", StatementCommands.CreateAsync).AcceptsCuratorJson<StatementWrite>(WriteProblems.Conflict | WriteProblems.Unprocessable);
        statements.MapPut("/{id}", StatementCommands.ReplaceAsync).AcceptsCuratorJson<StatementWrite>(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict | WriteProblems.Unprocessable);
        statements.MapPost("/{id}/workflow", StatementCommands.Workflow.MoveAsync).Describe(StatementCommands.Workflow.Move);
        statements.MapDelete("/{id}", statement.DeleteAsync).Describe(statement.Deletion);
        statements.MapPost("/{id}/restore", statement.RestoreAsync).Describe(statement.Restoration);
        statements.MapGet("/{id}/history", statement.ListHistoryAsync).Describe(statement.History);
        statements.MapGet("/{id}/history/{revision}", statement.GetRevisionAsync).Describe(statement.Revision);

        var claims = app.MapGroup("/v1/claims").WithTags("Claims").RejectsMalformedIds("claim");
        var claim = ClaimCommands.Curated;
        claims.MapGet("/", ClaimEndpoints.List).Validate<ClaimListQuery>().WithStoredPage("claim", ["entity", "claimant", "article"], ClaimsFilteredThrough);
        claims.MapExport<ClaimListQuery>(ClaimEndpoints.Export, nameof(ClaimDetail), "limit", "cursor", "sort");
        claims.MapPost("/match", ClaimEndpoints.Match).AcceptsJson<ClaimMatchRequest>(ClaimMatcher.MaxBodyBytes);
        claims.MapGet("/{id}", ClaimEndpoints.Get).WithStoredRepresentation(ClaimCommands.Resource, ClaimJsonLdRenderer.Representation).ProducesProblem(StatusCodes.Status404NotFound);
        claims.MapGet("/{id}/claim-review", ClaimEndpoints.GetJsonLd).WithStoredRepresentation(ClaimCommands.Resource, ClaimJsonLdRenderer.Representation, AlternateServing.Always)
            .Produces<ClaimJsonLd>(StatusCodes.Status200OK, ClaimJsonLdRenderer.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        claims.MapPost("/", ClaimCommands.CreateAsync).AcceptsCuratorJson<ClaimWrite>(WriteProblems.Conflict | WriteProblems.Unprocessable);
        claims.MapPut("/{id}", ClaimCommands.ReplaceAsync).AcceptsCuratorJson<ClaimWrite>(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict | WriteProblems.Unprocessable);
        claims.MapPost("/{id}/workflow", ClaimCommands.Workflow.MoveAsync).Describe(ClaimCommands.Workflow.Move);
        claims.MapDelete("/{id}", claim.DeleteAsync).Describe(claim.Deletion);
        claims.MapPost("/{id}/restore", claim.RestoreAsync).Describe(claim.Restoration);
        claims.MapGet("/{id}/history", claim.ListHistoryAsync).Describe(claim.History);
        claims.MapGet("/{id}/history/{revision}", claim.GetRevisionAsync).Describe(claim.Revision);

        var entities = app.MapGroup("/v1/entities").WithTags("Entities").RejectsMalformedIds("entity");
        var entity = EntityCommands.Curated;
        entities.MapGet("/", EntityEndpoints.List).Validate<EntityListQuery>();
        entities.MapExport<EntityListQuery>(EntityEndpoints.Export, nameof(EntityResponse), "limit", "cursor");
        entities.MapGet("/{id}", EntityEndpoints.Get).WithStoredRepresentation(EntityCommands.Resource).Produces(StatusCodes.Status301MovedPermanently).ProducesProblem(StatusCodes.Status404NotFound);
        entities.MapGet("/{id}/claims", EntityEndpoints.ListClaims).Validate<ClaimListQuery>().WithStoredPage("claim", ["id"], ClaimsFilteredThrough).ProducesProblem(StatusCodes.Status404NotFound);
        entities.MapPost("/", EntityCommands.CreateAsync).AcceptsCuratorJson<EntityWrite>(WriteProblems.Conflict | WriteProblems.Unprocessable);
        entities.MapPut("/{id}", EntityCommands.ReplaceAsync).AcceptsCuratorJson<EntityWrite>(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Unprocessable);
        entities.MapPost("/{id}/merge", EntityCommands.MergeAsync).AcceptsCuratorJson<EntityMerge>(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict | WriteProblems.Unprocessable);
        entities.MapDelete("/{id}", entity.DeleteAsync).Describe(entity.Deletion);
        entities.MapPost("/{id}/restore", entity.RestoreAsync).Describe(entity.Restoration);
        entities.MapGet("/{id}/history", entity.ListHistoryAsync).Describe(entity.History);
        entities.MapGet("/{id}/history/{revision}", entity.GetRevisionAsync).Describe(entity.Revision);

        var reviewsOfClaim = app.MapGroup("/v1/claims/{claimId}/reviews").WithTags("Reviews").RejectsMalformedIds("claim", "claimId");
        var reviews = app.MapGroup("/v1/reviews").WithTags("Reviews").RejectsMalformedIds("review");
        var review = ReviewCommands.Curated;
        reviewsOfClaim.MapGet("/", ReviewEndpoints.List).Validate<ReviewListQuery>().ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapGet("/", ReviewEndpoints.ListAll).Validate<ReviewFilterQuery>();
        reviews.MapExport<ReviewFilterQuery>(ReviewEndpoints.Export, nameof(ReviewResponse), "limit", "cursor");
        reviews.MapGet("/{id}", ReviewEndpoints.Get).WithStoredRepresentation(ReviewCommands.Resource).ProducesProblem(StatusCodes.Status404NotFound);
        reviewsOfClaim.MapPost("/", ReviewCommands.CreateAsync).AcceptsCuratorJson<ReviewWrite>(WriteProblems.NotFound | WriteProblems.Conflict | WriteProblems.Unprocessable);
        reviews.MapPut("/{id}", ReviewCommands.ReplaceAsync).AcceptsCuratorJson<ReviewWrite>(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Unprocessable);
        reviews.MapDelete("/{id}", review.DeleteAsync).Describe(review.Deletion);
        reviews.MapPost("/{id}/restore", review.RestoreAsync).Describe(review.Restoration);
        reviews.MapGet("/{id}/history", review.ListHistoryAsync).Describe(review.History);
        reviews.MapGet("/{id}/history/{revision}", review.GetRevisionAsync).Describe(review.Revision);

        app.MapGroup("/v1/changes").WithTags("Changes").MapGet("/", ChangeEndpoints.List).Validate<ChangeQuery>();
        app.MapGroup("/v1/feeds").WithTags("Feeds").MapGet("/claims.atom", FeedEndpoints.Claims).Validate<ClaimFeedQuery>()
            .Produces<string>(StatusCodes.Status200OK, AtomWriter.MediaType).Produces(StatusCodes.Status304NotModified);
        app.MapGroup("/v1/import").WithTags("Import").MapPost("/", ImportEndpoints.ImportAsync).Validate<ImportQuery>().RequireAuthorization(Policies.Curator)
            .AddOpenApiOperationTransformer(ImportEndpoints.DescribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(ImportEndpoints.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesWriteProblems(WriteProblems.Conflict | WriteProblems.Unprocessable);

        app.MapGroup("/v1/search").WithTags("Search").MapGet("/", SearchEndpoints.Search).Validate<SearchQuery>();

        var webhooks = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin).RejectsMalformedIds("webhook");
        webhooks.MapGet("/", WebhookEndpoints.ListAsync).ProducesAuthProblems();
        webhooks.MapPost("/", WebhookEndpoints.CreateAsync).AcceptsJson<WebhookWrite>(WriteLimits.JsonBodyBytes).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesAuthProblems();
        webhooks.MapGet("/{id}", WebhookEndpoints.GetAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        webhooks.MapDelete("/{id}", WebhookEndpoints.DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        webhooks.MapPost("/{id}/pause", WebhookEndpoints.PauseAsync).AcceptsJson<WebhookPause>().ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        webhooks.MapPost("/{id}/resume", WebhookEndpoints.ResumeAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        webhooks.MapGet("/{id}/deliveries", WebhookEndpoints.ListDeliveriesAsync).Validate<DeliveryListQuery>().ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        webhooks.MapPost("/{id}/deliveries/{deliveryId}/replay", WebhookEndpoints.ReplayAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        app.MapGroup("/v1/extract").WithTags("Extraction").MapPost("/", ExtractEndpoints.ExtractAsync)
            .AddOpenApiOperationTransformer(ExtractEndpoints.DescribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(ExtractEndpoints.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var keys = app.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", KeyEndpoints.ListAsync).ProducesAuthProblems();
        keys.MapPost("/", KeyEndpoints.CreateAsync).AcceptsJson<ApiKeyRequest>(WriteLimits.JsonBodyBytes).ProducesProblem(StatusCodes.Status409Conflict).ProducesAuthProblems();
        keys.MapGet("/{name}", KeyEndpoints.GetAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        keys.MapDelete("/{name}", KeyEndpoints.RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesAuthProblems();
        return app;
    }

    /// <summary>A curator's write with a JSON body: the body declared, limited and validated; the problems it can answer.</summary>
    private static RouteHandlerBuilder AcceptsCuratorJson<TBody>(this RouteHandlerBuilder route, WriteProblems problems)
        where TBody : notnull =>
        route.RequireAuthorization(Policies.Curator).AcceptsJson<TBody>(WriteLimits.JsonBodyBytes).ProducesWriteProblems(problems);

    /// <summary>A curator's article write: text/plain in the seed format or JSON, read by the handler itself (<see cref="ArticleBody"/>).</summary>
    private static RouteHandlerBuilder AcceptsArticle(this RouteHandlerBuilder route) =>
        route.RequireAuthorization(Policies.Curator)
            .AddOpenApiOperationTransformer(ArticleBody.DescribeAsync)
            .WithMetadata(new ValidatedBy(typeof(ArticleWrite))) // a text/plain body's metadata in the query (ArticleBody)
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.ArticleBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
