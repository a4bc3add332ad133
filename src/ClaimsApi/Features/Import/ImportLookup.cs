using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;

namespace ClaimsApi.Features.Import;

/// <summary>
/// The facts an import batch's checks read (<see cref="IWriteLookup"/>), read from the database a batch at a time
/// (<see cref="PreloadAsync"/>: one query per kind of fact for every line of the batch, instead of the queries of
/// each line's write) and kept up to date with the records the batch inserts (<see cref="Added"/>), so that a line
/// may refer to a record an earlier line of the file created. Anything not preloaded is read when asked, as
/// <see cref="DatabaseLookup"/> reads it, from a database that has every record the batch inserted so far. When a
/// line changes a record that was there (its facts may change), <see cref="Forget"/> drops everything read.
/// </summary>
internal sealed class ImportLookup(ClaimsDbContext db) : IWriteLookup
{
    private readonly DatabaseLookup _database = new(db);
    private readonly Dictionary<string, bool> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string?>> _partOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _newPartOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly?> _dates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatementFacts?> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _statementCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _claimCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reviewCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _citations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string?>> _parents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);

    /// <summary>Reads at once every fact the lines of a batch refer to (<paramref name="refs"/>).</summary>
    public async Task PreloadAsync(ImportReferences refs, CancellationToken ct)
    {
        await EntitiesAsync(refs.Entities, ct);
        await ArticleDatesAsync(refs.ArticleDates, ct);
        await ClaimsAsync(refs.Claims, ct);
        await StatementCountsAsync(refs.StatementCounts, ct);
        await ClaimCountsAsync(refs.ClaimCounts, ct);
        await ReviewCountsAsync(refs.ReviewCounts, ct);
        await CitationCountsAsync(refs.Citations, ct);
        await LinkCountsAsync(refs.LinkCounts, ct);
        await StatementParentsAsync(refs.Parents, ct);
        await LockAsync("statements", refs.Statements, exclusive: false, ct);
        var statements = await StatementsAsync(refs.Statements, ct);
        await ArticleTextsAsync([.. refs.ArticleTexts.Concat(statements.Values.Select(s => s.ArticleId)).Distinct(StringComparer.Ordinal)], ct);
        foreach (var id in refs.PartOf)
        {
            await PartOfLinksAsync(id, ct);
        }
    }

    /// <summary>Takes in a record the batch has just inserted into the facts already read, so that later lines see it.</summary>
    public void Added(ICurated record)
    {
        switch (record)
        {
            case NamedEntity entity:
                _entities[entity.Id] = true;
                _newPartOf[entity.Id] = entity.PartOfId;
                break;
            case Article article:
                (_dates[article.Id], _texts[article.Id]) = (article.PublishedOn, article.Text);
                (_statementCounts[article.Id], _claimCounts[article.Id]) = (0, 0);
                _parents[article.Id] = new(StringComparer.Ordinal);
                break;
            case Statement statement:
                _statements[statement.Id] = new StatementFacts(statement.Id, statement.ArticleId, statement.Start, statement.End, statement.Workflow);
                Count(_statementCounts, statement.ArticleId);
                if (_parents.TryGetValue(statement.ArticleId, out var parents))
                {
                    parents[statement.Id] = statement.ParentId;
                }

                break;
            case ClaimedFact claim:
                _claims[claim.Id] = true;
                Count(_claimCounts, claim.ArticleId);
                foreach (var cited in claim.Evidence.Select(e => e.StatementId).Distinct(StringComparer.Ordinal))
                {
                    Count(_citations, cited);
                }

                foreach (var link in claim.Links)
                {
                    Count(_links, link.ToClaimId);
                }

                break;
            case ClaimReview review:
                Count(_reviewCounts, review.ClaimId);
                break;
        }
    }

    /// <summary>Drops every fact read or added: from now on the database (with everything saved so far) answers.</summary>
    public void Forget()
    {
        _entities.Clear();
        _partOf.Clear();
        _newPartOf.Clear();
        _dates.Clear();
        _texts.Clear();
        _statements.Clear();
        _claims.Clear();
        _statementCounts.Clear();
        _claimCounts.Clear();
        _reviewCounts.Clear();
        _citations.Clear();
        _links.Clear();
        _parents.Clear();
    }

    public async Task<IReadOnlySet<string>> EntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = await FillAsync(_entities, ids, async (missing, ct) => (await _database.EntitiesAsync(missing, ct)).ToDictionary(id => id, _ => true), false, ct);
        return found.Where(f => f.Value).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, string?>> PartOfLinksAsync(string id, CancellationToken ct)
    {
        // New entities first (their links are not in the database yet), then the database's chain above the first old one.
        var links = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? at = id;
        while (at is not null && !links.ContainsKey(at) && _newPartOf.TryGetValue(at, out var partOf))
        {
            links[at] = partOf;
            at = partOf;
        }

        if (at is not null && !links.ContainsKey(at))
        {
            if (!_partOf.TryGetValue(at, out var above))
            {
                _partOf[at] = above = await _database.PartOfLinksAsync(at, ct);
            }

            foreach (var (from, to) in above)
            {
                links.TryAdd(from, to);
            }
        }

        return links;
    }

    public async Task<IReadOnlyDictionary<string, DateOnly>> ArticleDatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = await FillAsync(_dates, ids, async (missing, ct) => (await _database.ArticleDatesAsync(missing, ct)).ToDictionary(d => d.Key, d => (DateOnly?)d.Value), null, ct);
        return found.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!.Value, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, string>> ArticleTextsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = await FillAsync(_texts, ids, async (missing, ct) => (await _database.ArticleTextsAsync(missing, ct)).ToDictionary(t => t.Key, t => (string?)t.Value), null, ct);
        return found.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, StatementFacts>> StatementsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = await FillAsync(_statements, ids, async (missing, ct) => (await _database.StatementsAsync(missing, ct)).ToDictionary(s => s.Key, s => (StatementFacts?)s.Value), null, ct);
        return found.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> ClaimsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = await FillAsync(_claims, ids, async (missing, ct) => (await _database.ClaimsAsync(missing, ct)).ToDictionary(id => id, _ => true), false, ct);
        return found.Where(f => f.Value).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
    }

    public Task<IReadOnlyDictionary<string, int>> StatementCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct) =>
        FillAsync(_statementCounts, articleIds, _database.StatementCountsAsync, 0, ct);

    public Task<IReadOnlyDictionary<string, int>> ClaimCountsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct) =>
        FillAsync(_claimCounts, articleIds, _database.ClaimCountsAsync, 0, ct);

    public Task<IReadOnlyDictionary<string, int>> ReviewCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct) =>
        FillAsync(_reviewCounts, claimIds, _database.ReviewCountsAsync, 0, ct);

    public Task<IReadOnlyDictionary<string, int>> CitationCountsAsync(IReadOnlyCollection<string> statementIds, CancellationToken ct) =>
        FillAsync(_citations, statementIds, _database.CitationCountsAsync, 0, ct);

    public Task<IReadOnlyDictionary<string, int>> LinkCountsAsync(IReadOnlyCollection<string> claimIds, CancellationToken ct) =>
        FillAsync(_links, claimIds, _database.LinkCountsAsync, 0, ct);

    public async Task<IReadOnlyDictionary<string, string?>> StatementParentsAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var article in articleIds.Distinct(StringComparer.Ordinal))
        {
            // Read by article: only statements with a parent need them, and those are few.
            if (!_parents.TryGetValue(article, out var links))
            {
                _parents[article] = links = new Dictionary<string, string?>(await _database.StatementParentsAsync([article], ct), StringComparer.Ordinal);
            }

            foreach (var (statement, parent) in links)
            {
                all[statement] = parent;
            }
        }

        return all;
    }

    public async Task LockAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken ct)
    {
        // Shared locks are held to the end of the transaction: each row needs taking once.
        var wanted = ids.Where(id => exclusive || !_locked.Contains($"{table}/{id}")).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        await _database.LockAsync(table, wanted, exclusive, ct);
        _locked.UnionWith(wanted.Select(id => $"{table}/{id}"));
    }

    /// <summary>One more of what <paramref name="counts"/> counts for <paramref name="key"/>, once read (if not, the database counts it when it is).</summary>
    private static void Count(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var count))
        {
            counts[key] = count + 1;
        }
    }

    /// <summary>The facts of <paramref name="keys"/>, reading those not known yet in one call (absent ones are <paramref name="absent"/>).</summary>
    private static async Task<IReadOnlyDictionary<string, TValue>> FillAsync<TValue>(
        Dictionary<string, TValue> known, IReadOnlyCollection<string> keys,
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, TValue>>> read, TValue absent, CancellationToken ct)
    {
        var missing = keys.Where(k => !known.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var found = await read(missing, ct);
            foreach (var key in missing)
            {
                known[key] = found.TryGetValue(key, out var value) ? value : absent;
            }
        }

        return keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, k => known[k], StringComparer.Ordinal);
    }
}
