using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Curation;

/// <summary>Where a live statement is and what stage it is in, as a write that refers to it checks it.</summary>
public sealed record StatementFacts(string Id, string ArticleId, int Start, int End, WorkflowState Workflow);

/// <summary>
/// What the editors' checks read about the records a write refers to (do they exist, where is a statement, how many
/// claims does an article have …), asked through this interface rather than of the database directly, so that the
/// same checks serve a single write (<see cref="DatabaseLookup"/>: a query each, as they always did) and a bulk
/// import, which reads the facts of a whole batch in a few queries and adds the records the batch has written so
/// far. Every read sees what the writer sees: live records, drafts included for a curator.
/// </summary>
public interface IWriteLookup
{
    /// <summary>The ids among <paramref name="ids"/> of live entities.</summary>
    Task<IReadOnlySet<string>> EntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>The part-of links from entity <paramref name="id"/> upwards (each entity on the way → what it is part of), deleted entities' too.</summary>
    Task<IReadOnlyDictionary<string, string?>> PartOfLinksAsync(string id, CancellationToken ct);

    /// <summary>The publication dates of the live articles among <paramref name="ids"/>.</summary>
    Task<IReadOnlyDictionary<string, DateOnly>> ArticleDatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>The texts of the live articles among <paramref name="ids"/>.</summary>
    Task<IReadOnlyDictionary<string, string>> ArticleTextsAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>The live statements among <paramref name="ids"/> that the writer may see.</summary>
    Task<IReadOnlyDictionary<string, StatementFacts>> StatementsAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>The ids among <paramref name="ids"/> of live claims the writer may see.</summary>
    Task<IReadOnlySet<string>> ClaimsAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>For each of <paramref name="articleIds"/> that has any, how many live statements, in any workflow stage.</summary>
    Task<IReadOnlyDictionary<string, int>> StatementCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct);

    /// <summary>For each of <paramref name="articleIds"/> that has any, how many live claims, in any workflow stage.</summary>
    Task<IReadOnlyDictionary<string, int>> ClaimCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct);

    /// <summary>For each of <paramref name="claimIds"/> that has any, how many live reviews.</summary>
    Task<IReadOnlyDictionary<string, int>> ReviewCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct);

    /// <summary>For each of <paramref name="statementIds"/> that is evidence for any claim, for how many claims.</summary>
    Task<IReadOnlyDictionary<string, int>> CitationCountsAsync(IReadOnlyCollection<string> statementIds, CancellationToken ct);

    /// <summary>For each of <paramref name="claimIds"/> that other claims link to, how many links point at it.</summary>
    Task<IReadOnlyDictionary<string, int>> LinkCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct);

    /// <summary>The parent links of every statement of the articles <paramref name="articleIds"/> (id → parent), deleted ones' too.</summary>
    Task<IReadOnlyDictionary<string, string?>> StatementParentsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct);

    /// <summary>Locks rows a decision rests on until the transaction ends (<see cref="ClaimsDbContext.LockRowsAsync"/>).</summary>
    Task LockAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken ct);
}

/// <summary>The facts a single write's checks read, each read from the database when asked (inside the write's transaction).</summary>
public sealed class DatabaseLookup(ClaimsDbContext db) : IWriteLookup
{
    public async Task<IReadOnlySet<string>> EntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? new HashSet<string>() : (await db.Entities.WhereIn(e => e.Id, ids).Select(e => e.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string?>> PartOfLinksAsync(string id, CancellationToken ct) => await db.AboveAsync(id, ct);

    public async Task<IReadOnlyDictionary<string, DateOnly>> ArticleDatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        await db.Articles.WhereIn(a => a.Id, ids).ToDictionaryAsync(a => a.Id, a => a.PublishedOn, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, string>> ArticleTextsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        await db.Articles.WhereIn(a => a.Id, ids).ToDictionaryAsync(a => a.Id, a => a.Text, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, StatementFacts>> StatementsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        await db.Statements.WhereIn(s => s.Id, ids)
            .Select(s => new StatementFacts(s.Id, s.ArticleId, s.Start, s.End, s.Workflow))
            .ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);

    public async Task<IReadOnlySet<string>> ClaimsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? new HashSet<string>() : (await db.Claims.WhereIn(c => c.Id, ids).Select(c => c.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, int>> StatementCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct) =>
        await db.Statements.InEveryStage().WhereIn(s => s.ArticleId, articleIds)
            .GroupBy(s => s.ArticleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, int>> ClaimCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct) =>
        await db.Claims.InEveryStage().WhereIn(c => c.ArticleId, articleIds)
            .GroupBy(c => c.ArticleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, int>> ReviewCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct) =>
        claimIds.Count == 0 ? new Dictionary<string, int>() : await db.Reviews.WhereIn(r => r.ClaimId, claimIds)
            .GroupBy(r => r.ClaimId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, int>> CitationCountsAsync(IReadOnlyCollection<string> statementIds, CancellationToken ct) =>
        statementIds.Count == 0 ? new Dictionary<string, int>() : await db.ClaimEvidence.WhereIn(e => e.StatementId, statementIds)
            .GroupBy(e => e.StatementId).Select(g => new { g.Key, Count = g.Select(e => e.ClaimId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, int>> LinkCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct) =>
        claimIds.Count == 0 ? new Dictionary<string, int>() : await db.ClaimLinks.WhereIn(l => l.ToClaimId, claimIds)
            .GroupBy(l => l.ToClaimId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, string?>> StatementParentsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct) =>
        await db.Statements.IgnoreQueryFilters().WhereIn(s => s.ArticleId, articleIds)
            .Select(s => new { s.Id, s.ParentId }).ToDictionaryAsync(s => s.Id, s => s.ParentId, StringComparer.Ordinal, ct);

    public Task LockAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken ct) =>
        db.LockRowsAsync(table, ids, exclusive, ct);
}
