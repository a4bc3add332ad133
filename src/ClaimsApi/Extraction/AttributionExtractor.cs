using ClaimsApi.Domain.Text;

namespace ClaimsApi.Extraction;

/// <summary>
/// Finds attributions in a news article with hand-written rules over words, sentences and quotation marks
/// (docs/extraction.md, decision 0040): direct quotes and the cue beside them, reported speech around a reporting verb
/// ("said", "according to", "It is noted that", inverted and parenthetical cues), partial quotes inside reported
/// speech, quotes that run across paragraphs, paragraphs quoted without marks after the paragraph that introduces
/// them, and image credits. Speakers are resolved to known entities by alias, pronouns to their antecedents. Pure: no
/// I/O, no model; every rule scans a bounded window around a token, so the cost is linear in the text.
/// </summary>
public static partial class AttributionExtractor
{
    /// <summary>The version of the rules, stated with everything they propose (provenance).</summary>
    public const string Version = "claimsapi-rules/2";

    public static ExtractionResult Extract(string text, EntityLexicon entities, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        var document = new Document(text, Blocks(text), entities);
        document.Run(ct);
        return new ExtractionResult(Version, document.Results(ct));
    }

    /// <summary>
    /// The article's blocks as UTF-16 ranges: the seed format's lead, title and paragraphs (its own parser, so a trailing
    /// "Share" is outside every block), or, for text not in the seed format, its paragraphs between empty lines.
    /// </summary>
    internal static List<(int Start, int End, bool IsBody)> Blocks(string text)
    {
        try
        {
            var parsed = ArticleParser.Parse(text);
            var map = new OffsetMap(text);
            return [.. parsed.Blocks.Where(b => b.End > b.Start).Select(b => (map.ToUtf16(b.Start), map.ToUtf16(b.End), b.Role == Domain.ParagraphRole.Body))];
        }
        catch (SeedFormatException)
        {
            var blocks = new List<(int, int, bool)>();
            var start = -1;
            var lineStart = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != '\n')
                {
                    continue;
                }

                var blank = string.IsNullOrWhiteSpace(text.AsSpan(lineStart, i - lineStart).ToString());
                if (!blank && start < 0)
                {
                    start = lineStart;
                }

                if ((blank || i == text.Length) && start >= 0)
                {
                    var end = blank ? lineStart : i;
                    while (end > start && char.IsWhiteSpace(text[end - 1]))
                    {
                        end--;
                    }

                    blocks.Add((start, end, true));
                    start = -1;
                }

                lineStart = i + 1;
            }

            return blocks;
        }
    }
}

/// <summary>Code point offsets of UTF-16 indices and back, one array each, built only when the text has surrogate pairs.</summary>
internal sealed class OffsetMap
{
    private readonly int[]? _toCodePoint;
    private readonly int[]? _toUtf16;

    public OffsetMap(string text)
    {
        var pairs = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                pairs++;
                i++;
            }
        }

        if (pairs == 0)
        {
            return;
        }

        _toCodePoint = new int[text.Length + 1];
        _toUtf16 = new int[text.Length - pairs + 1];
        var cp = 0;
        for (var i = 0; i < text.Length; i++)
        {
            _toCodePoint[i] = cp;
            _toUtf16[cp] = i;
            if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                _toCodePoint[i + 1] = cp;
                i++;
            }

            cp++;
        }

        _toCodePoint[text.Length] = cp;
        _toUtf16[cp] = text.Length;
    }

    public int ToCodePoint(int utf16) => _toCodePoint?[utf16] ?? utf16;

    public int ToUtf16(int codePoint) => _toUtf16?[codePoint] ?? codePoint;
}
