using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClaimsApi.TextSearch;

/// <summary>Where a page of results starts: after the result with this score and key (kind:id).</summary>
public sealed record RankCursor(double Score, string Key);

/// <summary>
/// The best <c>k</c> documents for a query of groups, coordination first (decision 0014): a document that matches
/// more groups ranks above one that matches fewer, and BM25 (each group's best alternative, summed in double
/// precision, which is exact for single-precision scores) orders those that match as many; equal scores are
/// ordered by kind, then id. Found by MaxScore (Turtle and Flood, 1995; decision 0032): the groups are ordered from
/// the most to the least common, and the most common ones that cannot, even all together, lift a document to the
/// current k-th best are only probed for the documents the others produce. Once the best k match more groups than
/// the common words alone can give, nearly every document that matches only common words is skipped.
/// The result equals <see cref="Exhaustive"/>'s, which scores every match.
/// </summary>
internal static class MaxScore
{
    /// <summary>
    /// A hit: the document (index-wide id), how many groups it matches, its summed BM25, the score the API gives, and
    /// its key (kind:id), which orders equal scores. Within a segment keys compare by their ordinal in the segment's
    /// sorted doc values (ordinals follow the keys' order), so the bytes are read only to compare across segments.
    /// </summary>
    public sealed class Hit(int doc, int groups, double relevance, int segment, int ordinal, SortedDocValues keys)
    {
        private BytesRef? key;

        public int Doc => doc;

        public int Groups => groups;

        public double Relevance => relevance;

        public int Segment => segment;

        public int Ordinal => ordinal;

        /// <summary>The API's score: the groups matched plus BM25 squashed into [0, 1).</summary>
        public double Score { get; } = groups + (relevance / (1 + relevance));

        public BytesRef Key
        {
            get
            {
                if (key is null)
                {
                    key = new BytesRef();
                    keys.LookupOrd(ordinal, key);
                }

                return key;
            }
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> documents matching any of the groups, accepted by <paramref name="accept"/>
    /// (null: all) and ranked after <paramref name="after"/> (null: from the first), best first.
    /// </summary>
    public static List<Hit> Top(
        IndexSearcher searcher, IReadOnlyList<Query> groups, IReadOnlyList<double> bounds, int k,
        Func<AtomicReaderContext, IBits?>? accept = null, RankCursor? after = null)
    {
        var weights = groups.Select(searcher.CreateNormalizedWeight).ToArray();
        var best = new PriorityQueue<Hit, Hit>(k + 1, WorstFirst.Instance);
        var cursorKey = after is null ? null : new BytesRef(after.Key);
        Hit? kth = null;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var accepts = accept?.Invoke(leaf);
            var keys = leaf.AtomicReader.GetSortedDocValues(IndexFields.Key);
            // The first ordinal of this segment whose key comes after the cursor's (keys are sorted by ordinal).
            var afterOrdinal = cursorKey is null ? 0 : keys.LookupTerm(cursorKey) is var found && found >= 0 ? found + 1 : -found - 1;
            var scorers = new List<(Scorer Scorer, long Cost, double Bound)>(weights.Length);
            for (var g = 0; g < weights.Length; g++)
            {
                if (weights[g].GetScorer(leaf, leaf.AtomicReader.LiveDocs) is { } scorer)
                {
                    scorers.Add((scorer, scorer.GetCost(), bounds[g]));
                }
            }

            scorers.Sort((a, b) => b.Cost.CompareTo(a.Cost)); // the most common first
            var count = scorers.Count;
            var upTo = new double[count]; // the most BM25 scorers 0..i can add together; they add at most i + 1 groups
            for (var i = 0; i < count; i++)
            {
                upTo[i] = (i > 0 ? upTo[i - 1] : 0) + scorers[i].Bound;
            }

            var docs = new int[count];
            for (var i = 0; i < count; i++)
            {
                docs[i] = scorers[i].Scorer.NextDoc();
            }

            // Strictly below the k-th best's score (a bound equal to it could still win on the key).
            bool CannotReach(int groups, double relevance) => kth is { } t && groups + (relevance / (1 + relevance)) < t.Score;
            var essential = 0; // scorers essential..count-1 produce the candidates
            void MoveEssential()
            {
                while (essential < count && CannotReach(essential + 1, upTo[essential]))
                {
                    essential++;
                }
            }

            MoveEssential();
            while (essential < count)
            {
                var doc = DocIdSetIterator.NO_MORE_DOCS;
                for (var i = essential; i < count; i++)
                {
                    doc = Math.Min(doc, docs[i]);
                }

                if (doc == DocIdSetIterator.NO_MORE_DOCS)
                {
                    break;
                }

                var (matched, relevance) = (0, 0.0);
                for (var i = essential; i < count; i++)
                {
                    if (docs[i] == doc)
                    {
                        (matched, relevance) = (matched + 1, relevance + scorers[i].Scorer.GetScore());
                        docs[i] = scorers[i].Scorer.NextDoc();
                    }
                }

                var hopeless = false;
                for (var i = essential - 1; i >= 0; i--)
                {
                    if (CannotReach(matched + i + 1, relevance + upTo[i]))
                    {
                        hopeless = true;
                        break;
                    }

                    if (docs[i] < doc)
                    {
                        docs[i] = scorers[i].Scorer.Advance(doc);
                    }

                    if (docs[i] == doc)
                    {
                        (matched, relevance) = (matched + 1, relevance + scorers[i].Scorer.GetScore());
                    }
                }

                if (hopeless || CannotReach(matched, relevance) || (accepts is not null && !accepts.Get(doc)))
                {
                    continue;
                }

                // The key's ordinal is read only when the score ties the cursor's or the k-th best's: reading it for
                // every candidate cost a third of a search over a very common word.
                var score = matched + (relevance / (1 + relevance));
                if (after is not null && score > after.Score)
                {
                    continue;
                }

                var ordinal = -1;
                if (after is not null && score == after.Score && (ordinal = keys.GetOrd(doc)) < afterOrdinal)
                {
                    continue;
                }

                if (kth is not null && score == kth.Score && leaf.Ord == kth.Segment && (ordinal < 0 ? ordinal = keys.GetOrd(doc) : ordinal) > kth.Ordinal)
                {
                    continue;
                }

                var hit = new Hit(leaf.DocBase + doc, matched, relevance, leaf.Ord, ordinal < 0 ? keys.GetOrd(doc) : ordinal, keys);
                if (kth is not null && WorstFirst.Instance.Compare(hit, kth) <= 0)
                {
                    continue;
                }

                best.Enqueue(hit, hit);
                if (best.Count > k)
                {
                    best.Dequeue();
                }

                if (best.Count == k)
                {
                    kth = best.Peek();
                    MoveEssential();
                }
            }
        }

        var result = new List<Hit>(best.Count);
        while (best.Count > 0)
        {
            result.Add(best.Dequeue());
        }

        result.Reverse();
        return result;
    }

