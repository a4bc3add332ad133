using System.Text.RegularExpressions;

namespace ClaimsApi.Tests.Search;

/// <summary>The judged set (<see cref="JudgedSet"/>) is well formed.</summary>
public sealed partial class JudgedSetTests
{
    [Fact]
    public void TheSetHasAtLeastThirtyDistinctQueries()
    {
        Assert.True(JudgedSet.Queries.Count >= 30, $"{JudgedSet.Queries.Count} queries");
        Assert.Equal(JudgedSet.Queries.Count, JudgedSet.Queries.Select(q => q.Q).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryQueryHasARelevantResultAndAtMostFiveAnswers() =>
        Assert.All(JudgedSet.Queries, q =>
        {
            Assert.Contains(q.Judgements.Values, g => g > 0);
            Assert.InRange(q.Answers.Count, 0, 5);
        });

    [Fact]
    public void JudgementsAreGradesOneOrTwoOfATypedId() =>
        Assert.All(JudgedSet.Queries.SelectMany(q => q.Judgements), j =>
        {
            Assert.Matches(JudgedKey(), j.Key);
            Assert.InRange(j.Value, 1, 2);
        });

    [Fact]
    public void TheGumArticlesAreTheTwentyFour() => Assert.Equal(24, JudgedSet.GumArticles.Count);

    [GeneratedRegex("^(article|claim|statement)/[a-z0-9][a-z0-9-]*$")]
    private static partial Regex JudgedKey();
}
