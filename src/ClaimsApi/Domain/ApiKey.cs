namespace ClaimsApi.Domain;

/// <summary>
/// An API key: only its SHA-256 hash is stored (the key is shown once, when created). The name is what the
/// history records as the author of a change, so names are unique and never reused.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required ApiRole Role { get; set; }

    /// <summary>The first characters of the key, safe to show, to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
