using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Domain;

public sealed partial class ArticleParserTests
{
    private static readonly string ShippedSeed = SeedText.Read(Path.Combine(TestPaths.Seeds, TestPaths.SeedStem + ".txt"));

    private static readonly string NonAscii = SeedText.Read(Path.Combine(TestPaths.Fixtures, "non-ascii.txt"));

    [Fact]
    public void ShippedSeedIsDatedTheTwentyEighthOfAprilToTheDay()
    {
        var article = ArticleParser.Parse(ShippedSeed);

        Assert.Equal(new DateOnly(2025, 4, 28), article.PublishedOn);
        Assert.Equal(DatePrecision.Day, article.Precision);
    }

    [Fact]
    public void ShippedSeedLeadIsTheRestOfTheDateLine()
    {
        var lead = ArticleParser.Parse(ShippedSeed).Lead;

        Assert.Equal(ParagraphRole.Lead, lead.Role);
        Assert.Equal(
            "The Central Military Commission of the Workers' Party of Korea confirmed the participation of North Korean army units in hostilities against the Ukrainian Defense Forces in the Kursk region of Russia.",
            lead.Text);
        Assert.Equal(" date 2025-04-28 ".Length, lead.Start);
    }

    [Fact]
    public void ShippedSeedTitleIsTheFirstBlockAfterTheDateLine()
    {
        var title = ArticleParser.Parse(ShippedSeed).Title;

        Assert.Equal(ParagraphRole.Title, title.Role);
        Assert.Equal("North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region", title.Text);
    }

    [Fact]
    public void ShippedSeedHasSevenBodyParagraphsAfterLeadAndTitle()
    {
        var article = ArticleParser.Parse(ShippedSeed);

        Assert.Equal(9, article.Blocks.Count);
        Assert.Equal(7, article.Body.Count());
        Assert.Equal([ParagraphRole.Lead, ParagraphRole.Title, .. Enumerable.Repeat(ParagraphRole.Body, 7)], article.Blocks.Select(b => b.Role));
    }

    [Fact]
    public void ShippedSeedParagraphsAreTheLinesBetweenEmptyLines()
    {
        var article = ArticleParser.Parse(ShippedSeed);
        var lines = ShippedSeed.Split('\n');

        // Lines 5, 7, ..., 17 are the body; paragraph 4 also carries the scraped " Share".
        Assert.Equal(
            [lines[4], lines[6], lines[8], lines[10][..^" Share".Length], lines[12], lines[14], lines[16]],
            article.Body.Select(b => b.Text));
    }

    [Fact]
    public void ShippedSeedFourthParagraphRecordsTheShareButtonAsArtifactOutsideItsSpan()
    {
        var article = ArticleParser.Parse(ShippedSeed);
        var paragraph = article.Blocks[5];

        Assert.Equal("Share", paragraph.Artifact);
        Assert.EndsWith("informed the Russian side about this.", paragraph.Text, StringComparison.Ordinal);
        Assert.Equal(" Share", ShippedSeed[paragraph.End..(paragraph.End + " Share".Length)]);
    }

    [Fact]
    public void ShippedSeedHasNoOtherArtifacts()
    {
        var article = ArticleParser.Parse(ShippedSeed);

        Assert.Equal([5], article.Blocks.Select((b, i) => (b, i)).Where(x => x.b.Artifact is not null).Select(x => x.i));
    }

    [Fact]
    public void EveryBlockOfTheShippedSeedIsTheSliceOfTheTextBetweenItsOffsets()
    {
        var article = ArticleParser.Parse(ShippedSeed);

        Assert.All(article.Blocks, b => Assert.Equal(b.Text, CodePoints.Slice(article.Text, b.Start, b.End)));
    }

    [Fact]
    public void ParsingReturnsTheTextUnchanged()
    {
        var article = ArticleParser.Parse(ShippedSeed);

        Assert.Equal(ShippedSeed, article.Text);
    }

    [Fact]
    public void MonthOnlyDateHasMonthPrecisionAndTheFirstOfTheMonth()
    {
        var article = ArticleParser.Parse(" date 2024-11 Lead\n\nTitle");

        Assert.Equal(new DateOnly(2024, 11, 1), article.PublishedOn);
        Assert.Equal(DatePrecision.Month, article.Precision);
        Assert.Equal("Lead", article.Lead.Text);
    }

    [Fact]
    public void YearOnlyDateHasYearPrecisionAndTheFirstOfJanuary()
    {
        var article = ArticleParser.Parse(" date 2024 Lead\n\nTitle");

        Assert.Equal(new DateOnly(2024, 1, 1), article.PublishedOn);
        Assert.Equal(DatePrecision.Year, article.Precision);
        Assert.Equal("Lead", article.Lead.Text);
    }

