using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimsApi.Domain.Text;

/// <summary>A block of an article (lead, title, body paragraph); offsets in code points.</summary>
public sealed record ParsedBlock(ParagraphRole Role, int Start, int End, string Text, string? Artifact);

/// <summary>An article file parsed into its date and blocks; <see cref="Text"/> is the input, unchanged.</summary>
public sealed record ParsedArticle(string Text, DateOnly PublishedOn, DatePrecision Precision, IReadOnlyList<ParsedBlock> Blocks)
{
    public ParsedBlock Lead => Blocks[0];
    public ParsedBlock Title => Blocks[1];
    public IEnumerable<ParsedBlock> Body => Blocks.Skip(2);
}

/// <summary>A problem at a line and column (1-based) of a seed file.</summary>
public sealed class SeedFormatException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// Parses the seed article layout (docs/seed-format.md): a ` date YYYY[-MM[-DD]] lead` line, then a title
/// and body paragraphs separated by empty lines. The text is never altered; blocks are spans into it.
/// </summary>
public static partial class ArticleParser
{
    /// <summary>Page furniture scraped with a paragraph; kept in the text, left out of the paragraph's span.</summary>
    private static readonly string[] TrailingArtifacts = ["Share", "Tweet", "Read more", "Advertisement"];

    private const string SentenceEnd = ".!?\"'\u201D\u2019)";

    public static ParsedArticle Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            throw new SeedFormatException(1, 1, "the file starts with a byte order mark; save it as UTF-8 without BOM so offsets are not shifted");
        }

        var lines = SplitLines(text);
        var header = lines[0];
        var match = HeaderRegex().Match(text, header.Start, header.End - header.Start);
        if (!match.Success)
        {
            throw new SeedFormatException(1, 1, "the first line must be ' date YYYY-MM-DD <lead>' (the date may be YYYY-MM or YYYY)");
        }

        var (date, precision) = ParseDate(match.Groups["date"].Value, match.Groups["date"].Index - header.Start + 1);
        var leadGroup = match.Groups["lead"];
        var leadStart = leadGroup.Success ? leadGroup.Index : header.End;
        var leadEnd = leadGroup.Success ? leadGroup.Index + leadGroup.Length : header.End;

        var offsets = new CodePoints.Cursor(text);
        var blocks = new List<ParsedBlock> { Block(text, offsets, ParagraphRole.Lead, leadStart, leadEnd, stripArtifact: false) };

        int? blockStart = null;
        var blockEnd = 0;
        foreach (var line in lines.Skip(1).Append((Start: text.Length, End: text.Length)))
        {
            var blank = string.IsNullOrWhiteSpace(text[line.Start..line.End]);
            if (!blank)
            {
                blockStart ??= line.Start;
                blockEnd = line.End;
                continue;
            }

            if (blockStart is { } start)
            {
                var role = blocks.Count == 1 ? ParagraphRole.Title : ParagraphRole.Body;
                blocks.Add(Block(text, offsets, role, start, blockEnd, stripArtifact: role == ParagraphRole.Body));
                blockStart = null;
            }
        }

        if (blocks.Count < 2)
        {
            throw new SeedFormatException(lines.Count + 1, 1, "the article has no title: expected an empty line, then the title, after the date line");
        }

        return new ParsedArticle(text, date, precision, blocks);
    }

    private static (DateOnly Date, DatePrecision Precision) ParseDate(string value, int column)
    {
        var (format, precision) = value.Length switch
        {
            4 => ("yyyy", DatePrecision.Year),
            7 => ("yyyy-MM", DatePrecision.Month),
            _ => ("yyyy-MM-dd", DatePrecision.Day),
        };
        if (!DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new SeedFormatException(1, column, $"'{value}' is not a valid date");
        }

        return (date, precision);
    }

    private static ParsedBlock Block(string text, CodePoints.Cursor offsets, ParagraphRole role, int start, int end, bool stripArtifact)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        string? artifact = null;
        if (stripArtifact)
        {
            foreach (var candidate in TrailingArtifacts)
            {
                // Only after the end of a sentence: "… about this. Share" is a button, "… of the market Share" is not.
                var withSpace = " " + candidate;
                if (end - start <= withSpace.Length || !text.AsSpan(start, end - start).EndsWith(withSpace, StringComparison.Ordinal))
                {
                    continue;
                }

                var before = end - withSpace.Length;
                while (before > start && char.IsWhiteSpace(text[before - 1]))
                {
                    before--;
                }

                if (before > start && SentenceEnd.Contains(text[before - 1], StringComparison.Ordinal))
                {
                    artifact = candidate;
                    end = before;
                    break;
                }
            }
        }

        return new ParsedBlock(role, offsets.At(start), offsets.At(end), text[start..end], artifact);
    }

    /// <summary>Lines as UTF-16 ranges without their terminator (LF, or CRLF leniently).</summary>
    private static List<(int Start, int End)> SplitLines(string text)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                lines.Add((start, end));
                start = i + 1;
            }
        }

        return lines;
    }

    [GeneratedRegex(@"\G ?date (?<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?: (?<lead>.*))?$", RegexOptions.CultureInvariant | RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeaderRegex();
}
