using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimsApi.Persistence.Configurations;

/// <summary>The provenance columns of a record the extractor can propose (<see cref="IProposable"/>): all null for a record a person wrote.</summary>
internal static class ProposalColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class, IProposable
    {
        builder.Property(r => r.ProposedBy).HasMaxLength(20);
        builder.Property(r => r.Extractor).HasMaxLength(Proposals.ExtractorLength);
    }
}
