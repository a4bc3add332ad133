namespace ClaimsApi.Curation;

/// <summary>The history names of the kinds of curated record (<see cref="ICuratedResource.Name"/>).</summary>
public static class CuratedRecords
{
    public const string Article = "article";
    public const string Entity = "entity";
    public const string Statement = "statement";
    public const string Claim = "claim";
    public const string Review = "review";
}
