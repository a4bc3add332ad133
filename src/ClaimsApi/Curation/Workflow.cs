using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;

namespace ClaimsApi.Curation;

/// <summary>
/// The desk's workflow for claims and statements: draft → in-review → published, published → retracted (with a
/// reason); a claim in review can be sent back to draft, and a retracted one reworked from draft.
/// </summary>
public static class Workflow
{
    private static readonly Dictionary<WorkflowState, WorkflowState[]> Moves = new()
    {
        [WorkflowState.Draft] = [WorkflowState.InReview],
        [WorkflowState.InReview] = [WorkflowState.Draft, WorkflowState.Published],
        [WorkflowState.Published] = [WorkflowState.Retracted],
        [WorkflowState.Retracted] = [WorkflowState.Draft],
    };

    /// <summary>The <see cref="CuratedResource{T, TView}.PublicWhen"/> of a workflowed record: its representation's workflow is published.</summary>
    public static ValueTask<bool> PublicWhenPublished(JsonElement representation, ClaimsDbContext db, CancellationToken ct) =>
        ValueTask.FromResult(representation.TryGetProperty("workflow", out var workflow) && workflow.ValueEquals(EnumNames.Of(WorkflowState.Published)));

    public static IReadOnlyList<WorkflowState> AllowedFrom(WorkflowState from) => Moves[from];

    /// <summary>Why the record cannot move to <paramref name="to"/> (the rest of a sentence that starts with its name), or null.</summary>
    public static string? Refuse(IWorkflowed record, WorkflowState to)
    {
        if (Moves[record.Workflow].Contains(to))
        {
            return null;
        }

        var allowed = string.Join(" or ", Moves[record.Workflow].Select(EnumNames.Of));
        return $"is {EnumNames.Of(record.Workflow)} and cannot move to {EnumNames.Of(to)}; from {EnumNames.Of(record.Workflow)} it can move to {allowed}.";
    }

    /// <summary>Moves the record (the move must be allowed); a retraction keeps its reason until the record goes back to draft.</summary>
    public static void Apply(IWorkflowed record, WorkflowState to, string? reason)
    {
        record.Workflow = to;
        record.RetractionReason = to switch
        {
            WorkflowState.Retracted => reason,
            WorkflowState.Draft => null,
            _ => record.RetractionReason,
        };
    }
}
