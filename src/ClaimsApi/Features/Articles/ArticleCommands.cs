using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ClaimsApi.Features.Articles;

/// <summary>Creating, replacing, deleting and restoring articles. Articles have no workflow: they are published texts.</summary>
public static class ArticleCommands
{
    internal static readonly CuratedResource<Article, ArticleDetail> Resource = new()
    {
        Name = CuratedRecords.Article,
        Path = "/v1/articles",
        IndexKind = "article",
        Query = db => db.Articles.Include(a => a.Paragraphs).AsSplitQuery(), // not the text once per paragraph
        Render = ArticleEndpoints.LoadAsync,
        RenderMany = ArticleEndpoints.LoadManyAsync,
        RefuseDelete = ArticleEditor.DependentsAsync,
        RefuseRestore = async (article, db, ct) =>
            article.PublisherId is { } publisher && !await db.Entities.AnyAsync(e => e.Id == publisher, ct)
                ? $"Article '{article.Id}' refers to its publisher, entity '{publisher}', which is deleted now; restore it first."
                : null,
    };

    internal static readonly CuratedEndpoints<Article, ArticleDetail> Curated = new(Resource, "Article");

    [EndpointName("CreateArticle")]
    [EndpointSummary("Create an article")]
    [EndpointDescription("Creates an article from its text in the seed format (text/plain, metadata in the query string; or JSON with 'text') or from structured JSON fields, parsed exactly as a seed article file. 422 when the text does not parse, naming the line and column. With propose=true the attributions the extractor finds in it are stored with it, in the same write, as draft statements and claims (and the entities their speakers need), each marked machine-proposed and unconfirmed; GET /v1/articles/{id} with a curator key shows them.")]
    internal static async Task<Results<Created<ArticleDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [AsParameters] ArticleCreateQuery query, IValidator<ArticleWrite> validator, IOptions<JsonOptions> json, CurationPipeline curation, EntityAliasIndex aliases, ClaimsDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = await ArticleBody.ReadAsync(http, query, validator, json.Value.SerializerOptions, ct);
        if (invalid is not null)
        {
            return Refused<Created<ArticleDetail>>(invalid);
        }

        var article = ArticleEditor.New(input!.Id ?? ArticleBuilder.DefaultId(input.Parsed.Text), input);

        // The extractor runs before the write's turn is taken: it reads nothing in the transaction, and a megabyte takes it a second.
        var proposals = query.Propose == "true" ? await ArticleProposals.ExtractAsync(article.Text, aliases, db, ct) : null;
        var written = await curation.CreateAsync(
            Resource,
            article,
            (_, changes, ct) => ArticleEditor.PublisherProblemAsync(input.Publisher, changes.Lookup, ct),
            ct,
            proposals is null ? null : async (created, changes, ct) => await ArticleProposals.AddAsync(created, proposals, changes, ct));
        return written.Problem is { } problem ? problem : TypedResults.Created(written.Location, written.Record);
    }

    [EndpointName("ReplaceArticle")]
    [EndpointSummary("Replace an article")]
    [EndpointDescription("Replaces the article's text and metadata (same bodies as the creation). Every statement in it is found again in the new text by its own text (with the text around it when it occurs more than once), and moves there with the evidence of the claims that cite it; 409 naming the statements that are not there exactly once. Needs If-Match.")]
    internal static async Task<Results<Ok<ArticleDetail>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, [AsParameters] ArticleTextQuery query, IValidator<ArticleWrite> validator, IOptions<JsonOptions> json, CurationPipeline curation, HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = await ArticleBody.ReadAsync(http, query, validator, json.Value.SerializerOptions, ct);
        if (invalid is not null)
        {
            return Refused<Ok<ArticleDetail>>(invalid);
        }

        if (Resource.RefuseOtherId(input!.Id, id, "The id") is { } otherId)
        {
            return otherId;
        }

        var written = await curation.ChangeAsync(Resource, id, "update", (article, changes, ct) => ArticleEditor.ReplaceAsync(article, input, changes, ct), ct);
        return written.Problem is { } problem ? problem : TypedResults.Ok(written.Record);
    }

    [EndpointName("ProposeArticleAttributions")]
    [EndpointSummary("Store the extractor's proposals for an article")]
    [EndpointDescription("Runs the attribution extractor on an article that has no statements yet (a seeded article without curation, one created without propose=true) and stores what it proposes, as POST /v1/articles?propose=true does at creation: draft statements and claims and the new entities they need, each machine-proposed and unconfirmed, in one write that is the article's new revision. Needs If-Match with the article's ETag; 409 when the article has statements (in any workflow stage), so proposals never mix with a curator's work.")]
    internal static async Task<Results<Ok<ArticleDetail>, ProblemHttpResult>> ProposeAsync(
        string id, CurationPipeline curation, EntityAliasIndex aliases, ClaimsDbContext db, CancellationToken ct)
    {
        var text = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Text).FirstOrDefaultAsync(ct);
        if (text is null)
        {
            return Problems.NotFound(Resource.Name, id);
        }

        // Outside the write's turn, as at creation; the write checks that the text it ran on is still the article's.
        var proposals = await ArticleProposals.ExtractAsync(text, aliases, db, ct);
        var written = await curation.ChangeAsync(Resource, id, "update", async (article, changes, ct) =>
        {
            if (article.Text != text)
            {
                return Problems.Conflict($"Article '{id}' was replaced while its proposals were being made; send the request again.");
            }

            if (await changes.Db.Statements.InEveryStage().AnyAsync(s => s.ArticleId == id, ct))
            {
                return Problems.Conflict(
                    $"Article '{id}' has statements already: proposals are for an article no one has curated. Delete its statements first, or propose on POST /v1/extract and write what you keep.");
            }

            await ArticleProposals.AddAsync(article, proposals, changes, ct);
            return null;
        }, ct);
        return written.Problem is { } problem ? problem : TypedResults.Ok(written.Record);
    }

    /// <summary>A body that could not be read: a 400 validation problem, or another problem (413, 415, 422).</summary>
    private static Results<TSuccess, ValidationProblem, ProblemHttpResult> Refused<TSuccess>(IResult problem)
        where TSuccess : IResult =>
        problem is ValidationProblem validation ? validation : (ProblemHttpResult)problem;
}
