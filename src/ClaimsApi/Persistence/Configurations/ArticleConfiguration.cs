using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("articles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(a => a.Title).IsRequired();
        builder.Property(a => a.Lead).IsRequired();
        builder.Property(a => a.Text).IsRequired();
        builder.Property(a => a.Language).HasMaxLength(35);
        builder.Property(a => a.ContentSha256).HasMaxLength(64);
        builder.Property(a => a.SeedFile).HasMaxLength(260);
        builder.Property(a => a.Revision).IsConcurrencyToken().HasDefaultValue(1); // rows written outside EF (the generator) start at 1
        builder.HasOne<NamedEntity>().WithMany().HasForeignKey(a => a.PublisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Paragraphs).WithOne().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.PublishedOn, a.Id }).IsDescending(true, false); // newest first, then id
        builder.HasIndex(a => a.Id, "Seeded").HasFilter(SeedRows.Filter).HasDatabaseName("ix_articles_seeded"); // the seed import reads only its own rows, in id order
        builder.Navigation(a => a.Paragraphs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ArticleParagraphConfiguration : IEntityTypeConfiguration<ArticleParagraph>
{
    public void Configure(EntityTypeBuilder<ArticleParagraph> builder)
    {
        builder.ToTable("article_paragraphs");
        builder.HasKey(p => new { p.ArticleId, p.Index });
        builder.Property(p => p.Artifact).HasMaxLength(32);
    }
}
