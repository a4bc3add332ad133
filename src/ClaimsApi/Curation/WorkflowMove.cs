using ClaimsApi.Domain;
using FluentValidation;

namespace ClaimsApi.Curation;

/// <summary>A move in the workflow.</summary>
/// <param name="To">The stage to move to: in-review (from draft), draft (from in-review or retracted), published (from in-review) or retracted (from published).</param>
/// <param name="Reason">Why: required to retract, and only then.</param>
public sealed record WorkflowMove(WorkflowState? To, string? Reason);

internal sealed class WorkflowMoveValidator : AbstractValidator<WorkflowMove>
{
    public WorkflowMoveValidator()
    {
        RuleFor(m => m.To).NotNull().WithMessage($"'to' is required: one of {string.Join(", ", EnumNames.All<WorkflowState>())}.");
        RuleFor(m => m.Reason).MustBeText(Limits.Reason).When(m => m.To == WorkflowState.Retracted);
        // A reason is kept only with a retraction; accepting one elsewhere would drop it without a word.
        RuleFor(m => m.Reason).Null().When(m => m.To is not null and not WorkflowState.Retracted)
            .WithMessage("'reason' is only for a retraction (to: retracted); leave it out for other moves.");
    }
}
