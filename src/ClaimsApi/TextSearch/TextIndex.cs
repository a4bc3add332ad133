using System.Globalization;
using ClaimsApi.Domain.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ClaimsApi.TextSearch;

/// <summary>The fields of an indexed document.</summary>
internal static class IndexFields
{
    public const string Key = "key", Kind = "kind", Id = "id", Title = "title", Body = "body";

    /// <summary>A title matches ten times as much as a body, as the FTS5 index weighted them (decision 0014).</summary>
    public const float TitleBoost = 10f;

    public static string KeyOf(string kind, string id) => kind + ":" + id;
}

/// <summary>What the index keeps of one claim, statement or article: what search reads (decision 0032).</summary>
public sealed record IndexedDocument(string Kind, string Id, string Title, string Body);

/// <summary>A search hit: the record's kind and id, and its coordination-first score (groups matched + relevance in [0, 1)).</summary>
public readonly record struct TextHit(string Kind, string Id, double Score);

/// <summary>
/// The embedded full-text index of one instance (decision 0032): a Lucene.Net index in a local folder, derived from
/// the database and kept in step with it by applying its change log; each commit records the change-log position it
/// has applied, so a restart resumes from there. Thread-safe: one writer, searches on refreshed snapshots.
/// </summary>
public sealed class TextIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string PositionKey = "position";
    private static readonly BM25Similarity Similarity = new();

    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly System.Threading.Lock writing = new();

    private TextIndex(LuceneDirectory directory)
    {
        this.directory = directory;
        writer = new IndexWriter(directory, new IndexWriterConfig(Version, new IndexAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            RAMBufferSizeMB = 64,
        });
        Position = ReadPosition(directory);
        searchers = new SearcherManager(writer, applyAllDeletes: true, new Factory());
    }

    /// <summary>Opens (or creates) the index in folder <paramref name="path"/>.</summary>
    public static TextIndex Open(string path) => new(FSDirectory.Open(path));

    /// <summary>An index in memory, for tests.</summary>
    internal static TextIndex InMemory() => new(new RAMDirectory());

    /// <summary>The change-log position of the last change this index has applied and committed (0: none).</summary>
    public long Position { get; private set; }

    /// <summary>How many documents the index holds.</summary>
    public int Count
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Replaces the documents of <paramref name="changed"/> by <paramref name="documents"/> (a key of
    /// <paramref name="changed"/> without a document is removed), commits with <paramref name="position"/> as the
    /// position applied, and makes the result visible to searches.
    /// </summary>
    public void Apply(IEnumerable<(string Kind, string Id)> changed, IEnumerable<IndexedDocument> documents, long position)
    {
        lock (writing)
        {
            foreach (var (kind, id) in changed)
            {
                writer.DeleteDocuments(new Term(IndexFields.Key, IndexFields.KeyOf(kind, id)));
            }

            foreach (var document in documents)
            {
                writer.UpdateDocument(new Term(IndexFields.Key, IndexFields.KeyOf(document.Kind, document.Id)), ToLucene(document));
            }

            Commit(position);
        }
    }

    /// <summary>Empties the index, then adds <paramref name="documents"/> (a rebuild), committing every <paramref name="batch"/> documents and at the end with <paramref name="position"/>.</summary>
    public void Replace(IEnumerable<IndexedDocument> documents, long position, Action<long>? progress = null, int batch = 100_000)
    {
        lock (writing)
        {
            writer.DeleteAll();
            long count = 0;
            foreach (var document in documents)
            {
                writer.AddDocument(ToLucene(document));
                if (++count % batch == 0)
                {
                    progress?.Invoke(count);
                }
            }

            writer.ForceMerge(1);
            Commit(position);
            progress?.Invoke(count);
        }
    }

    /// <summary>The best <paramref name="limit"/> documents for <paramref name="query"/>, of kind <paramref name="kind"/> when given, best first.</summary>
    public IReadOnlyList<TextHit> Search(FullTextQuery query, int limit, string? kind = null)
    {
        if (query.IsEmpty || limit <= 0)
        {
            return [];
        }

        var groups = query.Groups.Select(ToQuery).ToList();
        var searcher = searchers.Acquire();
        try
        {
            Func<AtomicReaderContext, Func<int, bool>>? accept = kind is null ? null : leaf =>
            {
                var kinds = FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, IndexFields.Kind, setDocsWithField: false);
                var wanted = new BytesRef(kind);
                var scratch = new BytesRef();
                return doc =>
                {
                    kinds.Get(doc, scratch);
                    return scratch.BytesEquals(wanted);
                };
            };
            var hits = MaxScore.Top(searcher, groups, [.. query.Groups.Select(g => UpperBound(searcher.IndexReader, g))], limit, accept);
            return [.. hits.Select(h => ToHit(searcher, h))];
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>The same as <see cref="Search"/> by scoring every match (Lucene's own top-k): the oracle MaxScore is tested against.</summary>
    internal IReadOnlyList<TextHit> SearchEveryMatch(FullTextQuery query, int limit)
    {
        var searcher = searchers.Acquire();
        try
        {
            return [.. MaxScore.Exhaustive(searcher, [.. query.Groups.Select(ToQuery)], limit).Select(h => ToHit(searcher, h))];
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        directory.Dispose();
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

    /// <summary>A hit with its score as the API gives it: the groups matched, plus BM25 squashed into [0, 1) (decision 0014).</summary>
    private static TextHit ToHit(IndexSearcher searcher, MaxScore.Hit hit)
    {
        var stored = searcher.Doc(hit.Doc);
        return new TextHit(
            stored.Get(IndexFields.Kind, CultureInfo.InvariantCulture), stored.Get(IndexFields.Id, CultureInfo.InvariantCulture),
            hit.Groups + (hit.Relevance / (1 + hit.Relevance)));
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

    private static Document ToLucene(IndexedDocument document) =>
    [
        new StringField(IndexFields.Key, IndexFields.KeyOf(document.Kind, document.Id), Field.Store.NO),
        new StringField(IndexFields.Kind, document.Kind, Field.Store.YES),
        new StoredField(IndexFields.Id, document.Id),
        new TextField(IndexFields.Title, document.Title, Field.Store.NO),
        new TextField(IndexFields.Body, document.Body, Field.Store.NO),
    ];

    private void Commit(long position)
    {
        writer.SetCommitData(new Dictionary<string, string> { [PositionKey] = position.ToString(CultureInfo.InvariantCulture) });
        writer.Commit();
        Position = position;
        searchers.MaybeRefreshBlocking();
    }

    private static long ReadPosition(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return 0;
        }

        var commits = DirectoryReader.ListCommits(directory);
        var data = commits[^1].UserData;
        return data.TryGetValue(PositionKey, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
    }

    private sealed class Factory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
