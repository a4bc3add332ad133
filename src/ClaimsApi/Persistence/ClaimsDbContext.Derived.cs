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
    public Task RefreshDerivedRowsAsync(string? indexKind, ICurated record, CancellationToken cancellationToken) =>
        RefreshDerivedRowsAsync(indexKind, [record], cancellationToken);

    /// <summary>
    /// <see cref="RefreshDerivedRowsAsync(string?, ICurated, CancellationToken)"/> for many records of one kind at
    /// once, in the same few statements however many they are (a write that changes several, an import's batch).
    /// </summary>
    public async Task RefreshDerivedRowsAsync(string? indexKind, IReadOnlyCollection<ICurated> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (indexKind is not null)
        {
            await RefreshSearchIndexAsync(indexKind, [.. records.Select(r => r.Id).Distinct(StringComparer.Ordinal)], cancellationToken);
        }

        var claims = records.OfType<ClaimedFact>().Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        if (claims.Count > 0)
        {
            await RefreshEntityClaimsAsync(claims, cancellationToken);
        }
    }

    /// <summary>Replaces the <c>entity_claims</c> rows of the claims <paramref name="claimIds"/> by what their saved rows and mentions say now.</summary>
    public async Task RefreshEntityClaimsAsync(IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var ids = IdsParameter(claimIds);
        var delete = $"DELETE FROM entity_claims WHERE {InIds("claim_id", 0)}"; // the SQL is the provider's, the ids a parameter
        await Database.ExecuteSqlRawAsync(delete, [ids], cancellationToken);
        await Database.ExecuteSqlRawAsync(EntityClaimsSql.Fill(InIds("c.id", 0)), [ids], cancellationToken);
    }

    /// <summary>Refills <c>entity_claims</c> from every claim (inside the caller's transaction): for bulk loads such as the synthetic generator.</summary>
    public async Task RebuildEntityClaimsAsync(CancellationToken cancellationToken)
    {
        await Database.ExecuteSqlRawAsync("DELETE FROM entity_claims", cancellationToken);
        await Database.ExecuteSqlRawAsync(EntityClaimsSql.FillAll, cancellationToken);
    }

    /// <summary>
    /// The condition "<paramref name="column"/> is one of the ids of parameter {<paramref name="parameter"/>}" in the
    /// provider's SQL, that parameter being <see cref="IdsParameter"/>: one parameter however many ids.
    /// </summary>
    protected abstract string InIds(string column, int parameter);

    /// <summary>A list of ids as the one parameter <see cref="InIds"/> reads.</summary>
    protected abstract object IdsParameter(IReadOnlyCollection<string> ids);
}
