using ClaimsApi.Extraction.Evaluation;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Extraction;

/// <summary>
/// The evaluation behind extract-eval: computed from the fixtures (the gold counts are the files'), scores in range,
/// and a floor well below the development figures of docs/extraction.md, to catch a regression without tuning to a number.
/// </summary>
public sealed class ExtractionEvaluationTests
{
    private static readonly string Gum = Path.Combine(TestPaths.Fixtures, "gum");
    private static readonly string[] OverlapKeys = ["source overlap", "cue overlap", "content overlap"];

    [Fact]
    public void TheSplitHoldsEveryArticleOnceSixteenForDevelopmentAndEightHeldOut()
    {
        var split = File.ReadAllLines(Path.Combine(Gum, GoldCorpus.SplitFile)).Skip(1).Select(l => l.Split('\t')).ToList();
        var articles = File.ReadAllLines(Path.Combine(Gum, "articles.tsv")).Skip(1).Select(l => l.Split('\t')[0]).Order(StringComparer.Ordinal);

        Assert.Equal(articles, split.Select(s => s[0]).Order(StringComparer.Ordinal));
        Assert.Equal(16, split.Count(s => s[1] == "dev"));
        Assert.Equal(8, split.Count(s => s[1] == "heldout"));
        Assert.All(split, s => Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s[0])))[..16], s[2]));
    }

    [Fact]
    public void TheDevelopmentScoresAreComputedFromTheFixtures()
    {
        var rows = File.ReadAllLines(Path.Combine(Gum, GoldCorpus.AttributionsFile)).Skip(1).Select(l => l.Split('\t')).ToList();
        var dev = File.ReadAllLines(Path.Combine(Gum, GoldCorpus.SplitFile)).Skip(1).Select(l => l.Split('\t')).Where(s => s[1] == "dev").Select(s => s[0]).ToHashSet();

        var scores = ExtractionEvaluation.Gum(Gum, "dev");

        Assert.Equal(16, scores.Articles);
        Assert.Equal(rows.Count(r => dev.Contains(r[0])), scores.Counts.Rows);
        Assert.Equal(rows.Count(r => dev.Contains(r[0]) && r[5].Length > 0), scores.Counts.Cues);
        Assert.Equal(6, scores.Scores.Count); // source, cue, content × exact, overlap
        Assert.All(scores.Scores.Values, s =>
        {
            Assert.InRange(s.Precision, 0, 1);
            Assert.InRange(s.Recall, 0, 1);
            Assert.InRange(s.F1, 0, 1);
            Assert.InRange(s.MatchedGold, 0, s.Gold);
        });
        Assert.All(OverlapKeys, key => Assert.True(scores.Scores[key].F1 >= 0.6, $"{key} F1 {scores.Scores[key].F1:F3}"));
    }

    [Fact]
    public void TheSeedIsScoredAgainstItsCuration()
    {
        var scores = ExtractionEvaluation.Seed(TestPaths.Seeds);

        Assert.Equal(11, scores.Counts.Rows); // the seed's statements that are not the publisher's notes
        Assert.True(scores.Scores["speaker"].Recall >= 0.8, $"speaker recall {scores.Scores["speaker"].Recall:F3}");
        Assert.True(scores.Scores["content overlap"].F1 >= 0.8);
    }

    [Fact]
    public void OverlapMatchesEachGoldSpanOnceAndExactIgnoresEdgePunctuation()
    {
        const string text = "\"We will win,\" he said. They agreed.";
        var gold = new[] { new CharRange(0, 14), new CharRange(24, 36) };

        var overlap = ExtractionEvaluation.Overlap(text, [new CharRange(0, 36)], gold);
        var exact = ExtractionEvaluation.Exact(text, [new CharRange(1, 12)], gold);

        Assert.Equal((1, 1), (overlap.MatchedPredicted, overlap.MatchedGold));
        Assert.Equal((1, 1), (exact.MatchedPredicted, exact.MatchedGold));
    }
}
