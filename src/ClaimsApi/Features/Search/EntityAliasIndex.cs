using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;
using ClaimsApi.Extraction;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimsApi.Features.Search;

/// <summary>An entity found in a query, by the alias the user wrote.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="Alias">The name or alias as it matched.</param>
public sealed record MatchedEntity(EntityRef Entity, string Alias);

/// <summary>
/// Every entity name and alias as folded token sequences, to spot entities in what a user typed and expand
/// them to all their names. Read once and kept until an entity changes: an entity write calls
/// <see cref="Invalidate"/> once it has committed, and so does the text index's follower when the change log shows
/// an entity change (another instance's write, a seed import), which a search applies before it reads the aliases:
/// a search sees every entity change committed before it, on every instance. (It was reread every 30 seconds
/// before; a reread of 20,000 entities takes about half a second, which fell on whichever search came next.)
/// </summary>
public sealed class EntityAliasIndex(IMemoryCache cache)
{
    // Part of the cache key: a snapshot read before an invalidation is stored under the old generation, where no
    // one looks any more, so a read racing with a write cannot bring the old aliases back.
    private long _generation;

    internal sealed record Snapshot(
        IReadOnlyDictionary<string, List<(string[] Tokens, string Alias, string EntityId)>> ByFirstToken,
        IReadOnlyDictionary<string, (EntityRef Entity, IReadOnlyList<string[]> Phrases)> Entities,
        Lazy<EntityLexicon> Lexicon);

    public async Task<FullTextQuery> BuildQueryAsync(string text, ClaimsDbContext db, CancellationToken ct) =>
        Build(text, await GetAsync(db, ct)).Query;

    /// <summary>Every entity's names as the attribution extractor reads them (POST /v1/extract), built once per snapshot, when first asked for.</summary>
    public async Task<EntityLexicon> LexiconAsync(ClaimsDbContext db, CancellationToken ct) => (await GetAsync(db, ct)).Lexicon.Value;

    public async Task<(FullTextQuery Query, IReadOnlyList<MatchedEntity> Entities)> AnalyseAsync(string text, ClaimsDbContext db, CancellationToken ct) =>
        Build(text, await GetAsync(db, ct));

    /// <summary>
    /// Greedy longest match of aliases over the query's tokens; every other token that is not a stop word is a
    /// group of its own. At most <see cref="FullTextQuery.MaxTokens"/> groups are kept.
    /// </summary>
    internal static (FullTextQuery Query, IReadOnlyList<MatchedEntity> Entities) Build(string text, Snapshot snapshot)
    {
        var tokens = FullTextQuery.Tokenize(text);
        var folded = tokens.Select(TextFolding.Fold).ToArray();
        var groups = new List<FullTextGroup>();
        var matched = new List<MatchedEntity>();
        for (var i = 0; i < folded.Length && groups.Count < FullTextQuery.MaxTokens;)
        {
            var best = snapshot.ByFirstToken.TryGetValue(folded[i], out var candidates)
                ? candidates.Where(c => c.Tokens.Length <= folded.Length - i && c.Tokens.AsSpan().SequenceEqual(folded.AsSpan(i, c.Tokens.Length)))
                    .GroupBy(c => c.Tokens.Length).OrderByDescending(g => g.Key).FirstOrDefault()
                : null;
            if (best is not null)
            {
                var entityIds = best.Select(c => c.EntityId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var phrases = entityIds.SelectMany(id => snapshot.Entities[id].Phrases)
                    .DistinctBy(p => string.Join(' ', p), StringComparer.Ordinal)
                    .Select(p => (IReadOnlyList<string>)p).ToList();
                groups.Add(new FullTextGroup(phrases, entityIds));
                matched.AddRange(entityIds.Select(id => new MatchedEntity(snapshot.Entities[id].Entity, string.Join(' ', tokens.Skip(i).Take(best.Key)))));
                i += best.Key;
                continue;
            }

            if (!FullTextQuery.StopWords.Contains(folded[i]) && !groups.Any(g => g.EntityIds.Count == 0 && TextFolding.Fold(g.Alternatives[0][0]) == folded[i]))
            {
                groups.Add(new FullTextGroup([[tokens[i]]], []));
            }

            i++;
        }

        return (new FullTextQuery(groups), matched.DistinctBy(m => m.Entity.Id).ToList());
    }

    /// <summary>Forgets the cached aliases, so the next query reads them again; call after an entity write has committed.</summary>
    public void Invalidate()
    {
        var old = Interlocked.Increment(ref _generation) - 1;
        cache.Remove(Key(old));
    }

    private static string Key(long generation) => $"{nameof(EntityAliasIndex)}:{generation}";

    private async Task<Snapshot> GetAsync(ClaimsDbContext db, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(Key(Interlocked.Read(ref _generation)), async entry =>
        {
            entry.Priority = CacheItemPriority.NeverRemove;
            // An entity the extractor proposed names no one until a person confirms it: "Officials" must not become every later article's speaker, nor a search's entity.
            var entities = await db.Entities.AsNoTracking()
                .Where(e => e.ProposedBy == null || e.ConfirmedAt != null)
                .Select(e => new { e.Id, e.Name, e.Kind, Aliases = e.Aliases.Select(a => a.Alias).ToList() })
                .ToListAsync(ct);
            var byFirst = new Dictionary<string, List<(string[], string, string)>>(StringComparer.Ordinal);
            var all = new Dictionary<string, (EntityRef, IReadOnlyList<string[]>)>(StringComparer.Ordinal);
            foreach (var entity in entities)
            {
                var names = entity.Aliases.Prepend(entity.Name).Distinct(StringComparer.Ordinal).ToList();
                var phrases = new List<string[]>();
                foreach (var name in names)
                {
                    var phrase = FullTextQuery.Tokenize(name).ToArray();
                    var key = FullTextQuery.Tokenize(TextFolding.Fold(name)).ToArray();
                    if (phrase.Length == 0 || key.Length == 0)
                    {
                        continue;
                    }

                    phrases.Add(phrase);
                    if (!byFirst.TryGetValue(key[0], out var list))
                    {
                        byFirst[key[0]] = list = [];
                    }

                    list.Add((key, name, entity.Id));
                }

                all[entity.Id] = (new EntityRef(entity.Id, entity.Name, entity.Kind), phrases);
            }

            var known = entities.Select(e => new KnownEntity(e.Id, e.Name, EnumNames.Of(e.Kind), e.Aliases)).ToList();
            return new Snapshot(byFirst, all, new Lazy<EntityLexicon>(() => new EntityLexicon(known)));
        }))!;
}