    [Fact]
    public void DateLineWithoutTheLeadingSpaceIsAccepted()
    {
        var article = ArticleParser.Parse("date 2025-04-28 Lead\n\nTitle");

        Assert.Equal(new DateOnly(2025, 4, 28), article.PublishedOn);
        Assert.Equal("Lead", article.Lead.Text);
        Assert.Equal("date 2025-04-28 ".Length, article.Lead.Start);
    }

    [Fact]
    public void DateLineWithoutALeadGivesAnEmptyLeadAtTheEndOfTheLine()
    {
        var article = ArticleParser.Parse(" date 2025-04-28\n\nTitle\n\nBody");

        Assert.Equal("", article.Lead.Text);
        Assert.Equal(" date 2025-04-28".Length, article.Lead.Start);
        Assert.Equal(article.Lead.Start, article.Lead.End);
        Assert.Equal("Title", article.Title.Text);
        Assert.Equal(["Body"], article.Body.Select(b => b.Text));
    }

    [Fact]
    public void CrlfLineEndingsAreNotPartOfAnyBlock()
    {
        const string text = " date 2025-04-28 Lead\r\n\r\nTitle\r\n\r\nFirst\r\n\r\nSecond";

        var article = ArticleParser.Parse(text);

        Assert.Equal(["Lead", "Title", "First", "Second"], article.Blocks.Select(b => b.Text));
        Assert.All(article.Blocks, b => Assert.Equal(b.Text, CodePoints.Slice(text, b.Start, b.End)));
    }

    [Fact]
    public void CrlfTextIsReturnedUnchanged()
    {
        const string text = " date 2025-04-28 Lead\r\n\r\nTitle\r\n\r\nBody";

        Assert.Equal(text, ArticleParser.Parse(text).Text);
    }

    [Fact]
    public void SeveralEmptyLinesSeparateBlocksLikeOne()
    {
        const string text = " date 2025-04-28 Lead\n\n\n\nTitle\n\n\nFirst\n\n\n\n\nSecond";

        var article = ArticleParser.Parse(text);

        Assert.Equal(["Lead", "Title", "First", "Second"], article.Blocks.Select(b => b.Text));
        Assert.Equal(text.IndexOf("Second", StringComparison.Ordinal), article.Blocks[3].Start);
    }

    [Fact]
    public void LinesOfOnlySpacesSeparateBlocksLikeEmptyLines()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n  \nTitle\n \t \nBody");

        Assert.Equal(["Lead", "Title", "Body"], article.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void ConsecutiveLinesFormOneParagraph()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n\nTitle\n\nLine one\nline two\n\nNext");

        Assert.Equal(["Line one\nline two", "Next"], article.Body.Select(b => b.Text));
    }

    [Fact]
    public void TrailingNewlineIsNotPartOfTheLastParagraph()
    {
        const string text = " date 2025-04-28 Lead\n\nTitle\n\nBody\n";

        var article = ArticleParser.Parse(text);

        var body = Assert.Single(article.Body);
        Assert.Equal("Body", body.Text);
        Assert.Equal(text.Length - 1, body.End);
        Assert.Equal(text, article.Text);
    }

    [Theory]
    [InlineData("Share")]
    [InlineData("Tweet")]
    [InlineData("Read more")]
    [InlineData("Advertisement")]
    public void TrailingUiWordIsExcludedFromTheParagraphAndRecorded(string word)
    {
        var article = ArticleParser.Parse($" date 2025-04-28 Lead\n\nTitle\n\nThe end. {word}\n\nNext");

        var paragraph = article.Body.First();
        Assert.Equal("The end.", paragraph.Text);
        Assert.Equal(word, paragraph.Artifact);
    }

    [Fact]
    public void AParagraphEndingInTheWordShareMidSentenceKeepsIt()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n\nTitle\n\nThe company lost market Share\n\nNext");

