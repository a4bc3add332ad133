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

/// <summary>Counts the facet fields of each matching document by ordinal per segment, from the segment's <see cref="FacetColumns"/>.</summary>
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
        segment = new Segment(FacetColumns.Of(context.AtomicReader));
    }

    public void Collect(int doc) => segment!.Collect(doc);

    /// <summary>Counts by ordinal within one segment; the ordinals become values once the segment is done.</summary>
    private sealed class Segment(FacetColumns columns)
    {
        private readonly int[] claimantCounts = new int[columns.Claimants.Length];
        private readonly int[] mentionCounts = new int[columns.Mentions.Length];
        private readonly int[] kindCounts = new int[columns.Kinds.Length];
        private readonly int[] statusCounts = new int[columns.Statuses.Length];
        private readonly int[] yearCounts = new int[FacetColumns.Years];

        public void Collect(int doc)
        {
            var claimant = columns.Claimant[doc];
            if (claimant < 0)
            {
                return; // not a claim
            }

            claimantCounts[claimant]++;
            if (columns.Kind[doc] is >= 0 and var kind)
            {
                kindCounts[kind]++;
            }

            if (columns.Status[doc] is >= 0 and var status)
            {
                statusCounts[status]++;
            }

            for (var m = columns.MentionStart[doc]; m < columns.MentionStart[doc + 1]; m++)
            {
                mentionCounts[columns.MentionOrds[m]]++;
            }

            if (columns.Year[doc] is > 0 and var year)
            {
                yearCounts[year]++;
            }
        }

        public void Flush(FacetCollector into)
        {
            Add(into.claimants, claimantCounts, columns.Claimants);
            Add(into.kinds, kindCounts, columns.Kinds);
            Add(into.statuses, statusCounts, columns.Statuses);
            Add(into.mentioned, mentionCounts, columns.Mentions);
            for (var year = 0; year < yearCounts.Length; year++)
            {
                if (yearCounts[year] > 0)
                {
                    into.years[year] = into.years.GetValueOrDefault(year) + yearCounts[year];
                }
            }
        }

        private static void Add(Dictionary<string, int> into, int[] counts, string[] values)
        {
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    into[values[ord]] = into.GetValueOrDefault(values[ord]) + counts[ord];
                }
            }
        }
    }
}

/// <summary>
/// The facet fields of one segment, decoded once into plain arrays (ordinals per document, mentions as offsets into
/// one array of ordinals, and the values of the ordinals), cached with the segment's core and dropped with it. Counting
/// then reads arrays instead of the compressed, memory-mapped doc values: facets over half a million claims read each
/// document's five fields, which through the doc values cost more than the search. About 12 bytes a document plus 4
/// per mention: some 30 MB at a million claims, held for as long as the segment lives.
/// </summary>
internal sealed class FacetColumns
{
    /// <summary>Years 1 to 9999 index <see cref="Year"/>'s counts directly (0: no date).</summary>
    public const int Years = 10_000;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, FacetColumns> Cache = [];

    private FacetColumns(AtomicReader reader)
    {
        // One pass over the documents; only claims (those with a claimant, a third of the documents) read the other
        // fields, which is what a first facet count after start waits for.
        var maxDoc = reader.MaxDoc;
        var claimant = reader.GetSortedDocValues(IndexFields.Claimant);
        var kind = reader.GetSortedDocValues(IndexFields.ClaimKind);
        var status = reader.GetSortedDocValues(IndexFields.Status);
        var date = reader.GetNumericDocValues(IndexFields.Date);
        var hasDate = reader.GetDocsWithField(IndexFields.Date);
        var mention = reader.GetSortedSetDocValues(IndexFields.Mention);
        (Claimant, Kind, Status, Year, MentionStart) = (new int[maxDoc], new int[maxDoc], new int[maxDoc], new short[maxDoc], new int[maxDoc + 1]);
        var ords = new List<int>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            MentionStart[doc] = ords.Count;
            if ((Claimant[doc] = claimant?.GetOrd(doc) ?? -1) < 0)
            {
                (Kind[doc], Status[doc]) = (-1, -1);
                continue;
            }

            Kind[doc] = kind?.GetOrd(doc) ?? -1;
            Status[doc] = status?.GetOrd(doc) ?? -1;
            Year[doc] = date is not null && hasDate?.Get(doc) == true ? (short)DateOnly.FromDayNumber((int)date.Get(doc)).Year : (short)0;
            if (mention is not null)
            {
                mention.SetDocument(doc);
                for (var m = mention.NextOrd(); m != SortedSetDocValues.NO_MORE_ORDS; m = mention.NextOrd())
                {
                    ords.Add((int)m);
                }
            }
        }

        MentionStart[maxDoc] = ords.Count;
        MentionOrds = [.. ords];
        Claimants = Values(claimant);
        Kinds = Values(kind);
        Statuses = Values(status);
        Mentions = new string[mention?.ValueCount ?? 0];
        for (var ord = 0; ord < Mentions.Length; ord++)
        {
            var value = new BytesRef();
            mention!.LookupOrd(ord, value);
            Mentions[ord] = value.Utf8ToString();
        }
    }

    /// <summary>Each document's claimant ordinal, -1 for none (not a claim).</summary>
    public int[] Claimant { get; }

    public string[] Claimants { get; }

    public int[] Kind { get; }

    public string[] Kinds { get; }

    public int[] Status { get; }

    public string[] Statuses { get; }

    /// <summary>Each document's year, 0 for none.</summary>
    public short[] Year { get; }

    /// <summary>Document d's mentions are <c>MentionOrds[MentionStart[d]..MentionStart[d + 1]]</c>.</summary>
    public int[] MentionStart { get; }

    public int[] MentionOrds { get; }

    public string[] Mentions { get; }

    /// <summary>The columns of <paramref name="reader"/>'s segment, decoded on first use.</summary>
    public static FacetColumns Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new FacetColumns(reader));

    private static string[] Values(SortedDocValues? values)
    {
        var names = new string[values?.ValueCount ?? 0];
        for (var ord = 0; ord < names.Length; ord++)
        {
            var value = new BytesRef();
            values!.LookupOrd(ord, value);
            names[ord] = value.Utf8ToString();
        }

        return names;
    }
}
