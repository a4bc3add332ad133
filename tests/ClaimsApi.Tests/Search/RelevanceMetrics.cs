namespace ClaimsApi.Tests.Search;

/// <summary>
/// Precision at k and normalised discounted cumulative gain at k over graded judgements (0 not relevant, 1
/// relevant, 2 the answer), as trec_eval's P_k and ndcg_cut_k compute them: the gain of a result is its grade, the
/// discount of rank i (from 1) is log2(i + 1), and the ideal ranking is every judged result, best grade first.
/// A result that is not judged has grade 0.
/// </summary>
public static class RelevanceMetrics
{
    /// <summary>
    /// The share of the first <paramref name="k"/> places held by a relevant result (grade 1 or more). Places the
    /// ranking does not fill count as not relevant, so 2 relevant results of 3 returned is 2/5 at k = 5.
    /// </summary>
    /// <param name="ranking">The results, best first.</param>
    /// <param name="grades">The judged results and their grades.</param>
    /// <param name="k">The cut-off.</param>
    public static double PrecisionAt(int k, IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return ranking.Take(k).Count(r => Grade(r, grades) > 0) / (double)k;
    }

    /// <summary>
    /// The discounted cumulative gain of the first <paramref name="k"/> results, divided by that of the ideal
    /// ranking: 1 when the ranking is ideal, 0 when it has no relevant result in its first k.
    /// </summary>
    /// <param name="ranking">The results, best first.</param>
    /// <param name="grades">The judged results and their grades; at least one must be 1 or more.</param>
    /// <param name="k">The cut-off.</param>
    public static double NdcgAt(int k, IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var ideal = Dcg(grades.Values.Where(g => g > 0).OrderDescending().Take(k));
        if (ideal == 0)
        {
            throw new ArgumentException("nDCG needs at least one relevant judgement.", nameof(grades));
        }

        return Dcg(ranking.Take(k).Select(r => Grade(r, grades))) / ideal;
    }

    /// <summary>The sum of grade / log2(rank + 1) over the ranks from 1.</summary>
    public static double Dcg(IEnumerable<int> gradesInRankOrder) =>
        gradesInRankOrder.Select((g, i) => g / Math.Log2(i + 2)).Sum();

    private static int Grade(string result, IReadOnlyDictionary<string, int> grades) =>
        grades.TryGetValue(result, out var grade) ? grade : 0;
}
