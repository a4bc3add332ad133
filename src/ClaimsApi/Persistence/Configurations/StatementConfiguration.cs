using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("statements");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(s => s.Cue).HasMaxLength(Limits.Cue);
        builder.Property(s => s.SeedFile).HasMaxLength(260);
        builder.Property(s => s.Revision).IsConcurrencyToken().HasDefaultValue(1); // rows written outside EF (the generator) start at 1
        builder.Property(s => s.RetractionReason).HasMaxLength(Limits.Reason);
        ProposalColumns.Configure(builder);
        builder.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(s => s.SpeakerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Statement>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ArticleId, s.Start });
        builder.HasIndex(s => new { s.SpeakerId, s.Id });
        builder.HasIndex(s => s.Id, "Seeded").HasFilter(SeedRows.Filter).HasDatabaseName("ix_statements_seeded"); // the seed import reads only its own rows, in id order
    }
}
