using ClaimsApi.Curation;
using ClaimsApi.Domain;

namespace ClaimsApi.Tests.Curation;

public sealed class WorkflowTests
{
    private static readonly HashSet<(WorkflowState From, WorkflowState To)> Allowed =
    [
        (WorkflowState.Draft, WorkflowState.InReview),
        (WorkflowState.InReview, WorkflowState.Draft),
        (WorkflowState.InReview, WorkflowState.Published),
        (WorkflowState.Published, WorkflowState.Retracted),
        (WorkflowState.Retracted, WorkflowState.Draft),
    ];

    public static TheoryData<WorkflowState, WorkflowState> EveryMove()
    {
        var moves = new TheoryData<WorkflowState, WorkflowState>();
        foreach (var from in Enum.GetValues<WorkflowState>())
        {
            foreach (var to in Enum.GetValues<WorkflowState>())
            {
                moves.Add(from, to);
            }
        }

        return moves;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void OnlyTheDesksMovesAreAllowed(WorkflowState from, WorkflowState to)
    {
        var refusal = Workflow.Refuse(Claim(from), to);

        if (Allowed.Contains((from, to)))
        {
            Assert.Null(refusal);
            Assert.Contains(to, Workflow.AllowedFrom(from));
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.StartsWith($"is {EnumNames.Of(from)} and cannot move to {EnumNames.Of(to)}; from {EnumNames.Of(from)} it can move to ", refusal, StringComparison.Ordinal);
            Assert.All(Workflow.AllowedFrom(from), allowed => Assert.Contains(EnumNames.Of(allowed), refusal, StringComparison.Ordinal));
            Assert.DoesNotContain(to, Workflow.AllowedFrom(from));
        }
    }

    [Fact]
    public void AllowedFromListsExactlyTheAllowedMoves()
    {
        foreach (var from in Enum.GetValues<WorkflowState>())
        {
            Assert.Equal(Allowed.Where(m => m.From == from).Select(m => m.To).Order(), Workflow.AllowedFrom(from).Order());
        }
    }

    [Fact]
    public void ARetractionKeepsItsReasonUntilTheRecordGoesBackToDraft()
    {
        var claim = Claim(WorkflowState.Published);

        Workflow.Apply(claim, WorkflowState.Retracted, "The source withdrew the report.");
        Assert.Equal((WorkflowState.Retracted, "The source withdrew the report."), (claim.Workflow, claim.RetractionReason));

        Workflow.Apply(claim, WorkflowState.Draft, null);
        Assert.Equal((WorkflowState.Draft, (string?)null), (claim.Workflow, claim.RetractionReason));
    }

    [Theory]
    [InlineData(WorkflowState.InReview)]
    [InlineData(WorkflowState.Published)]
    public void MovesOtherThanRetractAndDraftLeaveTheReasonAlone(WorkflowState to)
    {
        var claim = Claim(WorkflowState.Draft);
        claim.RetractionReason = "earlier reason";

        Workflow.Apply(claim, to, "ignored");

        Assert.Equal((to, "earlier reason"), (claim.Workflow, claim.RetractionReason));
    }

    private static ClaimedFact Claim(WorkflowState state) => new()
    {
        Id = "c", Text = "t", ClaimantId = "e", Kind = ClaimKind.Factual, ClaimedOn = default, Status = VerificationStatus.Unverified,
        ArticleId = "a", Workflow = state,
    };
}
