using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class ClaimedFactConfiguration : IEntityTypeConfiguration<ClaimedFact>
{
    public void Configure(EntityTypeBuilder<ClaimedFact> builder)
    {
        builder.ToTable("claims");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(c => c.Text).HasMaxLength(Limits.ClaimText);
        builder.Property(c => c.Subject).HasMaxLength(Limits.ClaimPart);
        builder.Property(c => c.Predicate).HasMaxLength(Limits.ClaimPart);
        builder.Property(c => c.Object).HasMaxLength(Limits.ClaimPart);
        builder.Property(c => c.SeedFile).HasMaxLength(260);
        builder.Property(c => c.Revision).IsConcurrencyToken().HasDefaultValue(1); // rows written outside EF (the generator) start at 1
        builder.Property(c => c.RetractionReason).HasMaxLength(Limits.Reason);
        ProposalColumns.Configure(builder);
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(c => c.ClaimantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Evidence).WithOne().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Mentions).WithOne().HasForeignKey(m => m.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Qualifiers).WithOne().HasForeignKey(q => q.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Links).WithOne().HasForeignKey(l => l.FromClaimId).OnDelete(DeleteBehavior.Cascade);
        // One index per sort direction: lists order by date (either way) and then id ascending, and an index
        // scanned backwards would give the id tie-break in the wrong direction.
        builder.HasIndex(c => new { c.ClaimedOn, c.Id });
        builder.HasIndex(c => new { c.ClaimedOn, c.Id }, "ClaimedOnDescending").IsDescending(true, false).HasDatabaseName("ix_claims_claimed_on_desc_id");
        builder.HasIndex(c => new { c.ClaimantId, c.Id });
        builder.HasIndex(c => new { c.ClaimantId, c.ClaimedOn, c.Id });
        builder.HasIndex(c => new { c.ClaimantId, c.ClaimedOn, c.Id }, "ClaimantClaimedOnDescending").IsDescending(false, true, false).HasDatabaseName("ix_claims_claimant_id_claimed_on_desc_id");
        builder.HasIndex(c => new { c.Kind, c.Id });
        builder.HasIndex(c => new { c.Status, c.Id });
        builder.HasIndex(c => c.Id, "Seeded").HasFilter(SeedRows.Filter).HasDatabaseName("ix_claims_seeded"); // the seed import reads only its own rows, in id order
    }
}

internal sealed class ClaimEvidenceConfiguration : IEntityTypeConfiguration<ClaimEvidence>
{
    public void Configure(EntityTypeBuilder<ClaimEvidence> builder)
    {
        builder.ToTable("claim_evidence");
        builder.HasKey(e => new { e.ClaimId, e.Ordinal });
        builder.HasOne<Statement>().WithMany().HasForeignKey(e => e.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.StatementId);
    }
}

internal sealed class ClaimMentionConfiguration : IEntityTypeConfiguration<ClaimMention>
{
    public void Configure(EntityTypeBuilder<ClaimMention> builder)
    {
        builder.ToTable("claim_mentions");
        builder.HasKey(m => new { m.ClaimId, m.EntityId });
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(m => m.EntityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.EntityId, m.ClaimId });
    }
}

internal sealed class ClaimQualifierConfiguration : IEntityTypeConfiguration<ClaimQualifier>
{
    public void Configure(EntityTypeBuilder<ClaimQualifier> builder)
    {
        builder.ToTable("claim_qualifiers");
        builder.HasKey(q => new { q.ClaimId, q.Ordinal });
        builder.Property(q => q.Name).HasMaxLength(Limits.QualifierName);
        builder.Property(q => q.Value).HasMaxLength(Limits.QualifierValue);
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(q => q.EntityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimLinkConfiguration : IEntityTypeConfiguration<ClaimLink>
{
    public void Configure(EntityTypeBuilder<ClaimLink> builder)
    {
        builder.ToTable("claim_links");
        builder.HasKey(l => new { l.FromClaimId, l.ToClaimId, l.Kind });
        builder.HasOne<ClaimedFact>().WithMany().HasForeignKey(l => l.ToClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.ToClaimId);
    }
}

internal sealed class SeedImportConfiguration : IEntityTypeConfiguration<SeedImport>
{
    public void Configure(EntityTypeBuilder<SeedImport> builder)
    {
        builder.ToTable("seed_imports");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Fingerprint).HasMaxLength(64);
    }
}

/// <summary>
/// Mapped for queries only: each provider's migration creates the table itself (SQLite: a WITHOUT ROWID table
/// keyed in list order; PostgreSQL: a heap with that index), which EF Core's table builder cannot express.
/// </summary>
internal sealed class EntityClaimConfiguration : IEntityTypeConfiguration<EntityClaim>
{
    public void Configure(EntityTypeBuilder<EntityClaim> builder)
    {
        builder.ToTable("entity_claims", t => t.ExcludeFromMigrations());
        builder.HasKey(e => new { e.EntityId, e.Scope, e.ClaimId });
        builder.Property(e => e.EntityId).HasMaxLength(Ids.MaxLength);
        builder.Property(e => e.ClaimId).HasMaxLength(Ids.MaxLength);
        builder.Property(e => e.Scope).HasConversion<int>();
    }
}

/// <summary>
/// The rows that came from seeds: few, in tables of millions, so a partial index of their ids lets the seed import
/// read its own rows, in the id order its split queries ask for, without scanning the table (both providers read
/// the same filter).
/// </summary>
internal static class SeedRows
{
    public const string Filter = "seed_file IS NOT NULL";
}
