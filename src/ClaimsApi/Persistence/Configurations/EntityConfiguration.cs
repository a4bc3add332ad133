using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class NamedEntityConfiguration : IEntityTypeConfiguration<NamedEntity>
{
    public void Configure(EntityTypeBuilder<NamedEntity> builder)
    {
        builder.ToTable("entities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(e => e.Name).HasMaxLength(Limits.Name);
        builder.Property(e => e.NormalizedName).HasMaxLength(Limits.Name);
        builder.HasIndex(e => e.NormalizedName);
        builder.Property(e => e.WikidataId).HasMaxLength(20);
        ProposalColumns.Configure(builder);
        builder.Property(e => e.SeedFile).HasMaxLength(260);
        builder.Property(e => e.Revision).IsConcurrencyToken().HasDefaultValue(1); // rows written outside EF (the generator) start at 1
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(e => e.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(e => e.PartOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Aliases).WithOne().HasForeignKey(a => a.EntityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.Kind, e.Id });
    }
}

internal sealed class EntityAliasConfiguration : IEntityTypeConfiguration<EntityAlias>
{
    public void Configure(EntityTypeBuilder<EntityAlias> builder)
    {
        builder.ToTable("entity_aliases");
        builder.HasKey(a => new { a.EntityId, a.Alias });
        builder.Property(a => a.Alias).HasMaxLength(Limits.Name);
        builder.Property(a => a.NormalizedAlias).HasMaxLength(Limits.Name);
        builder.HasIndex(a => a.NormalizedAlias);
    }
}
