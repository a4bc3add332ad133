using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ClaimsApi.TextSearch;

/// <summary>
/// The best <c>k</c> documents for a query of groups, coordination first (decision 0014): a document that matches
/// more groups ranks above one that matches fewer, and BM25 (each group's best alternative, summed in double
/// precision) orders those that match as many. Found by MaxScore (Turtle and Flood, 1995; decision 0032): the groups
/// are ordered from the most to the least common, and the most common ones that cannot, even all together, lift a
/// document to the current k-th best are only probed for the documents the others produce. Once the best k match
/// more groups than the common words alone can give, nearly every document that matches only common words is
/// skipped. The result equals <see cref="Exhaustive"/>'s, which scores every match.
/// </summary>
internal static class MaxScore
{
    /// <summary>A hit: the document (index-wide id), how many groups it matches, and its summed BM25.</summary>
    public readonly record struct Hit(int Doc, int Groups, double Relevance);

    /// <summary>The best <paramref name="k"/> documents matching any of the groups and accepted by <paramref name="accept"/> (null: all), best first; ties by document order.</summary>
    public static List<Hit> Top(IndexSearcher searcher, IReadOnlyList<Query> groups, IReadOnlyList<double> bounds, int k, Func<AtomicReaderContext, Func<int, bool>>? accept = null)
    {
        var weights = groups.Select(searcher.CreateNormalizedWeight).ToArray();
        var best = new PriorityQueue<Hit, Hit>(k + 1, WorstFirst.Instance);
        Hit? kth = null;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var accepts = accept?.Invoke(leaf);
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

            var essential = 0; // scorers essential..count-1 produce the candidates
            bool CannotReach(int groups, double relevance) => kth is { } t && (groups < t.Groups || (groups == t.Groups && relevance <= t.Relevance));
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

                if (hopeless || CannotReach(matched, relevance) || (accepts is not null && !accepts(doc)))
                {
                    continue;
                }

                var hit = new Hit(leaf.DocBase + doc, matched, relevance);
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

        return Drain(best);
    }

    /// <summary>The same by scoring every match: the oracle <see cref="Top"/> is tested against.</summary>
    public static List<Hit> Exhaustive(IndexSearcher searcher, IReadOnlyList<Query> groups, int k)
    {
        var weights = groups.Select(searcher.CreateNormalizedWeight).ToArray();
        var all = new List<Hit>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
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

            all.AddRange(scores.Select(s => new Hit(leaf.DocBase + s.Key, s.Value.Groups, s.Value.Relevance)));
        }

        all.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
        return [.. all.Take(k)];
    }

    private static List<Hit> Drain(PriorityQueue<Hit, Hit> best)
    {
        var result = new List<Hit>(best.Count);
        while (best.Count > 0)
        {
            result.Add(best.Dequeue());
        }

        result.Reverse();
        return result;
    }

    /// <summary>Worst first: fewer groups, then less relevance, then the later document.</summary>
    private sealed class WorstFirst : IComparer<Hit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Hit a, Hit b) =>
            a.Groups != b.Groups ? a.Groups.CompareTo(b.Groups)
            : a.Relevance != b.Relevance ? a.Relevance.CompareTo(b.Relevance)
            : b.Doc.CompareTo(a.Doc);
    }
}
