using ClaimsApi.Auth;
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
        RefuseDelete = StatementReferences.DependentsAsync,
        RefuseRestore = StatementReferences.MissingAsync,
        RefuseMove = StatementEditor.PublishedCitationsAsync,
    };

    public static RouteGroupBuilder MapStatementCommands(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync)
            .WithName("CreateStatement")
            .WithSummary("Create a statement")
            .WithDescription("Creates a statement as a draft, anchored by quoting the article (the server computes the span); 422 when the quote is not in the article or is ambiguous (add a prefix or suffix), or a reference is unknown.")
            .RequireAuthorization(Policies.Curator)
            .AcceptsJson<StatementWrite>()
            .ProducesWriteProblems(WriteProblems.Conflict | WriteProblems.Unprocessable);

        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceStatement")
            .WithSummary("Replace a statement")
            .WithDescription("Replaces the statement's content (not its article or workflow stage). When its span changes, the evidence of every claim that cites it is found again inside the new span by its text; 409 naming the claims whose evidence is not there exactly once. Needs If-Match.")
            .RequireAuthorization(Policies.Curator)
            .AcceptsJson<StatementWrite>()
            .ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.IfMatch | WriteProblems.Conflict | WriteProblems.Unprocessable);

        group.MapWorkflow(Resource, "Statement",
            "draft → in-review → published, published → retracted (with a reason); in-review and retracted statements can go back to draft. A statement cannot leave published while a published claim cites it. Needs If-Match.");
        group.MapCurationCommons(Resource, "Statement");
        return group;
    }

    internal static Task<Results<Created<StatementResponse>, ProblemHttpResult>> CreateAsync(StatementWrite body, CurationPipeline curation, CancellationToken ct) =>
        curation.CreateAsync(Resource, StatementEditor.New(body.Id ?? Slugs.From(body.Exact!)), (statement, changes, ct) => StatementEditor.ApplyAsync(statement, body, changes.Db, ct), ct).Created();

    internal static async Task<Results<Ok<StatementResponse>, ProblemHttpResult>> ReplaceAsync(string id, StatementWrite body, CurationPipeline curation, CancellationToken ct) =>
        Resource.RefuseOtherId(body.Id, id) ?? await curation.ChangeAsync(Resource, id, "update", (statement, changes, ct) => StatementEditor.ReplaceAsync(statement, body, changes, ct), ct).Ok();
}
