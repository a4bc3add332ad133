using ClaimsApi.Curation;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

/// <summary>Creating, replacing, moving through the workflow, deleting and restoring claims.</summary>
public static class ClaimCommands
{
    internal static readonly CuratedResource<ClaimedFact, ClaimDetail> Resource = new()
    {
        Name = CuratedRecords.Claim,
        Path = "/v1/claims",
        IndexKind = "claim",
        Query = db => db.Claims.Include(c => c.Evidence).Include(c => c.Mentions).Include(c => c.Qualifiers).Include(c => c.Links).AsSplitQuery(),
        Render = ClaimEndpoints.LoadAsync,
        PublicWhen = Curation.Workflow.PublicWhenPublished,
        RenderMany = ClaimEndpoints.LoadManyAsync,
        RefuseDelete = async (claim, db, ct) =>
            await db.Reviews.AnyAsync(r => r.ClaimId == claim.Id, ct)
                ? $"Claim '{claim.Id}' has reviews; delete them first."
                : null,
        RefuseRestore = ClaimReferences.MissingAsync,
        RefuseMove = (claim, to, db, ct) => to == WorkflowState.Published ? ClaimReferences.UnpublishedEvidenceAsync(claim, new DatabaseLookup(db), ct) : Task.FromResult<string?>(null),
    };

    internal static readonly CuratedEndpoints<ClaimedFact, ClaimDetail> Curated = new(Resource, "Claim");

    internal static readonly WorkflowEndpoints<ClaimedFact, ClaimDetail> Workflow = new(Resource, "Claim",
        "draft → in-review → published, published → retracted (with a reason); in-review and retracted claims can go back to draft. Publishing needs every evidence statement published. Needs If-Match.");

    [EndpointName("CreateClaim")]
    [EndpointSummary("Create a claim")]
    [EndpointDescription("Creates a claim as a draft. Evidence is anchored by quoting the statement (the server computes the span); 422 when a quote is not in the statement or is ambiguous, or a reference is unknown.")]
    internal static Task<Results<Created<ClaimDetail>, ProblemHttpResult>> CreateAsync(ClaimWrite body, CurationPipeline curation, CancellationToken ct) =>
        curation.CreateAsync(Resource, ClaimEditor.New(body.Id ?? Slugs.From(body.Text!)), (claim, changes, ct) => ClaimEditor.ApplyAsync(claim, body, changes.Lookup, ct), ct).Created();

    [EndpointName("ReplaceClaim")]
    [EndpointSummary("Replace a claim")]
    [EndpointDescription("Replaces the claim's content (not its workflow stage) with the body. Needs If-Match with the current ETag: 428 without it, 412 when someone changed the claim since.")]
    internal static async Task<Results<Ok<ClaimDetail>, ProblemHttpResult>> ReplaceAsync(string id, ClaimWrite body, CurationPipeline curation, CancellationToken ct) =>
        Resource.RefuseOtherId(body.Id, id) ?? await curation.ChangeAsync(Resource, id, "update", (claim, changes, ct) => ClaimEditor.ReplaceAsync(claim, body, changes.Lookup, ct), ct).Ok();
}
