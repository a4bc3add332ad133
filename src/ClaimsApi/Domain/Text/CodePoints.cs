namespace ClaimsApi.Domain.Text;

/// <summary>
/// Converts between UTF-16 indices (how .NET strings are indexed) and Unicode code point indices
/// (how every offset in the API is counted; see docs/seed-format.md#offsets).
/// </summary>
public static class CodePoints
{
    /// <summary>The code point index of the UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Index, text.Length);
        var index = utf16Index;
        for (var i = 1; i < utf16Index; i++)
        {
            if (char.IsSurrogatePair(text[i - 1], text[i]))
            {
                index--;
                i++;
            }
        }

        return index;
    }

    /// <summary>The UTF-16 index of the code point index <paramref name="codePointIndex"/>.</summary>
    public static int ToUtf16(string text, int codePointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePointIndex);
        var utf16 = 0;
        for (var cp = 0; cp < codePointIndex; cp++)
        {
            if (utf16 >= text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codePointIndex), "Past the end of the text.");
            }

            utf16 += utf16 + 1 < text.Length && char.IsSurrogatePair(text[utf16], text[utf16 + 1]) ? 2 : 1;
        }

        return utf16;
    }

    /// <summary>The number of code points in <paramref name="text"/>.</summary>
    public static int Length(string text) => FromUtf16(text, text.Length);

    /// <summary>
    /// Code point indices of UTF-16 indices met in increasing order: each call counts on from the last, so the
    /// offsets of a whole article cost one pass over its text (a <see cref="FromUtf16"/> per paragraph would cost
    /// one pass per paragraph: quadratic in the article's size).
    /// </summary>
    public sealed class Cursor(string text)
    {
        private int _utf16;
        private int _codePoint;

        /// <summary>The code point index of <paramref name="utf16Index"/>.</summary>
        public int At(int utf16Index)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Index, text.Length);
            if (utf16Index < _utf16)
            {
                (_utf16, _codePoint) = (0, 0);
            }

            while (_utf16 < utf16Index)
            {
                _utf16 += _utf16 + 1 < utf16Index && char.IsSurrogatePair(text[_utf16], text[_utf16 + 1]) ? 2 : 1;
                _codePoint++;
            }

            return _codePoint;
        }
    }

    /// <summary><c>text[start:end]</c> in code points, as Python would slice it.</summary>
    public static string Slice(string text, int start, int end)
    {
        var from = ToUtf16(text, start);
        var to = ToUtf16(text, end);
        return text[from..to];
    }
}
