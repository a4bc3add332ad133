using ClaimsApi.Domain.Text;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

public sealed class TextQuoteTests
{
    private const string Sentence = "the cat sat on the mat";

    /// <summary>A quote over a two-letter alphabet, so that matches, overlaps and near misses are common.</summary>
    private static readonly Gen<Quote> Quotes =
        from text in Gen.Char["ab"].Array[0, 24].Select(a => new string(a))
        from exact in Gen.Char["ab"].Array[1, 3].Select(a => new string(a))
        from prefix in Gen.Char["ab"].Array[0, 2].Select(a => a.Length == 0 ? null : new string(a))
        from suffix in Gen.Char["ab"].Array[0, 2].Select(a => a.Length == 0 ? null : new string(a))
        from x in Gen.Int[0, text.Length]
        from y in Gen.Int[0, text.Length]
        select new Quote(text, exact, prefix, suffix, Math.Min(x, y), Math.Max(x, y));

    [Fact]
    public void TextThatOccursOnceIsFoundAtItsIndex()
    {
        var result = TextQuote.Find(Sentence, "cat");

        Assert.Equal(new AnchorResult(4, 1), result);
        Assert.True(result.IsUnique);
    }

    [Fact]
    public void TextThatDoesNotOccurHasNoMatch()
    {
        var result = TextQuote.Find(Sentence, "dog");

        Assert.Equal(0, result.Matches);
        Assert.Equal(-1, result.Index);
        Assert.False(result.IsUnique);
    }

    [Fact]
    public void MatchingIsCaseSensitive()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "The").Matches);
    }

    [Fact]
    public void TextThatOccursTwiceCountsBothAndIsNotUnique()
    {
        var result = TextQuote.Find(Sentence, "the");

        Assert.Equal(2, result.Matches);
        Assert.False(result.IsUnique);
    }

    [Fact]
    public void PrefixSelectsTheOccurrenceItPrecedes()
    {
        Assert.Equal(new AnchorResult(15, 1), TextQuote.Find(Sentence, "the", prefix: "on "));
    }

    [Fact]
    public void SuffixSelectsTheOccurrenceItFollows()
    {
        Assert.Equal(new AnchorResult(0, 1), TextQuote.Find(Sentence, "the", suffix: " cat"));
    }

    [Fact]
    public void PrefixAndSuffixMustBothFit()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "the", prefix: "on ", suffix: " cat").Matches);
    }

    [Fact]
    public void PrefixThatPrecedesNoOccurrenceLeavesNoMatch()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "the", prefix: "under ").Matches);
    }

    [Fact]
    public void SearchStartsAtFrom()
    {
        Assert.Equal(new AnchorResult(15, 1), TextQuote.Find(Sentence, "the", from: 1));
    }

    [Fact]
    public void SearchStopsAtTo()
    {
        Assert.Equal(new AnchorResult(0, 1), TextQuote.Find(Sentence, "the", to: 17));
    }

    [Fact]
    public void OccurrenceCrossingTheEndOfTheRangeIsNotAMatch()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "mat", from: 0, to: Sentence.Length - 1).Matches);
    }

    [Fact]
    public void PrefixBeforeTheStartOfTheRangeDoesNotCount()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "cat", prefix: "the ", from: 4).Matches);
    }

    [Fact]
    public void SuffixEndingExactlyAtTheEndOfTheRangeCounts()
    {
        Assert.Equal(new AnchorResult(4, 1), TextQuote.Find(Sentence, "cat", suffix: " sat", from: 4, to: 11));
    }

    [Fact]
    public void SuffixReachingPastTheEndOfTheRangeDoesNotCount()
    {
        Assert.Equal(0, TextQuote.Find(Sentence, "cat", suffix: " sat", from: 4, to: 10).Matches);
    }

    [Fact]
    public void OverlappingOccurrencesAreCountedSeparately()
    {
        Assert.Equal(new AnchorResult(0, 2), TextQuote.Find("aaaa", "aaa"));
    }

    [Fact]
    public void PrefixPicksTheLaterOfTwoOverlappingOccurrences()
    {
        Assert.Equal(new AnchorResult(1, 1), TextQuote.Find("aaaa", "aaa", prefix: "a"));
    }

    [Fact]
    public void SuffixPicksTheEarlierOfTwoOverlappingOccurrences()
    {
        Assert.Equal(new AnchorResult(0, 1), TextQuote.Find("aaaa", "aaa", suffix: "a"));
    }

    [Fact]
    public void EmptyExactTextIsRejected()
    {
        Assert.Throws<ArgumentException>(() => TextQuote.Find(Sentence, ""));
    }

    [Fact]
    public void ReportedMatchIsReallyThereWithItsContextInsideTheRange()
    {
        Quotes.Sample(q =>
        {
            var result = TextQuote.Find(q.Text, q.Exact, q.Prefix, q.Suffix, q.From, q.To);
            if (result.Matches == 0)
            {
                return;
            }

            var prefix = q.Prefix ?? "";
            var suffix = q.Suffix ?? "";
            Assert.InRange(result.Index - prefix.Length, q.From, q.To);
            Assert.InRange(result.Index + q.Exact.Length + suffix.Length, q.From, q.To);
            Assert.Equal(prefix + q.Exact + suffix, q.Text.Substring(result.Index - prefix.Length, prefix.Length + q.Exact.Length + suffix.Length));
        }, print: q => q.ToString());
    }

    [Fact]
    public void MatchCountAndIndexAgreeWithABruteForceSearch()
    {
        Quotes.Sample(q =>
        {
            var prefix = q.Prefix ?? "";
            var suffix = q.Suffix ?? "";
            var matches = Enumerable.Range(q.From, Math.Max(0, q.To - q.From - q.Exact.Length + 1))
                .Where(i => i - prefix.Length >= q.From && i + q.Exact.Length + suffix.Length <= q.To)
                .Where(i => string.CompareOrdinal(q.Text, i - prefix.Length, prefix + q.Exact + suffix, 0, prefix.Length + q.Exact.Length + suffix.Length) == 0)
                .ToList();

            var result = TextQuote.Find(q.Text, q.Exact, q.Prefix, q.Suffix, q.From, q.To);

            Assert.Equal(new AnchorResult(matches.Count > 0 ? matches[0] : -1, matches.Count), result);
        }, print: q => q.ToString());
    }

    private sealed record Quote(string Text, string Exact, string? Prefix, string? Suffix, int From, int To);
}
