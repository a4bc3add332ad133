using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class ClaimReviewConfiguration : IEntityTypeConfiguration<ClaimReview>
{
    public void Configure(EntityTypeBuilder<ClaimReview> builder)
    {
        builder.ToTable("claim_reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(r => r.ReviewerName).HasMaxLength(Limits.Name);
        builder.Property(r => r.NormalizedReviewerName).HasMaxLength(Limits.Name);
        builder.Property(r => r.ReviewerUrl).HasMaxLength(Limits.Url);
        builder.Property(r => r.Url).HasMaxLength(Limits.Url);
        builder.Property(r => r.RatingText).HasMaxLength(Limits.Name);
        builder.Property(r => r.Summary).HasMaxLength(Limits.ClaimText);
        builder.Property(r => r.SeedFile).HasMaxLength(260);
        builder.Property(r => r.Revision).IsConcurrencyToken().HasDefaultValue(1); // rows written outside EF (the generator) start at 1
        builder.HasOne<ClaimedFact>().WithMany().HasForeignKey(r => r.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ClaimId, r.ReviewedOn });

        // GET /v1/reviews, newest first then id: unfiltered, by reviewer (folded name) and by rating, each a range of its index.
        builder.HasIndex(r => new { r.ReviewedOn, r.Id }, "ReviewedOnDescending").IsDescending(true, false).HasDatabaseName("ix_claim_reviews_reviewed_on_desc_id");
        builder.HasIndex(r => new { r.NormalizedReviewerName, r.ReviewedOn, r.Id }, "ReviewerReviewedOnDescending").IsDescending(false, true, false)
            .HasDatabaseName("ix_claim_reviews_normalized_reviewer_name_reviewed_on_desc_id");
        builder.HasIndex(r => new { r.Rating, r.ReviewedOn, r.Id }, "RatingReviewedOnDescending").IsDescending(false, true, false)
            .HasDatabaseName("ix_claim_reviews_rating_reviewed_on_desc_id");
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.ToTable("history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.ResourceType).HasMaxLength(16);
        builder.Property(h => h.ResourceId).HasMaxLength(Ids.MaxLength);
        builder.Property(h => h.Action).HasMaxLength(16);
        builder.Property(h => h.Event).HasMaxLength(16);
        builder.Property(h => h.Actor).HasMaxLength(ApiKeyLimits.Name);
        // One entry per revision: two writers that both passed the revision check cannot both record revision n.
        builder.HasIndex(h => new { h.ResourceType, h.ResourceId, h.Revision }).IsUnique();
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKeyLimits.Name);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.HasIndex(k => k.Name).IsUnique();
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}

/// <summary>Limits of API keys shared by the store and the configuration.</summary>
internal static class ApiKeyLimits
{
    public const int Name = 64;
}
