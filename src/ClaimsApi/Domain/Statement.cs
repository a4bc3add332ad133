namespace ClaimsApi.Domain;

/// <summary>One attributed utterance in an article: <c>article.Text[Start..End)</c> (code points) equals <see cref="Text"/>.</summary>
public sealed class Statement : IWorkflowed, IProposable
{
    public required string Id { get; set; }
    public required string ArticleId { get; set; }
    public required string SpeakerId { get; set; }
    public required StatementKind Kind { get; set; }
    public string? Cue { get; set; }
    public required string Text { get; set; }
    public required int Start { get; set; }
    public required int End { get; set; }

    /// <summary>The statement that reports this one (nested attribution), if any.</summary>
    public string? ParentId { get; set; }

    /// <summary>The document the words come from (an entity of kind document), if known.</summary>
    public string? SourceId { get; set; }
    public string? SeedFile { get; set; }
    public WorkflowState Workflow { get; set; } = WorkflowState.Published;
    public string? RetractionReason { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? DeletedAt { get; set; }

    public string? ProposedBy { get; set; }
    public string? Extractor { get; set; }
    public double? Confidence { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}
