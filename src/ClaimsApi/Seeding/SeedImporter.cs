using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Seeding;

/// <summary>What an import did.</summary>
public sealed record SeedImportResult(bool Unchanged, int Added, int Updated, int Deleted);

/// <summary>
/// Reconciles the database with a validated <see cref="SeedSet"/> in one transaction: rows that did not change
/// are not written, changed rows are updated in place (ids never change) as a new revision, rows that came from
/// seeds and are gone from them are soft-deleted. Every change is recorded in the history with the actor "seeds".
/// A record written through the API is the API's from then on (its seed file is cleared): the seeds never
/// overwrite, delete or resurrect it, even when they define the same id (docs/seed-format.md#seeds-and-the-api).
/// An unchanged seeds folder (same fingerprint) is not even compared.
/// </summary>
public sealed partial class SeedImporter(
    ClaimsDbContext db, CurationPipeline curation, CuratedResources resources, TimeProvider time, ClaimsMetrics metrics, ILogger<SeedImporter> logger)
{
    public const string Actor = "seeds";

    private readonly List<(string Type, ICurated Record, string Action)> _changed = [];
    private int _kept;

    public Task<SeedImportResult> ImportAsync(SeedSet seeds, CancellationToken cancellationToken) =>
        ImportAsync(new SeedFolder("", seeds.Fingerprint, seeds.Files), () => seeds, cancellationToken);

    /// <summary>
    /// Imports the seeds of <paramref name="folder"/>; <paramref name="load"/> reads and validates them, and is
    /// called only when the database does not already hold this fingerprint (an unchanged folder is not parsed).
    /// </summary>
    public async Task<SeedImportResult> ImportAsync(SeedFolder folder, Func<SeedSet> load, CancellationToken cancellationToken)
    {
        using var timing = metrics.StartSeedImport(folder.Files);
        var result = await ImportInTransactionAsync(folder.Fingerprint, load, cancellationToken);
        timing.Succeeded(result.Unchanged, result.Added, result.Updated, result.Deleted);
        return result;
    }

    private async Task<SeedImportResult> ImportInTransactionAsync(string fingerprint, Func<SeedSet> load, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from nothing
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForSeedingAsync(ct);
            var last = await db.SeedImports.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Fingerprint).FirstOrDefaultAsync(ct);
            if (last == fingerprint)
            {
                Log.Unchanged(logger, fingerprint);
                return new SeedImportResult(true, 0, 0, 0);
            }

            // Read and validated before anything is written: a bad seed rolls this transaction back untouched.
            var seeds = load();

            _changed.Clear();
            _kept = 0;
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
            await RecordHistoryAsync(ct);
            await RefreshDerivedRowsAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();

            Log.Seeded(logger, seeds.Articles.Count, seeds.Entities.Count, seeds.Statements.Count, seeds.Claims.Count, seeds.Files, result.Added, result.Updated, result.Deleted);
            if (_kept > 0)
            {
                Log.KeptCurated(logger, _kept);
            }

            return result;
        }, cancellationToken);
    }

    private async Task ReconcileAsync(SeedSet seeds, CancellationToken ct)
    {
        // References to entities merged through the API go to the entity they were merged into.
        var merged = await db.Entities.IgnoreQueryFilters().Where(e => e.MergedIntoId != null)
            .ToDictionaryAsync(e => e.Id, e => e.MergedIntoId!, StringComparer.Ordinal, ct);
        RepointMerged(seeds, merged);

        // Every query below reads the rows the seeds define or came from seeds (a partial index on seed_file), or
        // looks up the ids they name: the import costs the same on a base of any size.
        // Filters off: seeds manage their rows whatever their stage, deleted or not.
        var entities = await db.Entities.IgnoreQueryFilters().Include(e => e.Aliases).Where(e => e.SeedFile != null).ToListAsync(ct);
        var curated = await CuratedIdsAsync(db.Entities, seeds.Entities.Select(e => e.Id), ct);
        Sync(CuratedRecords.Entity, entities, Seeded(seeds.Entities, curated), e => e.Id, (existing, desired) => SyncChildren(existing.Aliases, desired.Aliases, a => a.Alias));

        // Seed statements that live API records rest on: API claims cite them, API statements nest in them. The
        // seeds do not move, reword or drop them, as their spans hold those records' spans, and leave the text of their
        // article as it is too, like that of an article the API owns, as long as the seeds would change it (or drop it).
        var apiStatements = db.Statements.InEveryStage().Where(st => st.SeedFile == null);
        var seedSpans = seeds.Statements.ToDictionary(st => st.Id, st => (st.Start, st.End, st.Text), StringComparer.Ordinal);
        var restedOn = await db.Statements.InEveryStage()
            .Where(st => st.SeedFile != null
                && (db.ClaimEvidence.Any(e => e.StatementId == st.Id && db.Claims.Any(c => c.Id == e.ClaimId && c.SeedFile == null && c.DeletedAt == null))
                    || apiStatements.Any(a => a.ParentId == st.Id)))
            .Select(st => new { st.Id, st.ArticleId, st.Start, st.End, st.Text }).ToListAsync(ct);
        restedOn.RemoveAll(st => seedSpans.TryGetValue(st.Id, out var span) && span == (st.Start, st.End, st.Text));
        var articles = await db.Articles.IgnoreQueryFilters().Include(a => a.Paragraphs).AsSplitQuery().Where(a => a.SeedFile != null).ToListAsync(ct);
        var seedArticleIds = articles.Select(a => a.Id).ToList();
        var underApiRecords = (await apiStatements.Where(st => seedArticleIds.Contains(st.ArticleId)).Select(st => st.ArticleId).Distinct().ToListAsync(ct))
            .Concat(restedOn.Select(st => st.ArticleId)).ToHashSet(StringComparer.Ordinal);
        var seedTexts = seeds.Articles.ToDictionary(a => a.Id, a => a.Text, StringComparer.Ordinal);
        var keptTexts = articles
            .Where(a => underApiRecords.Contains(a.Id) && (!seedTexts.TryGetValue(a.Id, out var text) || text != a.Text))
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        articles.RemoveAll(a => keptTexts.Contains(a.Id));
        var statements = await db.Statements.IgnoreQueryFilters().Where(st => st.SeedFile != null).ToListAsync(ct);
        var curatedArticles = await CuratedIdsAsync(
            db.Articles,
            seeds.Articles.Select(a => a.Id).Concat(seeds.Statements.Select(st => st.ArticleId)).Concat(seeds.Claims.Select(c => c.ArticleId)).Concat(statements.Select(st => st.ArticleId)),
            ct);
        curatedArticles.UnionWith(keptTexts);
        Sync(CuratedRecords.Article, articles, Seeded(seeds.Articles, curatedArticles), a => a.Id, (existing, desired) => SyncChildren(existing.Paragraphs, desired.Paragraphs, p => p.Index));

        // The seeds anchor statements in their own article text: in an article the API owns (its text may have
        // been edited) or that the seeds leave as it is, the seed statements are left as they are, and so are the
        // seed claims resting on them.
        var curatedStatements = await CuratedIdsAsync(
            db.Statements, seeds.Statements.Select(st => st.Id).Concat(seeds.Claims.SelectMany(c => c.Evidence).Select(e => e.StatementId)), ct);
        var frozenStatements = seeds.Statements.Where(st => curatedArticles.Contains(st.ArticleId)).Select(st => st.Id)
            .Concat(restedOn.Select(st => st.Id)).ToHashSet(StringComparer.Ordinal);
        statements.RemoveAll(st => frozenStatements.Contains(st.Id) || curatedArticles.Contains(st.ArticleId));
        Sync(CuratedRecords.Statement, statements, Seeded(seeds.Statements, [.. curatedStatements, .. frozenStatements]), st => st.Id, null);

        var frozenClaims = seeds.Claims
            .Where(c => curatedArticles.Contains(c.ArticleId) || c.Evidence.Any(e => curatedStatements.Contains(e.StatementId) || frozenStatements.Contains(e.StatementId)))
            .Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var claims = await db.Claims.IgnoreQueryFilters()
            .Include(c => c.Evidence).Include(c => c.Mentions).Include(c => c.Qualifiers).Include(c => c.Links)
            .Where(c => c.SeedFile != null)
            .AsSplitQuery()
            .ToListAsync(ct);
        claims.RemoveAll(c => frozenClaims.Contains(c.Id));
        curated = await CuratedIdsAsync(db.Claims, seeds.Claims.Select(c => c.Id), ct);

        // A link to a new seed claim that is held back would point at nothing: it waits until that claim comes in.
        var targets = seeds.Claims.SelectMany(c => c.Links).Select(l => l.ToClaimId).Distinct(StringComparer.Ordinal).ToList();
        var linkable = (await db.Claims.IgnoreQueryFilters().Where(c => targets.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        linkable.UnionWith(seeds.Claims.Select(c => c.Id).Where(id => !frozenClaims.Contains(id) && !curated.Contains(id)));
        foreach (var claim in seeds.Claims)
        {
            claim.Links.RemoveAll(l => !linkable.Contains(l.ToClaimId));
        }

        Sync(CuratedRecords.Claim, claims, Seeded(seeds.Claims, [.. curated, .. frozenClaims]), c => c.Id, (existing, desired) =>
        {
            SyncChildren(existing.Evidence, desired.Evidence, e => e.Ordinal);
            SyncChildren(existing.Mentions, desired.Mentions, m => m.EntityId);
            SyncChildren(existing.Qualifiers, desired.Qualifiers, q => q.Ordinal);
            SyncChildren(existing.Links, desired.Links, l => (l.ToClaimId, l.Kind));
        });
    }

    /// <summary>Rewrites the seeds' references to merged entities to the entities they were merged into.</summary>
    private static void RepointMerged(SeedSet seeds, Dictionary<string, string> merged)
    {
        if (merged.Count == 0)
        {
            return;
        }

        string? To(string? id)
        {
            for (var hops = 0; id is not null && merged.TryGetValue(id, out var target) && hops < merged.Count; hops++)
            {
                id = target;
            }

            return id;
        }

        foreach (var entity in seeds.Entities)
        {
            entity.PartOfId = To(entity.PartOfId);
        }

        foreach (var article in seeds.Articles)
        {
            article.PublisherId = To(article.PublisherId);
        }

        foreach (var statement in seeds.Statements)
        {
            statement.SpeakerId = To(statement.SpeakerId)!;
            statement.SourceId = To(statement.SourceId);
        }

        foreach (var claim in seeds.Claims)
        {
            claim.ClaimantId = To(claim.ClaimantId)!;
            foreach (var qualifier in claim.Qualifiers)
            {
                qualifier.EntityId = To(qualifier.EntityId);
            }

            var mentions = claim.Mentions.Select(m => To(m.EntityId)!).Distinct(StringComparer.Ordinal).ToList();
            claim.Mentions.Clear();
            claim.Mentions.AddRange(mentions.Select(id => new ClaimMention { ClaimId = claim.Id, EntityId = id }));
        }
    }

    /// <summary>Which of <paramref name="ids"/> are records the API owns (written through it), which the seeds leave alone.</summary>
    private static async Task<HashSet<string>> CuratedIdsAsync<T>(IQueryable<T> set, IEnumerable<string> ids, CancellationToken ct) where T : class, ICurated
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        return [.. await set.IgnoreQueryFilters().Where(r => r.SeedFile == null && wanted.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct)];
    }

    private IEnumerable<T> Seeded<T>(IEnumerable<T> desired, HashSet<string> curated) where T : ICurated
    {
        foreach (var item in desired)
        {
            if (curated.Contains(item.Id))
            {
                _kept++;
                continue;
            }

            yield return item;
        }
    }

    private void Sync<T, TKey>(string type, List<T> existing, IEnumerable<T> desired, Func<T, TKey> key, Action<T, T>? children)
        where T : class, ICurated
        where TKey : notnull
    {
        var byKey = existing.ToDictionary(key);
        foreach (var item in desired)
        {
            if (byKey.Remove(key(item), out var current))
            {
                var before = Content(current);
                var revision = current.Revision;
                var wasDeleted = current.DeletedAt is not null;
                db.Entry(current).CurrentValues.SetValues(item);
                children?.Invoke(current, item);
                current.Revision = revision;
                if (Content(current) != before)
                {
                    current.Revision++;

                    // Back in the seeds after they had removed it: a restore, as when an admin restores a record.
                    _changed.Add((type, current, wasDeleted ? "restore" : "update"));
                }
            }
            else
            {
                db.Add(item);
                _changed.Add((type, item, "create"));
            }
        }

        // Gone from the seeds: deleted softly, so what refers to it (reviews, API claims) and its history stay.
        foreach (var gone in byKey.Values.Where(g => g.DeletedAt is null))
        {
            gone.DeletedAt = time.GetUtcNow();
            gone.Revision++;
            _changed.Add((type, gone, "delete"));
        }
    }

    /// <summary>The record with its children as JSON, to tell whether the seeds changed it.</summary>
    private static string Content<T>(T record) => JsonSerializer.Serialize(record);

    /// <summary>
    /// Brings the rows derived from each changed record up to date, as the curation pipeline does for its own
    /// writes: the work follows the seeds' changes, not the size of the base (no whole rebuild of the search index).
    /// </summary>
    private async Task RefreshDerivedRowsAsync(CancellationToken ct)
    {
        foreach (var (type, record, _) in _changed)
        {
            await db.RefreshDerivedRowsAsync(resources[type].IndexKind, record, ct);
        }
    }

    /// <summary>Records each change as the curation pipeline records its own: the record as the API now shows it, after the one recorded last.</summary>
    private async Task RecordHistoryAsync(CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var changes = new List<CuratedChange>(_changed.Count);
        foreach (var (type, record, action) in _changed)
        {
            var resource = resources[type];
            var last = await db.History.AsNoTracking()
                .Where(h => h.ResourceType == type && h.ResourceId == record.Id)
                .OrderByDescending(h => h.Revision).Select(h => h.After).FirstOrDefaultAsync(ct);
            object? before = last is null ? null : JsonDocument.Parse(last).RootElement;
            var after = action == "delete" ? null : await resource.RenderAsync(record.Id, db, ct);
            changes.Add(new CuratedChange(resource, record.Id, record.Revision, action, Actor, at, before, after));
        }

        await curation.RecordAsync(changes, ct);
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
        [LoggerMessage(Level = LogLevel.Information, Message = "{Kept} records in the seeds were left as curated through the API (the API's version wins)")]
        public static partial void KeptCurated(ILogger logger, int kept);

        [LoggerMessage(Level = LogLevel.Information, Message = "Seeds unchanged (fingerprint {Fingerprint}); nothing to import")]
        public static partial void Unchanged(ILogger logger, string fingerprint);

        [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Articles} articles, {Entities} entities, {Statements} statements, {Claims} claims from {Files} files: {Added} rows added, {Updated} updated, {Deleted} deleted")]
        public static partial void Seeded(ILogger logger, int articles, int entities, int statements, int claims, int files, int added, int updated, int deleted);
    }
}
