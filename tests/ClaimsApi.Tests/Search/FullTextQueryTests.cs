using ClaimsApi.Features.Claims;
using ClaimsApi.Domain.Search;
using ClaimsApi.Persistence;
using CsCheck;

namespace ClaimsApi.Tests.Search;

public sealed class FullTextQueryTests
{
    private static readonly FullTextQuery KimAndKursk = new(
    [
        new FullTextGroup([["kim", "jong", "un"], ["the", "head", "of", "state"]], ["kim-jong-un"]),
        new FullTextGroup([["kursk"]], []),
    ]);

    [Fact]
    public void TokensAreRunsOfLettersAndDigitsLowerCased()
    {
        Assert.Equal(["kim", "jong", "un", "s", "2024", "курск", "são"], FullTextQuery.Tokenize("Kim Jong-un's 2024 \"Курск\" (São)*"));
    }

    [Fact]
    public void Fts5QuotesEveryPhraseAndJoinsWithOr() =>
        Assert.Equal("\"kim jong un\" OR \"the head of state\" OR \"kursk\"", SqliteClaimsDbContext.ToFts5(KimAndKursk));

    [Fact]
    public void TsQueryChainsPhrasesAndJoinsWithOr() =>
        Assert.Equal("(kim <-> jong <-> un) | (the <-> head <-> of <-> state) | (kursk)", PostgresClaimsDbContext.ToTsQuery(KimAndKursk));

    [Fact]
    public void NoInputEverPutsSyntaxIntoTheRenderedQueries()
    {
        Gen.String.Sample(text =>
        {
            var tokens = FullTextQuery.Tokenize(text);
            var query = new FullTextQuery([.. tokens.Select(t => new FullTextGroup([[t]], []))]);
            var fts5 = SqliteClaimsDbContext.ToFts5(query);
            var tsquery = PostgresClaimsDbContext.ToTsQuery(query);
            Assert.All(tokens, t => Assert.True(t.All(char.IsLetterOrDigit) || t.Any(c => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark)));
            Assert.Equal(2 * tokens.Count, fts5.Count(c => c == '"'));
            Assert.DoesNotContain('\'', tsquery);
            Assert.DoesNotContain(':', tsquery);
        });
    }

    [Theory]
    [InlineData("fighting", "fight")]
    [InlineData("soldiers", "soldier")]
    [InlineData("claimed", "claim")]
    [InlineData("countries", "country")]
    [InlineData("kursk", "kursk")]
    [InlineData("was", "was")]
    public void TheLightStemmerStripsCommonSuffixes(string word, string stem) => Assert.Equal(stem, ClaimMatcher.Stem(word));

    [Fact]
    public void AClaimCoveringEveryConceptScoresOne()
    {
        var claim = new ClaimMatcher.Candidate("c", ["Kim Jong-un ordered the troops into Kursk."], new HashSet<string>());

        var (score, entities, terms) = ClaimMatcher.Score(KimAndKursk, claim);

        Assert.Equal(1, score);
        Assert.Equal(["kim-jong-un"], entities);
        Assert.Equal(["kursk"], terms);
    }

    [Fact]
    public void EntitiesWeighTwiceAsMuchAsWords()
    {
        var onlyKursk = new ClaimMatcher.Candidate("c", ["Fighting in Kursk"], new HashSet<string>());
        var onlyKim = new ClaimMatcher.Candidate("c", ["nothing here"], new HashSet<string> { "kim-jong-un" });

        Assert.Equal(1.0 / 3, ClaimMatcher.Score(KimAndKursk, onlyKursk).Score, 6);
        Assert.Equal(2.0 / 3, ClaimMatcher.Score(KimAndKursk, onlyKim).Score, 6);
    }
}
