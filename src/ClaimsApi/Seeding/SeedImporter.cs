using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Seeding;

/// <summary>What an import did.</summary>
public sealed record SeedImportResult(bool Unchanged, int Added, int Updated, int Deleted);

/// <summary>
/// Reconciles the database with a validated <see cref="SeedSet"/> in one transaction: rows that did not change
/// are not written, changed rows are updated in place (ids never change), rows that came from seeds and are
/// gone from them are deleted. An unchanged seeds folder (same fingerprint) is not even compared.
/// </summary>
public sealed partial class SeedImporter(ClaimsDbContext db, TimeProvider time, ILogger<SeedImporter> logger)
{
    public async Task<SeedImportResult> ImportAsync(SeedSet seeds, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from nothing
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForSeedingAsync(ct);
            var last = await db.SeedImports.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Fingerprint).FirstOrDefaultAsync(ct);
            if (last == seeds.Fingerprint)
            {
                Log.Unchanged(logger, seeds.Fingerprint);
                return new SeedImportResult(true, 0, 0, 0);
            }

            await ReconcileAsync(seeds, ct);
            db.ChangeTracker.DetectChanges();
            var entries = db.ChangeTracker.Entries().ToList();
            var result = new SeedImportResult(
                false,
                entries.Count(e => e.State == EntityState.Added),
                entries.Count(e => e.State == EntityState.Modified),
                entries.Count(e => e.State == EntityState.Deleted));

            db.SeedImports.Add(new SeedImport
            {
                Fingerprint = seeds.Fingerprint,
                ImportedAt = time.GetUtcNow(),
                Files = seeds.Files,
                RowsAdded = result.Added,
                RowsUpdated = result.Updated,
                RowsDeleted = result.Deleted,
            });
            await db.SaveChangesAsync(ct);
            await db.RebuildSearchIndexAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();

            Log.Seeded(logger, seeds.Articles.Count, seeds.Entities.Count, seeds.Statements.Count, seeds.Claims.Count, seeds.Files, result.Added, result.Updated, result.Deleted);
            return result;
        }, cancellationToken);
    }

    private async Task ReconcileAsync(SeedSet seeds, CancellationToken ct)
    {
        var entities = await db.Entities.Include(e => e.Aliases).Where(e => e.SeedFile != null).ToListAsync(ct);
        Sync(entities, seeds.Entities, e => e.Id, (existing, desired) => SyncChildren(existing.Aliases, desired.Aliases, a => a.Alias));

        var articles = await db.Articles.Include(a => a.Paragraphs).Where(a => a.SeedFile != null).ToListAsync(ct);
        Sync(articles, seeds.Articles, a => a.Id, (existing, desired) => SyncChildren(existing.Paragraphs, desired.Paragraphs, p => p.Index));

        var statements = await db.Statements.Where(s => s.SeedFile != null).ToListAsync(ct);
        Sync(statements, seeds.Statements, s => s.Id, null);

        var claims = await db.Claims
            .Include(c => c.Evidence).Include(c => c.Mentions).Include(c => c.Qualifiers).Include(c => c.Links)
            .Where(c => c.SeedFile != null)
            .AsSplitQuery()
            .ToListAsync(ct);
        Sync(claims, seeds.Claims, c => c.Id, (existing, desired) =>
        {
            SyncChildren(existing.Evidence, desired.Evidence, e => e.Ordinal);
            SyncChildren(existing.Mentions, desired.Mentions, m => m.EntityId);
            SyncChildren(existing.Qualifiers, desired.Qualifiers, q => q.Ordinal);
            SyncChildren(existing.Links, desired.Links, l => (l.ToClaimId, l.Kind));
        });
    }

    private void Sync<T, TKey>(List<T> existing, IEnumerable<T> desired, Func<T, TKey> key, Action<T, T>? children)
        where T : class
        where TKey : notnull
    {
        var byKey = existing.ToDictionary(key);
        foreach (var item in desired)
        {
            if (byKey.Remove(key(item), out var current))
            {
                db.Entry(current).CurrentValues.SetValues(item);
                children?.Invoke(current, item);
            }
            else
            {
                db.Add(item);
            }
        }

        foreach (var gone in byKey.Values)
        {
            db.Remove(gone);
        }
    }

    private void SyncChildren<T, TKey>(List<T> existing, List<T> desired, Func<T, TKey> key)
        where T : class
        where TKey : notnull
    {
        var byKey = existing.ToDictionary(key);
        foreach (var item in desired)
        {
            if (byKey.Remove(key(item), out var current))
            {
                db.Entry(current).CurrentValues.SetValues(item);
            }
            else
            {
                existing.Add(item);
            }
        }

        foreach (var gone in byKey.Values)
        {
            existing.Remove(gone);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Seeds unchanged (fingerprint {Fingerprint}); nothing to import")]
        public static partial void Unchanged(ILogger logger, string fingerprint);

        [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Articles} articles, {Entities} entities, {Statements} statements, {Claims} claims from {Files} files: {Added} rows added, {Updated} updated, {Deleted} deleted")]
        public static partial void Seeded(ILogger logger, int articles, int entities, int statements, int claims, int files, int added, int updated, int deleted);
    }
}
