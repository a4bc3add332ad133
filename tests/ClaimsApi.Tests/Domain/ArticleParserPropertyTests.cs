using System.Globalization;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Articles;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>
/// Property tests of the seed article format: articles are generated as their parts (date, lead, title, paragraphs,
/// each line end LF or CRLF, blank lines of spaces), laid out in the format, parsed, and every part must come back,
/// with offsets in code points that slice the text to it.
/// </summary>
public sealed partial class ArticleParserTests
{
    private static readonly string[] Artifacts = ["Share", "Tweet", "Read more", "Advertisement"];

    /// <summary>One code point of a word: never white space or a line break; lower-case ASCII, punctuation, other BMP text, astral characters.</summary>
    private static readonly Gen<string> WordCharacter = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Char[".,;:!?'\"()-0123456789\u0001\u007F"].Select(c => c.ToString())),
        (2, Gen.Int[0xA1, 0xFFFD].Where(i => i is < 0xD800 or > 0xDFFF && !char.IsWhiteSpace((char)i)).Select(i => ((char)i).ToString())),
        (2, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
        (1, Gen.OneOf("\u200B", "\u202E", "\u0301", "🇰🇵")));

    /// <summary>White space inside a line (not a line break to the parser, even U+2028).</summary>
    private static readonly Gen<string> Space = Gen.OneOf(" ", " ", " ", "  ", "\t", "\u00A0", "\u3000", "\u2028");

    /// <summary>A line: words separated by white space, starting and ending with a word.</summary>
    private static readonly Gen<string> Line =
        from first in WordCharacter.Array[1, 8].Select(string.Concat)
        from rest in Gen.Select(Space, WordCharacter.Array[1, 8].Select(string.Concat), (s, w) => s + w).Array[0, 5]
        select first + string.Concat(rest);

    private static readonly Gen<string> Newline = Gen.OneOf("\n", "\r\n");

    /// <summary>A block of one to three lines, with the line ends between them.</summary>
    private static readonly Gen<string> Block =
        from lines in Line.Array[1, 3]
        from ends in Newline.Array[lines.Length - 1]
        select lines[0] + string.Concat(ends.Zip(lines.Skip(1), (end, line) => end + line));

    /// <summary>What separates blocks: a line end, then one to three blank lines (empty or white space only).</summary>
    private static readonly Gen<string> Separator =
        from end in Newline
        from blanks in Gen.Select(Gen.OneOf("", "", " ", "\t ", "\u00A0"), Newline, (b, e) => b + e).Array[1, 3]
        select end + string.Concat(blanks);

    private static readonly Gen<(DateOnly Date, DatePrecision Precision, string Text)> Dates =
        from precision in Gen.OneOf(DatePrecision.Day, DatePrecision.Month, DatePrecision.Year)
        from year in Gen.Int[1, 9999]
        from month in Gen.Int[1, 12]
        from day in Gen.Int[1, DateTime.DaysInMonth(year, month)]
        select precision switch
        {
            DatePrecision.Year => (new DateOnly(year, 1, 1), precision, year.ToString("0000", CultureInfo.InvariantCulture)),
            DatePrecision.Month => (new DateOnly(year, month, 1), precision, new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            _ => (new DateOnly(year, month, day), precision, new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };

    /// <summary>A body paragraph, and the scraped button word after its last sentence, if it has one.</summary>
    private static readonly Gen<(string Text, string? Artifact)> Paragraphs =
        from block in Block
        from artifact in Gen.OneOf(Artifacts).Null(0.8)
        from end in Gen.Char[".!?\"')\u201D\u2019"]
        select artifact is null ? (block, (string?)null) : (block + end, artifact);

    private static readonly Gen<GeneratedArticle> Articles =
        from date in Dates
        from leadingSpace in Gen.Bool
        from lead in Line.Null(0.2)
        from leadSpaces in Gen.OneOf("", " ", "  ")
        from trailing in Gen.OneOf("", " ", "\t")
        from title in Block
        from paragraphs in Paragraphs.Array[0, 6]
        from separators in Separator.Array[paragraphs.Length + 1]
        from artifactSpaces in Gen.OneOf(" ", "  ", " \t ").Array[paragraphs.Length]
        from end in Gen.OneOf("", "\n", "\r\n", "\n\n", " \n")
        select Layout(date, leadingSpace, lead, leadSpaces, trailing, title, paragraphs, separators, artifactSpaces, end);

    [Fact]
    public void EveryGeneratedArticleParsesBackIntoItsParts()
    {
        Articles.Sample(article =>
        {
            var parsed = ArticleParser.Parse(article.Text);

            Assert.Equal(article.Text, parsed.Text);
            Assert.Equal(article.Date, parsed.PublishedOn);
            Assert.Equal(article.Precision, parsed.Precision);
            Assert.Equal(article.Lead, parsed.Lead.Text);
            Assert.Equal(article.Title, parsed.Title.Text);
            Assert.Equal(article.Paragraphs.Select(p => p.Text), parsed.Body.Select(b => b.Text));
            Assert.Equal(article.Paragraphs.Select(p => p.Artifact), parsed.Body.Select(b => b.Artifact));
            Assert.Equal([ParagraphRole.Lead, ParagraphRole.Title, .. article.Paragraphs.Select(_ => ParagraphRole.Body)], parsed.Blocks.Select(b => b.Role));
        }, print: Print);
    }

    [Fact]
    public void EveryBlockOfAGeneratedArticleIsTheSliceOfTheTextBetweenItsCodePointOffsets()
    {
        Articles.Sample(article =>
        {
            var parsed = ArticleParser.Parse(article.Text);

            Assert.All(parsed.Blocks, b => Assert.Equal(b.Text, CodePoints.Slice(article.Text, b.Start, b.End)));
            Assert.All(parsed.Blocks.Zip(parsed.Blocks.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, "blocks overlap"));
        }, print: Print);
    }

    [Fact]
    public void TheBuilderStoresWhatTheParserFound()
    {
        Articles.Sample(article =>
        {
            var parsed = ArticleParser.Parse(article.Text);

            var built = ArticleBuilder.Build("an-article", parsed, "en", null, null, null);

            Assert.Equal((article.Text, article.Title, article.Lead, article.Date, article.Precision), (built.Text, built.Title, built.Lead, built.PublishedOn, built.PublishedOnPrecision));
            Assert.Equal(ArticleBuilder.Sha256(article.Text), built.ContentSha256);
            Assert.Equal(Enumerable.Range(0, parsed.Blocks.Count), built.Paragraphs.Select(p => p.Index));
            Assert.All(built.Paragraphs, p => Assert.Equal(p.Text, CodePoints.Slice(built.Text, p.Start, p.End)));
            Assert.Equal(parsed.Blocks.Select(b => (b.Role, b.Text, b.Artifact)), built.Paragraphs.Select(p => (p.Role, p.Text, p.Artifact)));
        }, print: Print);
    }

    [Fact]
    public void StructuredFieldsLaidOutInTheSeedFormatParseBackIntoThemselves()
    {
        // What POST /v1/articles does with JSON fields: lay them out (ArticleBody.Compose), then parse. Fields are
        // one line (title, lead) or free of blank lines (paragraphs), as the validator requires, and end in a word,
        // so no scraped button word is taken off.
        var fields =
            from date in Dates.Where(d => d.Precision == DatePrecision.Day)
            from lead in Line.Null(0.2)
            from title in Line
            from paragraphs in Block.Select(b => b.Replace("\r\n", "\n", StringComparison.Ordinal)).Array[0, 6]
            select new ArticleWrite(null, null, date.Date, lead, title, paragraphs, null, null, null);

        fields.Sample(body =>
        {
            var parsed = ArticleParser.Parse(ArticleBody.Compose(body));

            Assert.Equal(body.PublishedOn, parsed.PublishedOn);
            Assert.Equal(DatePrecision.Day, parsed.Precision);
            Assert.Equal(body.Lead ?? "", parsed.Lead.Text);
            Assert.Equal(body.Title, parsed.Title.Text);
            Assert.Equal(body.Paragraphs!, parsed.Body.Select(b => b.Text));
        }, print: b => $"{b.PublishedOn} lead={Escape(b.Lead ?? "(none)")} title={Escape(b.Title!)} paragraphs=[{string.Join(" | ", b.Paragraphs!.Select(Escape))}]");
    }

    private static GeneratedArticle Layout(
        (DateOnly Date, DatePrecision Precision, string Text) date, bool leadingSpace, string? lead, string leadSpaces, string trailing,
        string title, (string Text, string? Artifact)[] paragraphs, string[] separators, string[] artifactSpaces, string end)
    {
        var header = (leadingSpace ? " " : "") + "date " + date.Text + (lead is null ? "" : " " + leadSpaces + lead + trailing);
        var text = header + separators[0] + title;
        for (var i = 0; i < paragraphs.Length; i++)
        {
            var (body, artifact) = paragraphs[i];
            text += separators[i + 1] + body + (artifact is null ? "" : artifactSpaces[i] + artifact);
        }

        return new GeneratedArticle(text + end, date.Date, date.Precision, lead ?? "", title, paragraphs);
    }

    private static string Print(GeneratedArticle article) => Escape(article.Text);

    private static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c is >= '\u007F' and <= '\u00A0' || char.IsSurrogate(c) || c > '\u2000'
        ? $"\\u{(int)c:X4}"
        : c.ToString()));

    private sealed record GeneratedArticle(string Text, DateOnly Date, DatePrecision Precision, string Lead, string Title, (string Text, string? Artifact)[] Paragraphs);
}
