namespace ClaimsApi.Domain.Text;

/// <summary>The outcome of anchoring a quote: where it is (UTF-16 index), or how many places it matched.</summary>
public readonly record struct AnchorResult(int Index, int Matches)
{
    public bool IsUnique => Matches == 1;
}

/// <summary>
/// Finds text by quoting it, as the W3C Web Annotation TextQuoteSelector does: the exact text, optionally
/// with the text immediately before (prefix) and after (suffix) it. Never by offset, so curators never type numbers.
/// </summary>
public static class TextQuote
{
    public static AnchorResult Find(string text, string exact, string? prefix = null, string? suffix = null, int from = 0, int to = -1)
    {
        ArgumentException.ThrowIfNullOrEmpty(exact);
        if (to < 0)
        {
            to = text.Length;
        }

        var first = -1;
        var matches = 0;
        var at = from;
        while (at <= to - exact.Length)
        {
            var found = text.IndexOf(exact, at, to - at, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            if (Fits(text, found, exact.Length, prefix, suffix, from, to))
            {
                matches++;
                if (first < 0)
                {
                    first = found;
                }
            }

            at = found + 1;
        }

        return new AnchorResult(first, matches);
    }

    /// <summary>A quote cut to 60 characters for a problem message, so one long alias or quote does not drown the rest.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static bool Fits(string text, int index, int length, string? prefix, string? suffix, int from, int to)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            var start = index - prefix.Length;
            if (start < from || string.CompareOrdinal(text, start, prefix, 0, prefix.Length) != 0)
            {
                return false;
            }
        }

        if (!string.IsNullOrEmpty(suffix))
        {
            var end = index + length;
            if (end + suffix.Length > to || string.CompareOrdinal(text, end, suffix, 0, suffix.Length) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
