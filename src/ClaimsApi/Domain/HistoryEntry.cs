namespace ClaimsApi.Domain;

/// <summary>
/// One change to a curated record: who (the API key's name, or "seeds"), when, what, and the whole record before
/// and after as JSON, so that any past revision can be read back and nothing a curator did is lost.
/// </summary>
public sealed class HistoryEntry
{
    public long Id { get; set; }

    /// <summary>article, entity, statement, claim or review.</summary>
    public required string ResourceType { get; set; }
    public required string ResourceId { get; set; }

    /// <summary>The revision the change produced.</summary>
    public required int Revision { get; set; }

    /// <summary>create, update, transition, merge, delete or restore.</summary>
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public required DateTimeOffset At { get; set; }

    /// <summary>The top-level fields that changed, as a JSON array of names.</summary>
    public required string Changes { get; set; }

    /// <summary>The record before the change (JSON), null for a creation or a restore.</summary>
    public string? Before { get; set; }

    /// <summary>The record after the change (JSON), null for a deletion.</summary>
    public string? After { get; set; }

    /// <summary>What the change was for readers of the change feed: created, updated, published, retracted … (<c>ChangeEvents</c>).</summary>
    public required string Event { get; set; }

    /// <summary>Whether readers without the curator's role saw the record before the change (the change feed shows them a change they saw either side of).</summary>
    public bool PublicBefore { get; set; }

    /// <summary>Whether readers without the curator's role see the record after the change.</summary>
    public bool PublicAfter { get; set; }
}
