namespace ClaimsApi.Domain;

/// <summary>
/// One claimed fact, in a normalised sentence, with who claims it and the statements that carry it.
/// Named so as not to collide with <see cref="System.Security.Claims.Claim"/>; the API calls it a claim.
/// </summary>
public sealed class ClaimedFact : IWorkflowed, IProposable
{
    public required string Id { get; set; }
    public required string Text { get; set; }
    public required string ClaimantId { get; set; }
    public required ClaimKind Kind { get; set; }
    public required DateOnly ClaimedOn { get; set; }
    public string? Subject { get; set; }
    public string? Predicate { get; set; }
#pragma warning disable CA1720 // subject/predicate/object is the vocabulary of the field
    public string? Object { get; set; }
#pragma warning restore CA1720
    public required VerificationStatus Status { get; set; }

    /// <summary>The article the claim was curated from.</summary>
    public required string ArticleId { get; set; }
    public string? SeedFile { get; set; }
    public WorkflowState Workflow { get; set; } = WorkflowState.Published;
    public string? RetractionReason { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? DeletedAt { get; set; }

    public string? ProposedBy { get; set; }
    public string? Extractor { get; set; }
    public double? Confidence { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    public List<ClaimEvidence> Evidence { get; } = [];
    public List<ClaimMention> Mentions { get; } = [];
    public List<ClaimQualifier> Qualifiers { get; } = [];
    public List<ClaimLink> Links { get; } = [];
}

/// <summary>The part of a statement that carries a claim; the span is in article code points and lies inside the statement.</summary>
public sealed class ClaimEvidence
{
    public required string ClaimId { get; set; }
    public required int Ordinal { get; set; }
    public required string StatementId { get; set; }
    public required int Start { get; set; }
    public required int End { get; set; }
    public required string Text { get; set; }
}

/// <summary>An entity a claim mentions.</summary>
public sealed class ClaimMention
{
    public required string ClaimId { get; set; }
    public required string EntityId { get; set; }
}

/// <summary>A named qualifier of a claim (legal basis, time, place …), optionally denoting an entity.</summary>
public sealed class ClaimQualifier
{
    public required string ClaimId { get; set; }
    public required int Ordinal { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
    public string? EntityId { get; set; }
}

/// <summary>A typed, directed link from one claim to another.</summary>
public sealed class ClaimLink
{
    public required string FromClaimId { get; set; }
    public required string ToClaimId { get; set; }
    public required ClaimLinkKind Kind { get; set; }
}
