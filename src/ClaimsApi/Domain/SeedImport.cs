namespace ClaimsApi.Domain;

/// <summary>A record of an import of the seeds folder: its fingerprint and what the import changed.</summary>
public sealed class SeedImport
{
    public int Id { get; set; }
    public required string Fingerprint { get; set; }
    public required DateTimeOffset ImportedAt { get; set; }
    public required int Files { get; set; }
    public required int RowsAdded { get; set; }
    public required int RowsUpdated { get; set; }
    public required int RowsDeleted { get; set; }
}
