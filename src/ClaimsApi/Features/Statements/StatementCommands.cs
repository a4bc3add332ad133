using ClaimsApi.Curation;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Features.Statements;

/// <summary>Creating, replacing, moving through the workflow, deleting and restoring statements.</summary>
public static class StatementCommands
{
    internal static readonly CuratedResource<Statement, StatementResponse> Resource = new()
    {
        Name = CuratedRecords.Statement,
        Path = "/v1/statements",
        IndexKind = "statement",
        Query = db => db.Statements,
        Render = StatementEndpoints.LoadAsync,
        PublicWhen = Curation.Workflow.PublicWhenPublished,
        RenderMany = StatementEndpoints.LoadManyAsync,
        RefuseDelete = StatementReferences.DependentsAsync,
        RefuseRestore = StatementReferences.MissingAsync,
        RefuseMove = StatementEditor.PublishedCitationsAsync,
    };

    internal static readonly CuratedEndpoints<Statement, StatementResponse> Curated = new(Resource, "Statement");

    internal static readonly WorkflowEndpoints<Statement, StatementResponse> Workflow = new(Resource, "Statement",
        "draft → in-review → published, published → retracted (with a reason); in-review and retracted statements can go back to draft. A statement cannot leave published while a published claim cites it. Needs If-Match.");

    [EndpointName("CreateStatement")]
    [EndpointSummary("Create a statement")]
    [EndpointDescription("Creates a statement as a draft, anchored by quoting the article (the server computes the span); 422 when the quote is not in the article or is ambiguous (add a prefix or suffix), or a reference is unknown.")]
    internal static Task<Results<Created<StatementResponse>, ProblemHttpResult>> CreateAsync(StatementWrite body, CurationPipeline curation, CancellationToken ct) =>
        curation.CreateAsync(Resource, StatementEditor.New(body.Id ?? Slugs.From(body.Exact!)), (statement, changes, ct) => StatementEditor.ApplyAsync(statement, body, changes.Lookup, ct), ct).Created();

    [EndpointName("ReplaceStatement")]
    [EndpointSummary("Replace a statement")]
    [EndpointDescription("Replaces the statement's content (not its article or workflow stage). When its span changes, the evidence of every claim that cites it is found again inside the new span by its text; 409 naming the claims whose evidence is not there exactly once. Needs If-Match.")]
    internal static async Task<Results<Ok<StatementResponse>, ProblemHttpResult>> ReplaceAsync(string id, StatementWrite body, CurationPipeline curation, CancellationToken ct) =>
        Resource.RefuseOtherId(body.Id, id) ?? await curation.ChangeAsync(Resource, id, "update", (statement, changes, ct) => StatementEditor.ReplaceAsync(statement, body, changes, ct), ct).Ok();
}
