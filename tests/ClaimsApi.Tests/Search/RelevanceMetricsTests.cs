namespace ClaimsApi.Tests.Search;

/// <summary>The formulas of <see cref="RelevanceMetrics"/> on examples computed by hand.</summary>
public sealed class RelevanceMetricsTests
{
    private const double Precision = 1e-12;

    // a is the answer, c relevant, g the answer but not retrieved; b, d, e and f are not judged.
    private static readonly Dictionary<string, int> Grades = new() { ["a"] = 2, ["c"] = 1, ["g"] = 2 };

    [Fact]
    public void PrecisionAtFiveCountsTheRelevantResultsOfTheFirstFive() =>
        Assert.Equal(2 / 5.0, RelevanceMetrics.PrecisionAt(5, ["a", "b", "c", "d", "e", "f"], Grades), Precision);

    [Fact]
    public void PrecisionAtFiveCountsPlacesTheRankingDoesNotFillAsNotRelevant() =>
        Assert.Equal(1 / 5.0, RelevanceMetrics.PrecisionAt(5, ["a"], Grades), Precision);

    [Fact]
    public void NdcgDividesTheGainDiscountedByLog2OfRankPlusOneByTheIdealOne()
    {
        // DCG = 2/log2(2) + 1/log2(4) = 2.5; ideal [2, 2, 1] = 2 + 2/log2(3) + 1/2 = 3.7618595…
        var expected = 2.5 / (2 + (2 / Math.Log2(3)) + 0.5);

        Assert.Equal(0.6645649565734895, expected, Precision);
        Assert.Equal(expected, RelevanceMetrics.NdcgAt(10, ["a", "b", "c", "d", "e", "f"], Grades), Precision);
    }

    [Fact]
    public void NdcgOfTwoResultsInTheWrongOrderIsBelowOne()
    {
        // (1 + 2/log2(3)) / (2 + 1/log2(3)) = 2.2618595 / 2.6309298
        Assert.Equal(0.8597186998521972, RelevanceMetrics.NdcgAt(10, ["c", "a"], new Dictionary<string, int> { ["a"] = 2, ["c"] = 1 }), Precision);
    }

    [Fact]
    public void NdcgOfTheIdealRankingIsOne() =>
        Assert.Equal(1.0, RelevanceMetrics.NdcgAt(10, ["a", "g", "c", "b"], Grades), Precision);

    [Fact]
    public void NdcgIsZeroWhenNothingRelevantIsInTheFirstK() =>
        Assert.Equal(0.0, RelevanceMetrics.NdcgAt(10, ["b", "d", "e"], Grades), Precision);

    [Fact]
    public void NdcgIgnoresResultsBelowTheCutOff()
    {
        string[] ranking = [.. Enumerable.Range(1, 10).Select(i => "x" + i), "a"];

        Assert.Equal(0.0, RelevanceMetrics.NdcgAt(10, ranking, Grades), Precision);
        Assert.Equal((2 / Math.Log2(12)) / RelevanceMetrics.Dcg([2, 2, 1]), RelevanceMetrics.NdcgAt(11, ranking, Grades), Precision);
    }

    [Fact]
    public void TheIdealRankingIsCutAtKToo()
    {
        // Twelve answers: the ideal DCG at 10 is ten answers, and ten answers in the first ten are ideal.
        var grades = Enumerable.Range(1, 12).ToDictionary(i => "x" + i, _ => 2);

        Assert.Equal(1.0, RelevanceMetrics.NdcgAt(10, [.. Enumerable.Range(3, 10).Select(i => "x" + i)], grades), Precision);
    }

    [Fact]
    public void NdcgNeedsARelevantJudgement() =>
        Assert.Throws<ArgumentException>(() => RelevanceMetrics.NdcgAt(10, ["a"], new Dictionary<string, int> { ["a"] = 0 }));
}
