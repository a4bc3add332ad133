using System.Globalization;
using System.Text;

namespace ClaimsApi.Extraction;

internal enum TokenKind
{
    Word,
    Punct,
    Quote,
}

/// <summary>A token of a block: UTF-16 range in the article text, its kind and its lower-case form.</summary>
internal readonly record struct Token(int Start, int End, TokenKind Kind, string Lower)
{
    public bool IsWord => Kind == TokenKind.Word;

    public bool Is(string lower) => string.Equals(Lower, lower, StringComparison.Ordinal);
}

/// <summary>
/// A passage in quotation marks: the marks' UTF-16 positions (<see cref="Close"/> is the end of the content when the
/// quote was never closed) and the tokens inside. It may run across paragraphs, when the next paragraph reopens it.
/// </summary>
internal sealed record QuoteRegion(int Open, int Close, bool Closed, bool Double, int FirstBlock, int LastBlock)
{
    public int ContentStart => Open + 1;

    public int ContentEnd => Close;
}

/// <summary>A paragraph (or the title, or the lead) with its tokens and sentences (token index ranges).</summary>
internal sealed record Block(int Index, int Start, int End, bool IsBody, List<Token> Tokens, List<(int First, int Last)> Sentences);

/// <summary>
/// Hand-written scanners for words, sentences and quotation marks: one pass each, no regular expressions, so every
/// input costs time in proportion to its length (quote marks in every word, unbalanced marks and a megabyte of text
/// included).
/// </summary>
internal static class TextScanner
{
    private const string OpeningContext = "([{\u2014\u2013-/:";

    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || IsInvisible(c))
            {
                i++;
                continue;
            }

            if (IsQuoteMark(c) && !IsApostrophe(text, i, start, end))
            {
                tokens.Add(new Token(i, i + 1, TokenKind.Quote, c.ToString()));
                i++;
                continue;
            }

            if (IsWordChar(text, i))
            {
                var j = i;
                while (j < end && (IsWordChar(text, j) || IsInvisible(text[j]) || WordJoiner(text, j, start, end)))
                {
                    j += char.IsSurrogatePair(text, j) ? 2 : 1;
                }

                // A plural possessive keeps its apostrophe ("Workers' Party").
                if (j < end && text[j] is '\'' or '\u2019' && IsApostrophe(text, j, start, end))
                {
                    j++;
                }

                // An abbreviation keeps its period ("Mr.", "U.S."); a sentence's last word does not.
                if (j < end && text[j] == '.' && IsAbbreviation(text, i, j))
                {
                    j++;
                }

                tokens.Add(new Token(i, j, TokenKind.Word, Lower(text, i, j)));
                i = j;
                continue;
            }

            var k = i + (char.IsSurrogatePair(text, i) ? 2 : 1);
            if (c == '.')
            {
                while (k < end && text[k] == '.')
                {
                    k++;
                }
            }

            tokens.Add(new Token(i, k, TokenKind.Punct, text[i..k]));
            i = k;
        }

        return tokens;
    }

    /// <summary>Sentences as token ranges: a boundary after . ! ? (and closing quotes after them), not after an abbreviation or a lower-case continuation.</summary>
    public static List<(int First, int Last)> Sentences(string text, List<Token> tokens)
    {
        var sentences = new List<(int, int)>();
        var first = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var ends = t.Kind == TokenKind.Punct && (t.Lower is "!" or "?" || t.Lower.StartsWith('.') || t.Lower == "\u2026");
            if (!ends)
            {
                continue;
            }

            var last = i;
            while (last + 1 < tokens.Count && (tokens[last + 1].Kind == TokenKind.Quote && IsClosingQuote(text, tokens[last + 1].Start) || tokens[last + 1].Lower == ")"))
            {
                last++;
            }

            if (last + 1 < tokens.Count)
            {
                var next = tokens[last + 1];
                var nextChar = text[next.Kind == TokenKind.Quote && last + 2 < tokens.Count ? tokens[last + 2].Start : next.Start];
                if (char.IsLower(nextChar) || (t.Lower.Length > 1 && t.Lower.StartsWith("..", StringComparison.Ordinal) && !char.IsUpper(nextChar)))
                {
                    continue;
                }
            }

            sentences.Add((first, last));
            first = last + 1;
            i = last;
        }

        if (first < tokens.Count)
        {
            sentences.Add((first, tokens.Count - 1));
        }

        return sentences;
    }

    public static bool IsQuoteMark(char c) => c is '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u2018' or '\u2019' or '\u201E' or '\'' or '\u201F' or '\u2039' or '\u203A';

    public static bool IsDoubleMark(char c) => c is '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u201E' or '\u201F';

    /// <summary>Whether the mark at <paramref name="i"/> reads as the end of a quotation (letter or punctuation before it, none after).</summary>
    public static bool IsClosingQuote(string text, int i)
    {
        var c = text[i];
        if (c is '\u201D' or '\u00BB' or '\u2019' or '\u203A')
        {
            return true;
        }

        if (c is '\u201C' or '\u00AB' or '\u2018' or '\u201E' or '\u2039')
        {
            return false;
        }

        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return !char.IsWhiteSpace(before) && (char.IsWhiteSpace(after) || char.IsPunctuation(after) || i + 1 == text.Length);
    }

    /// <summary>Whether the mark at <paramref name="i"/> reads as the start of a quotation (space or an opening bracket before it, a word after).</summary>
    public static bool IsOpeningQuote(string text, int i)
    {
        var c = text[i];
        if (c is '\u201C' or '\u00AB' or '\u2018' or '\u201E' or '\u2039')
        {
            return true;
        }

        if (c is '\u201D' or '\u00BB' or '\u2019' or '\u203A')
        {
            return false;
        }

        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return (char.IsWhiteSpace(before) || OpeningContext.Contains(before, StringComparison.Ordinal) || IsQuoteMark(before)) && !char.IsWhiteSpace(after);
    }

    /// <summary>Zero-width and directional marks: invisible, never a word boundary of their own and never a token.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or '\u00AD'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    private static bool IsWordChar(string text, int i)
    {
        if (char.IsSurrogatePair(text, i))
        {
            return char.IsLetterOrDigit(text, i);
        }

        var c = text[i];
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Apostrophes and hyphens inside a word ("don't", "Jong-un", "al-Amr"), periods inside one ("U.S.", "Gawker.com").</summary>
    private static bool WordJoiner(string text, int i, int start, int end)
    {
        var c = text[i];
        if (c is not ('\'' or '\u2019' or '-' or '\u2010' or '\u2011' or '.' or '&' or ','))
        {
            return false;
        }

        if (c == ',' && !(i > start && i + 1 < end && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])))
        {
            return false; // a comma joins only the digits of a number: 45,756
        }

        return i > start && i + 1 < end && IsWordChar(text, i - 1) && IsWordChar(text, i + 1)
            && !(c == '.' && char.IsUpper(text[i + 1]) && i + 2 < end && char.IsLower(text[i + 2]));
    }

    /// <summary>An apostrophe, not a quote: inside a word, or a plural possessive ("parents' views").</summary>
    private static bool IsApostrophe(string text, int i, int start, int end)
    {
        var c = text[i];
        if (c is not ('\'' or '\u2019'))
        {
            return false;
        }

        var letterBefore = i > start && char.IsLetter(text[i - 1]);
        var letterAfter = i + 1 < end && char.IsLetter(text[i + 1]);
        if (letterBefore && letterAfter)
        {
            return true;
        }

        // "the girls' team", "the Workers' Party": after an s, before a space and a word.
        return letterBefore && text[i - 1] is 's' or 'S' && i + 2 < end && text[i + 1] == ' ' && char.IsLetter(text[i + 2]);
    }

    private static bool IsAbbreviation(string text, int start, int end)
    {
        var word = text[start..end];
        if (word.Contains('.', StringComparison.Ordinal))
        {
            return true; // U.S, a.m
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: J. Smith
        }

        return Lexicon.Abbreviations.Contains(word.ToLowerInvariant());
    }

    private static string Lower(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        var builder = new StringBuilder(span.Length);
        foreach (var c in span)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            builder.Append(c == '\u2019' ? '\'' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
