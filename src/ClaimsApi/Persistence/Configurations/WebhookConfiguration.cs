using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(Ids.MaxLength);
        builder.Property(w => w.Url).HasMaxLength(Limits.Url);
        builder.Property(w => w.Events).HasMaxLength(2000);
        builder.Property(w => w.Entity).HasMaxLength(Ids.MaxLength);
        builder.Property(w => w.Claimant).HasMaxLength(Ids.MaxLength);
        builder.Property(w => w.Description).HasMaxLength(Limits.Name);
        builder.Property(w => w.Secret).HasMaxLength(64);
        builder.Property(w => w.PausedReason).HasMaxLength(1000);
        builder.Property(w => w.CreatedBy).HasMaxLength(ApiKeyLimits.Name);
        // Two instances scheduling the same subscription: the second one's move of the position fails, and its
        // deliveries are not written twice.
        builder.Property(w => w.Position).IsConcurrencyToken();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.SubscriptionId).HasMaxLength(Ids.MaxLength);
        builder.Property(d => d.EventType).HasMaxLength(32);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.SubscriptionId, d.Position }).IsUnique(); // one delivery per change per subscription
        // Compared in queries ("due now"): SQLite cannot compare DateTimeOffset text, so it is stored as a number (UTC ticks).
        builder.Property(d => d.NextAttemptAt).HasConversion<long>();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt }); // what is due
    }
}
