using System.Globalization;
using ClaimsApi.Domain.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ClaimsApi.TextSearch;

/// <summary>
/// The embedded full-text index of one instance (decision 0032): a Lucene.Net index in a local folder, derived from
/// the database and kept in step with it by applying its change log; each commit records the change-log position it
/// has applied, so a restart resumes from there. Thread-safe: one writer, searches on refreshed snapshots.
/// </summary>
public sealed partial class TextIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string PositionKey = "position", AnalysisKey = "analysis", LockFile = "instance.lock";
    private static readonly BM25Similarity Similarity = new();

    private readonly LuceneDirectory directory;
    private readonly FileStream? held;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly SemaphoreSlim writing = new(1, 1); // not disposed: it owns no wait handle, and a late Commit() must find it
    private bool disposed;
    private long applied;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BitSetFilter> filters = new(StringComparer.Ordinal);

    private TextIndex(LuceneDirectory directory, FileStream? held = null)
    {
        this.directory = directory;
        this.held = held;
        var (position, analysis) = ReadCommit(directory); // first: a folder that cannot be read throws before a writer holds it
        writer = new IndexWriter(directory, new IndexWriterConfig(Version, new IndexAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            RAMBufferSizeMB = 64,
            // Merges on the writing thread: a failed merge (a full disk, no file descriptor to spare) is an exception
            // the follower catches and retries, never one on a thread of Lucene's own that would end the process.
            MergeScheduler = new SerialMergeScheduler(),
        });
        if (analysis != TextAnalysis.Version)
        {
            // Built by other rules: its terms would not meet a query's. Emptied (on disk at the next commit), the
            // follower builds it again from the database, as it does a new one.
            writer.DeleteAll();
            position = 0;
        }

        Position = CommittedPosition = position;
        searchers = new SearcherManager(writer, applyAllDeletes: true, new Factory());
    }

    /// <summary>An index in memory, for tests.</summary>
    internal static TextIndex InMemory() => new(new RAMDirectory());

    /// <summary>Why the folder's index could not be read, when it could not and this one started over empty instead (null: it could).</summary>
    public string? Damage { get; private init; }

    /// <summary>The change-log position of the last change this index has applied (0: none); searches see it.</summary>
    public long Position { get => Volatile.Read(ref applied); private set => Volatile.Write(ref applied, value); }

    /// <summary>The position of the last commit: what a restart resumes from.</summary>
    public long CommittedPosition { get; private set; }

    /// <summary>Makes what has been applied durable, with its position, when anything is new since the last commit.</summary>
    public void Commit()
    {
        writing.Wait();
        try
        {
            if (!disposed && (Position != CommittedPosition || writer.HasUncommittedChanges()))
            {
                CommitAt(Position);
            }
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>How many documents the index holds.</summary>
    public int Count => WithSearcher(searcher => searcher.IndexReader.NumDocs);

    /// <summary>
    /// Replaces the documents of <paramref name="changed"/> by <paramref name="documents"/> (a key of
    /// <paramref name="changed"/> without a document is removed), makes the result visible to searches at once, and
    /// records <paramref name="position"/> as applied. It is made durable by the next <see cref="Commit"/>; until then
    /// a crash loses it, and the follower applies it again from the last committed position.
    /// </summary>
    public void Apply(IEnumerable<(string Kind, string Id)> changed, IEnumerable<IndexedDocument> documents, long position)
    {
        writing.Wait();
        try
        {
            var gone = changed.Select(k => IndexFields.KeyOf(k.Kind, k.Id)).ToHashSet(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                var key = IndexFields.KeyOf(document.Kind, document.Id);
                writer.UpdateDocument(new Term(IndexFields.Key, key), document.ToLucene()); // replaces the old version
                gone.Remove(key);
            }

            foreach (var key in gone)
            {
                writer.DeleteDocuments(new Term(IndexFields.Key, key));
            }

            searchers.MaybeRefreshBlocking();
            Position = position; // only once searches see it: a search that finds the index at its position needs no catching up
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Empties the index, then adds <paramref name="documents"/> (a rebuild), committing at the end with <paramref name="position"/>; <paramref name="progress"/> hears the count every 100,000 documents and at the end.</summary>
    public async Task ReplaceAsync(IAsyncEnumerable<IndexedDocument> documents, long position, Action<long>? progress, CancellationToken ct)
    {
        await writing.WaitAsync(ct);
        try
        {
            writer.DeleteAll();
            long count = 0;
            await foreach (var document in documents.WithCancellation(ct))
            {
                writer.AddDocument(document.ToLucene());
                if (++count % 100_000 == 0)
                {
                    progress?.Invoke(count);
                }
            }

            writer.ForceMerge(1);
            CommitAt(position);
            progress?.Invoke(count);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>
    /// The best <paramref name="limit"/> documents for <paramref name="query"/> that pass <paramref name="filter"/>
    /// (null: all) and rank after <paramref name="after"/> (null: from the first), best first.
    /// </summary>
    public IReadOnlyList<TextHit> Search(FullTextQuery query, int limit, Query? filter = null, RankCursor? after = null)
    {
        if (query.IsEmpty || limit <= 0)
        {
            return [];
        }

        var groups = query.Groups.Select(ToQuery).ToList();
        var accepted = filter is null ? null : Cached(filter);
        Func<AtomicReaderContext, IBits?>? accept = accepted is null ? null : leaf =>
            accepted.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.Bits ?? new Bits.MatchNoBits(leaf.AtomicReader.MaxDoc);
        return WithSearcher(searcher =>
        {
            var bounds = query.Groups.Select(g => UpperBound(searcher.IndexReader, g)).ToList();
            return (IReadOnlyList<TextHit>)[.. MaxScore.Top(searcher, groups, bounds, limit, accept, after).Select(ToHit)];
        });
    }

    /// <summary>
    /// The <paramref name="count"/> rarest groups of <paramref name="query"/> (fewest documents hold any of their
    /// alternatives), in the query's order: what a long text (a paragraph to match) is looked up by. Ranking every
    /// document that shares one of forty words, common ones included, costs hundreds of milliseconds at a million
    /// claims; a claim that asserts what the text asserts shares its rare words.
    /// </summary>
    public FullTextQuery Rarest(FullTextQuery query, int count)
    {
        if (query.Groups.Count <= count)
        {
            return query;
        }

        return WithSearcher(searcher =>
        {
            long Documents(FullTextGroup group) => group.Alternatives
                .Select(a => a.Select(TextAnalysis.Term).Where(t => t.Length > 0)
                    .Select(t => (long)searcher.IndexReader.DocFreq(new Term(IndexFields.Title, t)) + searcher.IndexReader.DocFreq(new Term(IndexFields.Body, t)))
                    .DefaultIfEmpty(0).Min())
                .Sum();
            var kept = query.Groups.Select((g, i) => (Group: g, Index: i, Documents: Documents(g)))
                .OrderBy(g => g.Documents).ThenBy(g => g.Index).Take(count).OrderBy(g => g.Index).Select(g => g.Group);
            return new FullTextQuery([.. kept]);
        });
    }

    /// <summary>
    /// The filter as a bit set per segment, cached (Lucene's <see cref="CachingWrapperFilter"/>, per segment, dropped
    /// with the segment): a filter that recurs (a type, a claimant, a language) costs one pass per segment, not one per
    /// search, and a search allocates no bit set of its own (at a million claims one is 400 KB, which would be garbage
    /// for the large-object heap on every request). At most 256 filters are kept; past that the cache starts again.
    /// </summary>
    private BitSetFilter Cached(Query filter)
    {
        var key = filter.ToString();
        if (filters.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (filters.Count >= 256)
        {
            filters.Clear();
        }

        return filters.GetOrAdd(key, _ => new BitSetFilter(new QueryWrapperFilter(filter)));
    }

    /// <summary>
    /// Reads what the first searches after a start would otherwise wait for: each segment's facet columns, and the
    /// postings, norms and keys of one search, so that their pages are in memory and their code compiled.
    /// </summary>
    public void Warm(FullTextQuery sample)
    {
        WithSearcher(searcher =>
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                FacetColumns.Of(leaf.AtomicReader);
            }

            return 0;
        });
        Search(sample, 21);
        Facets(sample, null);
    }

    /// <summary>The same as <see cref="Search"/> by scoring every match (Lucene's own top-k): the oracle MaxScore is tested against.</summary>
    internal IReadOnlyList<TextHit> SearchEveryMatch(FullTextQuery query, int limit, RankCursor? after = null) =>
        WithSearcher(searcher => (IReadOnlyList<TextHit>)[.. MaxScore.Exhaustive(searcher, [.. query.Groups.Select(ToQuery)], limit, after).Select(ToHit)]);

    /// <summary>Runs <paramref name="read"/> on the latest snapshot of the index.</summary>
    private T WithSearcher<T>(Func<IndexSearcher, T> read)
    {
        var searcher = searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        writing.Wait();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }
        finally
        {
            writing.Release();
        }

        searchers.Dispose();
        writer.Rollback(); // closes without committing: only Commit() makes changes durable, with their position
        writer.Dispose();
        directory.Dispose();
        held?.Dispose(); // last: the folder is free once nothing of this index writes to it
    }

    /// <summary>One group: any of its alternatives, in the title or the body, counted once (the best of them).</summary>
    private static Query ToQuery(FullTextGroup group)
    {
        var any = new DisjunctionMaxQuery(0f);
        foreach (var alternative in group.Alternatives)
        {
            var terms = alternative.Select(TextAnalysis.Term).Where(t => t.Length > 0).ToList();
            if (terms.Count == 0)
            {
                continue;
            }

            foreach (var (field, boost) in new[] { (IndexFields.Title, IndexFields.TitleBoost), (IndexFields.Body, 1f) })
            {
                if (terms.Count == 1)
                {
                    any.Add(new TermQuery(new Term(field, terms[0])) { Boost = boost });
                    continue;
                }

                var phrase = new PhraseQuery { Boost = boost };
                foreach (var term in terms)
                {
                    phrase.Add(new Term(field, term));
                }

                any.Add(phrase);
            }
        }

        return any;
    }

    /// <summary>A hit as search answers it: kind and id (from its key) and the API's score.</summary>
    private static TextHit ToHit(MaxScore.Hit hit)
    {
        var key = hit.Key.Utf8ToString();
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new TextHit(key[..colon], key[(colon + 1)..], hit.Score);
    }

    /// <summary>
    /// The most BM25 one group can add: its best alternative in its best field, each term at the most a term can
    /// score there (boost × idf × (k1 + 1), BM25's bound whatever the frequency and the length), 1 % above as the
    /// engine computes in single precision.
    /// </summary>
    private static double UpperBound(IndexReader reader, FullTextGroup group)
    {
        var documents = reader.MaxDoc;
        double Bound(string field, float boost, IEnumerable<string> terms) => boost * 2.2 * terms.Sum(term =>
        {
            var frequency = reader.DocFreq(new Term(field, term));
            return Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
        });

        return 1.01 * group.Alternatives
            .Select(a => a.Select(TextAnalysis.Term).Where(t => t.Length > 0).ToList())
            .Select(terms => Math.Max(Bound(IndexFields.Title, IndexFields.TitleBoost, terms), Bound(IndexFields.Body, 1f, terms)))
            .DefaultIfEmpty(0).Max();
    }

    private void CommitAt(long position)
    {
        writer.SetCommitData(new Dictionary<string, string>
        {
            [PositionKey] = position.ToString(CultureInfo.InvariantCulture),
            [AnalysisKey] = TextAnalysis.Version.ToString(CultureInfo.InvariantCulture),
        });
        writer.Commit();
        searchers.MaybeRefreshBlocking();
        Position = CommittedPosition = position;
    }

    /// <summary>A cached filter kept as a plain bit set, so that a search can test a document in constant time.</summary>
    private sealed class BitSetFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet DocIdSetToCache(DocIdSet docIdSet, AtomicReader reader)
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            if (docIdSet?.GetIterator() is { } passing)
            {
                bits.Or(passing);
            }

            return bits;
        }
    }

    private sealed class Factory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
