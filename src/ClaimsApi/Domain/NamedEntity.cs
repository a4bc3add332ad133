namespace ClaimsApi.Domain;

/// <summary>
/// A person, organisation, state, place, treaty … that statements and claims refer to.
/// Named so as not to collide with EF Core's "entity".
/// </summary>
public sealed class NamedEntity : ICurated, IProposable
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The folded form of <see cref="Name"/> (see <see cref="TextFolding"/>), for lookups.</summary>
    public required string NormalizedName { get; set; }
    public required EntityKind Kind { get; set; }
    public string? Description { get; set; }
    public string? WikidataId { get; set; }
    public string? PartOfId { get; set; }
    public string? SeedFile { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? DeletedAt { get; set; }

    public string? ProposedBy { get; set; }
    public string? Extractor { get; set; }
    public double? Confidence { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The entity this one was merged into (it is then deleted, and its id redirects there).</summary>
    public string? MergedIntoId { get; set; }

    public List<EntityAlias> Aliases { get; } = [];
}

/// <summary>Another name for an entity. <see cref="NormalizedAlias"/> is the folded form used for lookups.</summary>
public sealed class EntityAlias
{
    public required string EntityId { get; set; }
    public required string Alias { get; set; }
    public required string NormalizedAlias { get; set; }
}
