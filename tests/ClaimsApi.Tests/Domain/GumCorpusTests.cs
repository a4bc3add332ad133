using System.Globalization;
using System.Text.RegularExpressions;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Domain;

/// <summary>
/// The 24 Wikinews articles of the GUM corpus rendered in the seed layout (Fixtures/gum/README.md), checked
/// against the corpus metadata in articles.tsv.
/// </summary>
public sealed partial class GumCorpusTests
{
    private static readonly string Folder = Path.Combine(TestPaths.Fixtures, "gum");

    private static readonly Dictionary<string, GumRow> Rows = ReadRows();

    private static readonly string[] DocIds = [.. Directory.EnumerateFiles(Folder, "GUM_news_*.txt")
        .Select(f => Path.GetFileNameWithoutExtension(f))
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Articles { get; } = new(DocIds);

    [Fact]
    public void CorpusHasTwentyFourArticlesEachListedInTheTsv()
    {
        Assert.Equal(24, DocIds.Length);
        Assert.Equal(Rows.Keys.Order(StringComparer.Ordinal), DocIds);
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void ArticleDateIsTheDayTheTsvSaysItWasCreated(string docId)
    {
        var article = Parse(docId);

        Assert.Equal(Rows[docId].DateCreated, article.PublishedOn);
        Assert.Equal(DatePrecision.Day, article.Precision);
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void ArticleTitleIsTheTsvTitleExactly(string docId)
    {
        Assert.Equal(Rows[docId].Title, Parse(docId).Title.Text);
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void ArticleLeadIsANonEmptySummary(string docId)
    {
        var lead = Parse(docId).Lead;

        Assert.NotEqual("", lead.Text);
        Assert.Equal(" date YYYY-MM-DD ".Length, lead.Start);
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void EveryBlockIsTheSliceOfTheTextBetweenItsOffsets(string docId)
    {
        var article = Parse(docId);

        Assert.All(article.Blocks, b => Assert.Equal(b.Text, CodePoints.Slice(article.Text, b.Start, b.End)));
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void BlocksAreSeparatedOnlyByEmptyLines(string docId)
    {
        var article = Parse(docId);
        var text = article.Text;

        for (var i = 1; i < article.Blocks.Count; i++)
        {
            var gap = text[CodePoints.ToUtf16(text, article.Blocks[i - 1].End)..CodePoints.ToUtf16(text, article.Blocks[i].Start)];
            Assert.Equal("\n\n", gap);
        }

        Assert.Equal(CodePoints.Length(text), article.Blocks[^1].End);
    }

    /// <summary>
    /// The tsv counts GUM's paragraphs after the headline. The seed layout drops the Wikinews dateline when it is a
    /// paragraph of its own (23 articles); in GUM_news_flag the dateline runs into the first paragraph and stays.
    /// </summary>
    [Theory]
    [MemberData(nameof(Articles))]
    public void BodyHasTheTsvParagraphsLessTheDroppedDateline(string docId)
    {
        var body = Parse(docId).Body.ToList();
        var datelineKept = Dateline().IsMatch(body[0].Text);

        Assert.Equal(Rows[docId].Paragraphs - (datelineKept ? 0 : 1), body.Count);
    }

    [Fact]
    public void OnlyTheFlagArticleKeepsItsDatelineInTheFirstParagraph()
    {
        var kept = DocIds.Where(id => Dateline().IsMatch(Parse(id).Body.First().Text));

        Assert.Equal(["GUM_news_flag"], kept);
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void ArticleHasNoUiArtifacts(string docId)
    {
        Assert.All(Parse(docId).Blocks, b => Assert.Null(b.Artifact));
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void ArticleTextIsReturnedUnchanged(string docId)
    {
        var text = SeedText.Read(Path.Combine(Folder, docId + ".txt"));

        Assert.Equal(text, ArticleParser.Parse(text).Text);
    }

    private static ParsedArticle Parse(string docId) => ArticleParser.Parse(SeedText.Read(Path.Combine(Folder, docId + ".txt")));

    private static Dictionary<string, GumRow> ReadRows()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "articles.tsv"));
        var header = lines[0].Split('\t').ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidOperationException($"articles.tsv has no column {name}");
        var (id, title, created, paragraphs) = (Column("doc_id"), Column("title"), Column("date_created"), Column("paragraphs"));
        return lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(
            f => f[id],
            f => new GumRow(
                f[title],
                DateOnly.ParseExact(f[created], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                int.Parse(f[paragraphs], CultureInfo.InvariantCulture)),
            StringComparer.Ordinal);
    }

    private sealed record GumRow(string Title, DateOnly DateCreated, int Paragraphs);

    [GeneratedRegex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();
}