    /// <summary>The same by scoring every match: the oracle <see cref="Top"/> is tested against.</summary>
    public static List<Hit> Exhaustive(IndexSearcher searcher, IReadOnlyList<Query> groups, int k, RankCursor? after = null)
    {
        var weights = groups.Select(searcher.CreateNormalizedWeight).ToArray();
        var all = new List<Hit>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var keys = leaf.AtomicReader.GetSortedDocValues(IndexFields.Key);
            var scores = new Dictionary<int, (int Groups, double Relevance)>();
            foreach (var weight in weights)
            {
                if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer)
                {
                    continue;
                }

                for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                {
                    var (g, r) = scores.GetValueOrDefault(doc);
                    scores[doc] = (g + 1, r + scorer.GetScore());
                }
            }

            foreach (var (doc, (g, r)) in scores)
            {
                all.Add(new Hit(leaf.DocBase + doc, g, r, leaf.Ord, keys.GetOrd(doc), keys));
            }
        }

        all.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
        var cursorKey = after is null ? null : new BytesRef(after.Key);
        return [.. all.Where(h => after is null || Ranks.After(h.Score, h.Key, after.Score, cursorKey!)).Take(k)];
    }

    /// <summary>Worst first: the lower score, then the later key (kind, then id, byte by byte as the database orders them).</summary>
    private sealed class WorstFirst : IComparer<Hit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Hit? a, Hit? b) =>
            a!.Score != b!.Score ? a.Score.CompareTo(b.Score)
            : a.Segment == b!.Segment ? b.Ordinal.CompareTo(a.Ordinal)
            : b.Key.CompareTo(a.Key);
    }
}

/// <summary>The order of results: the higher score first, then the smaller key.</summary>
internal static class Ranks
{
    /// <summary>Whether a result (score, key) comes after the cursor's.</summary>
    public static bool After(double score, BytesRef key, double cursorScore, BytesRef cursorKey) =>
        score < cursorScore || (score == cursorScore && key.CompareTo(cursorKey) > 0);
}
