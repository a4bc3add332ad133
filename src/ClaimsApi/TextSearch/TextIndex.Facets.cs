using ClaimsApi.Domain.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClaimsApi.TextSearch;

/// <summary>Facet counts over every claim a query matches (decision 0032).</summary>
public sealed partial class TextIndex
{
    /// <summary>Counts over every claim that matches <paramref name="query"/> and passes <paramref name="filter"/> (null: all).</summary>
    public FacetCounts Facets(FullTextQuery query, Query? filter)
    {
        var alternatives = query.Groups.SelectMany(g => ((DisjunctionMaxQuery)ToQuery(g)).Disjuncts).ToList();
        var claims = new BooleanQuery { { new TermQuery(new Term(IndexFields.Kind, "claim")), Occur.MUST } };
        if (filter is not null)
        {
            claims.Add(filter, Occur.MUST);
        }

        var passing = Cached(claims);
        return WithSearcher(searcher =>
        {
            // Unscored, term at a time: each alternative's postings set the bits of its documents, which are then
            // narrowed by the cached bit set of the claims that pass the filter and counted. A disjunction of many
            // alternatives (an entity's names, in two fields) costs a heap operation per posting when its documents
            // are produced in order; here a posting costs one bit.
            var collector = new FacetCollector();
            // A phrase's weight (its terms' statistics over the whole index) once per count, not once per segment.
            var phrases = alternatives.Select(a => a is TermQuery ? null : searcher.CreateNormalizedWeight(a)).ToArray();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                // The cached set itself (deleted documents are left out by the postings read below).
                if (passing.GetDocIdSet(leaf, acceptDocs: null) is not FixedBitSet claimsHere)
                {
                    continue;
                }

                var words = System.Buffers.ArrayPool<long>.Shared.Rent(FixedBitSet.Bits2words(leaf.AtomicReader.MaxDoc));
                try
                {
                    Array.Clear(words);
                    var matched = new FixedBitSet(words, leaf.AtomicReader.MaxDoc);
                    for (var a = 0; a < alternatives.Count; a++)
                    {
                        Mark(leaf, alternatives[a], phrases[a], matched);
                    }

                    matched.And(claimsHere);
                    collector.SetNextReader(leaf);
                    for (var doc = matched.NextSetBit(0); doc >= 0; doc = doc + 1 < matched.Length ? matched.NextSetBit(doc + 1) : -1)
                    {
                        collector.Collect(doc);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<long>.Shared.Return(words);
                }
            }

            return collector.Counts;
        });
    }

    /// <summary>The same as <see cref="Facets"/> through Lucene's own disjunction and conjunction: the oracle it is tested against.</summary>
    internal FacetCounts FacetsEveryMatch(FullTextQuery query, Query? filter)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var group in query.Groups)
        {
            any.Add(ToQuery(group), Occur.SHOULD);
        }

        var matching = new BooleanQuery { { any, Occur.MUST }, { new TermQuery(new Term(IndexFields.Kind, "claim")), Occur.MUST } };
        if (filter is not null)
        {
            matching.Add(filter, Occur.MUST);
        }

        return WithSearcher(searcher =>
        {
            var collector = new FacetCollector();
            searcher.Search(matching, collector);
            return collector.Counts;
        });
    }

    /// <summary>
    /// Sets the bit of every live document of <paramref name="leaf"/> that <paramref name="alternative"/> matches: a
    /// term from its postings, a phrase through <paramref name="phrase"/>, its weight.
    /// </summary>
    private static void Mark(AtomicReaderContext leaf, Query alternative, Weight? phrase, FixedBitSet matched)
    {
        if (alternative is TermQuery term)
        {
            // A term's documents straight from its postings, without frequencies or scores.
            var terms = leaf.AtomicReader.GetTerms(term.Term.Field)?.GetEnumerator();
            if (terms is not null && terms.SeekExact(term.Term.Bytes))
            {
                var docs = terms.Docs(leaf.AtomicReader.LiveDocs, null, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    matched.Set(doc);
                }
            }

            return;
        }

        if (phrase?.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is { } scorer)
        {
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
            {
                matched.Set(doc);
            }
        }
    }
}
