namespace ClaimsApi.Persistence;

/// <summary>A row of the full-text index that matched: which record, and how well (higher is better).</summary>
public sealed class SearchHit
{
    public required string Kind { get; init; }
    public required string RefId { get; init; }
    public required double Score { get; init; }
}
