using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>
/// The two model-level filters every read gets (EF Core named query filters), so that a query that must see
/// more drops one by name instead of dropping both and adding the other back by hand.
/// </summary>
public static class QueryFilters
{
    /// <summary>Deleted records are never seen (except by a restore, and by the rules a write checks against all records).</summary>
    public const string Deleted = "deleted";

    /// <summary>Claims and statements that are not published are seen only by curators.</summary>
    public const string Unpublished = "unpublished";

    /// <summary>
    /// The live records in every workflow stage, whoever reads: what the rules of a write rest on (a draft claim
    /// citing a statement keeps it from being deleted as much as a published one).
    /// </summary>
    public static IQueryable<T> InEveryStage<T>(this IQueryable<T> records)
        where T : class =>
        records.IgnoreQueryFilters([Unpublished]);
}
