using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>Rows derived from the records (the search index, <c>entity_claims</c>), kept in step with every write.</summary>
public abstract partial class ClaimsDbContext
{
    /// <summary>
    /// Brings what is derived from one written record up to date, inside the caller's transaction and after the
    /// record is saved: its search-index rows (when its kind is indexed) and, for a claim, its rows of
    /// <c>entity_claims</c>. Point operations: a write costs the same on a base of any size.
    /// </summary>
    /// <param name="indexKind">The record's search-index kind (claim, statement, article), or null when it is not indexed.</param>
    /// <param name="record">The record written.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task RefreshDerivedRowsAsync(string? indexKind, ICurated record, CancellationToken cancellationToken)
    {
        if (indexKind is not null)
        {
            await RefreshSearchIndexAsync(indexKind, record.Id, cancellationToken);
        }

        if (record is ClaimedFact)
        {
            await RefreshEntityClaimsAsync(record.Id, cancellationToken);
        }
    }

    /// <summary>Replaces the <c>entity_claims</c> rows of claim <paramref name="claimId"/> by what its saved row and mentions say now.</summary>
    public async Task RefreshEntityClaimsAsync(string claimId, CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlRawAsync("DELETE FROM entity_claims WHERE claim_id = {0}", [claimId], cancellationToken);
        await Database.ExecuteSqlRawAsync(EntityClaimsSql.FillOne, [claimId], cancellationToken);
    }

    /// <summary>Refills <c>entity_claims</c> from every claim (inside the caller's transaction): for bulk loads such as the synthetic generator.</summary>
    public async Task RebuildEntityClaimsAsync(CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlRawAsync("DELETE FROM entity_claims", cancellationToken);
        await Database.ExecuteSqlRawAsync(EntityClaimsSql.FillAll, cancellationToken);
    }
}