        var paragraph = article.Body.First();
        Assert.Equal("The company lost market Share", paragraph.Text);
        Assert.Null(paragraph.Artifact);
    }

    [Fact]
    public void SpacesBeforeAScrapedShareAreLeftOutOfTheParagraph()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n\nTitle\n\nIt ended.  Share");

        var paragraph = article.Body.First();
        Assert.Equal("It ended.", paragraph.Text);
        Assert.Equal("Share", paragraph.Artifact);
    }

    [Fact]
    public void TitleEndingInShareKeepsTheWord()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n\nMarkets Share\n\nBody");

        Assert.Equal("Markets Share", article.Title.Text);
        Assert.Null(article.Title.Artifact);
    }

    [Fact]
    public void ParagraphThatIsOnlyAUiWordIsKept()
    {
        var article = ArticleParser.Parse(" date 2025-04-28 Lead\n\nTitle\n\nShare");

        var paragraph = Assert.Single(article.Body);
        Assert.Equal("Share", paragraph.Text);
        Assert.Null(paragraph.Artifact);
    }

    [Fact]
    public void ByteOrderMarkIsRejectedAtLineOneColumnOne()
    {
        var error = Assert.Throws<SeedFormatException>(() => ArticleParser.Parse("\uFEFF date 2025-04-28 Lead\n\nTitle"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("North Korea confirmed\n\nTitle")]
    [InlineData("\n\ndate 2025-04-28 Lead\n\nTitle")]
    [InlineData(" Date 2025-04-28 Lead\n\nTitle")]
    [InlineData("  date 2025-04-28 Lead\n\nTitle")]
    [InlineData(" date 28.04.2025 Lead\n\nTitle")]
    [InlineData(" date 2025-4-28 Lead\n\nTitle")]
    [InlineData(" date 2025-04-28Lead\n\nTitle")]
    [InlineData(" date\t2025-04-28 Lead\n\nTitle")]
    [InlineData("")]
    public void MissingOrGarbledDateLineIsRejectedAtLineOne(string text)
    {
        var error = Assert.Throws<SeedFormatException>(() => ArticleParser.Parse(text));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("' date YYYY-MM-DD <lead>'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" date 2024-02-30 Lead\n\nTitle", "2024-02-30", 7)]
    [InlineData(" date 2025-02-29 Lead\n\nTitle", "2025-02-29", 7)]
    [InlineData(" date 2024-13 Lead\n\nTitle", "2024-13", 7)]
    [InlineData(" date 2024-00-10 Lead\n\nTitle", "2024-00-10", 7)]
    [InlineData("date 2024-04-31 Lead\n\nTitle", "2024-04-31", 6)]
    public void ImpossibleDateIsRejectedAtTheDate(string text, string date, int column)
    {
        var error = Assert.Throws<SeedFormatException>(() => ArticleParser.Parse(text));

        Assert.Equal((1, column), (error.Line, error.Column));
        Assert.Equal($"'{date}' is not a valid date", error.Message);
    }

    [Fact]
    public void LeapDayIsAValidDate()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ArticleParser.Parse(" date 2024-02-29 Lead\n\nTitle").PublishedOn);
    }

    [Fact]
    public void ArticleWithOnlyADateLineHasNoTitle()
    {
        var error = Assert.Throws<SeedFormatException>(() => ArticleParser.Parse(" date 2025-04-28 Lead"));

        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Contains("no title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArticleWithOnlyEmptyLinesAfterTheDateLineHasNoTitle()
    {
        var error = Assert.Throws<SeedFormatException>(() => ArticleParser.Parse(" date 2025-04-28 Lead\n\n  \n"));

        Assert.Contains("no title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiFixtureParsesIntoLeadTitleAndFourParagraphs()
    {
        var article = ArticleParser.Parse(NonAscii);

        Assert.Equal(new DateOnly(2025, 3, 14), article.PublishedOn);
        Assert.Equal("Genève et Zürich : deux villes, une même “révolution” des transports", article.Title.Text);
        Assert.Equal(4, article.Body.Count());
    }

    [Fact]
    public void NonAsciiParagraphAfterAnEmojiStartsAtItsCodePointIndex()
    {
        var article = ArticleParser.Parse(NonAscii);
        var paragraph = article.Blocks[4];

        Assert.StartsWith("Московский", paragraph.Text, StringComparison.Ordinal);
        Assert.Equal(SeedText.CodePointIndexOf(NonAscii, "Московский"), paragraph.Start);
        Assert.Equal(425, paragraph.Start); // Python: text.index("Московский")
        Assert.NotEqual(NonAscii.IndexOf("Московский", StringComparison.Ordinal), paragraph.Start);
    }

    [Fact]
    public void NonAsciiOffsetsAfterTwoEmojiAreTwoLessThanUtf16Indices()
    {
        var article = ArticleParser.Parse(NonAscii);
        var last = article.Blocks[^1];

        Assert.Equal("La décision finale est attendue en avril.", last.Text);
        Assert.Equal(542, last.Start); // Python: text.index("La décision")
        Assert.Equal(SeedText.CountRunes(NonAscii), last.End);
        Assert.Equal(NonAscii.Length - 2, last.End);
    }

    [Fact]
    public void NonAsciiParagraphStartingWithAnEmojiKeepsItAndDropsItsShareArtifact()
    {
        var article = ArticleParser.Parse(NonAscii);
        var paragraph = article.Blocks[3];

        Assert.StartsWith("\U0001F6F0\uFE0F “Les données", paragraph.Text, StringComparison.Ordinal);
        Assert.EndsWith("Chloé Dubé.", paragraph.Text, StringComparison.Ordinal);
        Assert.Equal("Share", paragraph.Artifact);
        Assert.Equal((313, 417), (paragraph.Start, paragraph.End)); // Python: index("🛰"), index("Dubé.") + 5
    }

    [Fact]
    public void EveryBlockOfTheNonAsciiFixtureIsTheSliceOfTheTextBetweenItsOffsets()
    {
        var article = ArticleParser.Parse(NonAscii);

        Assert.All(article.Blocks, b => Assert.Equal(b.Text, CodePoints.Slice(NonAscii, b.Start, b.End)));
    }
}
