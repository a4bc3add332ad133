using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClaimsApi.TextSearch;

/// <summary>Counts over every claim a search matches (decision 0032): by claimant, mentioned entity, kind, status and year.</summary>
public sealed record FacetCounts(
    IReadOnlyDictionary<string, int> Claimants,
    IReadOnlyDictionary<string, int> Mentioned,
    IReadOnlyDictionary<string, int> Kinds,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyDictionary<int, int> Years);

/// <summary>Reads the facet fields of each matching document from its doc values, counting by ordinal per segment.</summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> claimants = new(StringComparer.Ordinal), mentioned = new(StringComparer.Ordinal),
        kinds = new(StringComparer.Ordinal), statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> years = [];
    private Segment? segment;

    public bool AcceptsDocsOutOfOrder => true;

    public FacetCounts Counts
    {
        get
        {
            segment?.Flush(this);
            segment = null;
            return new(claimants, mentioned, kinds, statuses, years);
        }
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        segment?.Flush(this);
        segment = new Segment(context.AtomicReader);
    }

    public void Collect(int doc) => segment!.Collect(doc);

    /// <summary>Counts by ordinal within one segment; the ordinals become values once the segment is done.</summary>
    private sealed class Segment(AtomicReader reader)
    {
        private readonly SortedDocValues? claimant = reader.GetSortedDocValues(IndexFields.Claimant);
        private readonly SortedSetDocValues? mention = reader.GetSortedSetDocValues(IndexFields.Mention);
        private readonly SortedDocValues? kind = reader.GetSortedDocValues(IndexFields.ClaimKind);
        private readonly SortedDocValues? status = reader.GetSortedDocValues(IndexFields.Status);
        private readonly NumericDocValues? date = reader.GetNumericDocValues(IndexFields.Date);
        private readonly IBits? hasDate = reader.GetDocsWithField(IndexFields.Date);
        private readonly int[] claimantCounts = new int[reader.GetSortedDocValues(IndexFields.Claimant)?.ValueCount ?? 0];
        private readonly int[] mentionCounts = new int[(int)(reader.GetSortedSetDocValues(IndexFields.Mention)?.ValueCount ?? 0)];
        private readonly int[] kindCounts = new int[reader.GetSortedDocValues(IndexFields.ClaimKind)?.ValueCount ?? 0];
        private readonly int[] statusCounts = new int[reader.GetSortedDocValues(IndexFields.Status)?.ValueCount ?? 0];
        private readonly Dictionary<int, int> yearCounts = [];

        public void Collect(int doc)
        {
            if (claimant is null || claimant.GetOrd(doc) is var ord && ord < 0)
            {
                return; // not a claim
            }

            claimantCounts[ord]++;
            if (kind?.GetOrd(doc) is >= 0 and var k)
            {
                kindCounts[k]++;
            }

            if (status?.GetOrd(doc) is >= 0 and var s)
            {
                statusCounts[s]++;
            }

            if (mention is not null)
            {
                mention.SetDocument(doc);
                for (var m = mention.NextOrd(); m != SortedSetDocValues.NO_MORE_ORDS; m = mention.NextOrd())
                {
                    mentionCounts[m]++;
                }
            }

            if (date is not null && hasDate?.Get(doc) == true)
            {
                var year = DateOnly.FromDayNumber((int)date.Get(doc)).Year;
                yearCounts[year] = yearCounts.GetValueOrDefault(year) + 1;
            }
        }

        public void Flush(FacetCollector into)
        {
            Add(into.claimants, claimantCounts, o => Value(claimant!, o));
            Add(into.kinds, kindCounts, o => Value(kind!, o));
            Add(into.statuses, statusCounts, o => Value(status!, o));
            Add(into.mentioned, mentionCounts, o =>
            {
                var value = new BytesRef();
                mention!.LookupOrd(o, value);
                return value.Utf8ToString();
            });
            foreach (var (year, count) in yearCounts)
            {
                into.years[year] = into.years.GetValueOrDefault(year) + count;
            }
        }

        private static string Value(SortedDocValues values, int ord)
        {
            var value = new BytesRef();
            values.LookupOrd(ord, value);
            return value.Utf8ToString();
        }

        private static void Add(Dictionary<string, int> into, int[] counts, Func<int, string> value)
        {
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    var key = value(ord);
                    into[key] = into.GetValueOrDefault(key) + counts[ord];
                }
            }
        }
    }
}
