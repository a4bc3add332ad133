namespace ClaimsApi.Seeding;

// The shape of a curation file (docs/seed-format.md). Mutable classes because YamlDotNet binds through
// setters; they never leave the loader, which validates them into domain objects.
#pragma warning disable CA1002, CA2227 // DTOs for the YAML binder

internal sealed class CurationDocument
{
    public CurationArticle? Article { get; set; }
    public List<CurationEntity>? Entities { get; set; }
    public List<CurationStatement>? Statements { get; set; }
    public List<CurationClaim>? Claims { get; set; }
}

internal sealed class CurationArticle
{
    public string? Language { get; set; }
    public string? Publisher { get; set; }
    public string? SourceUrl { get; set; }
}

internal sealed class CurationEntity
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public List<string>? Aliases { get; set; }
    public string? PartOf { get; set; }
    public string? Description { get; set; }
    public string? Wikidata { get; set; }
}

internal class CurationQuote
{
    public string? Exact { get; set; }
    public string? Prefix { get; set; }
    public string? Suffix { get; set; }
}

internal sealed class CurationStatement : CurationQuote
{
    public string? Id { get; set; }
    public string? Speaker { get; set; }
    public string? Kind { get; set; }
    public string? Cue { get; set; }
    public string? Parent { get; set; }
    public string? Source { get; set; }
}

internal sealed class CurationEvidence : CurationQuote
{
    public string? Statement { get; set; }
}

internal sealed class CurationQualifier
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public string? Entity { get; set; }
}

internal sealed class CurationLink
{
    public string? Kind { get; set; }
    public string? Claim { get; set; }
}

internal sealed class CurationClaim
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public string? Claimant { get; set; }
    public string? Kind { get; set; }
    public string? ClaimedOn { get; set; }
    public string? Status { get; set; }
    public string? Subject { get; set; }
    public string? Predicate { get; set; }
    public string? Object { get; set; }
    public List<CurationQualifier>? Qualifiers { get; set; }
    public List<CurationEvidence>? Evidence { get; set; }
    public List<string>? Mentions { get; set; }
    public List<CurationLink>? Links { get; set; }
}
