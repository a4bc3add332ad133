namespace ClaimsApi.Domain.Text;

/// <summary>A span of the article found by quoting it: code-point offsets and the exact text.</summary>
/// <param name="Start">Start, in code points of the article text.</param>
/// <param name="End">End (exclusive), in code points of the article text.</param>
/// <param name="Text">The article's text in the span.</param>
public sealed record Anchored(int Start, int End, string Text);

/// <summary>
/// Anchors statements in articles and evidence in statements by quoting (see <see cref="TextQuote"/>): the one
/// code path the seed loader and the write API share, so a quote that anchors in a seed anchors the same way
/// through the API, and fails with the same words.
/// </summary>
public static class Anchoring
{
    /// <summary>How much text either side of a quote serves as its context when it is found again (<see cref="Again"/>).</summary>
    private const int ContextLength = 32;

    /// <summary>Anchors <paramref name="exact"/> in the whole article.</summary>
    /// <returns>The span, or null with <paramref name="problem"/> saying why (missing, not found, ambiguous).</returns>
    public static Anchored? InArticle(string articleText, string? exact, string? prefix, string? suffix, out string? problem) =>
        Locate(articleText, exact, prefix, suffix, 0, articleText.Length, "the article", out problem);

    /// <summary>
    /// Anchors evidence inside a statement whose span is <paramref name="statementStart"/>..<paramref name="statementEnd"/>
    /// (code points); without <paramref name="exact"/> the evidence is the whole statement.
    /// </summary>
    public static Anchored? InStatement(string articleText, string statementId, int statementStart, int statementEnd, string? exact, string? prefix, string? suffix, out string? problem)
    {
        var from = CodePoints.ToUtf16(articleText, statementStart);
        var to = CodePoints.ToUtf16(articleText, statementEnd);
        if (exact is null)
        {
            problem = null;
            return new Anchored(statementStart, statementEnd, articleText[from..to]);
        }

        return Locate(articleText, exact, prefix, suffix, from, to, $"statement '{statementId}'", out problem);
    }

    /// <summary>
    /// Finds the text that was at <paramref name="oldStart"/>..<paramref name="oldEnd"/> (code points) of
    /// <paramref name="oldText"/> again in <paramref name="newText"/>, inside <paramref name="newFrom"/>..<paramref name="newTo"/>:
    /// for records whose article or statement changed. The quote is the old text itself; when it occurred more than
    /// once inside <paramref name="oldFrom"/>..<paramref name="oldTo"/> (so it was told apart by a prefix or suffix) or
    /// occurs more than once now, the text around it before the change serves as prefix and suffix, as a curator would
    /// have given them. Only text is compared, never offsets, so the outcome does not depend on where the edit was.
    /// </summary>
    /// <returns>The new span, or null with <paramref name="problem"/> saying why (not found, or still ambiguous).</returns>
    public static Anchored? Again(
        string oldText, int oldFrom, int oldTo, int oldStart, int oldEnd,
        string newText, int newFrom, int newTo, string where, out string? problem)
    {
        var (of, ot) = (CodePoints.ToUtf16(oldText, oldFrom), CodePoints.ToUtf16(oldText, oldTo));
        var (os, oe) = (CodePoints.ToUtf16(oldText, oldStart), CodePoints.ToUtf16(oldText, oldEnd));
        var (nf, nt) = (CodePoints.ToUtf16(newText, newFrom), CodePoints.ToUtf16(newText, newTo));
        var exact = oldText[os..oe];
        if (exact.Length == 0)
        {
            problem = "the text is empty";
            return null;
        }

        var bare = TextQuote.Find(newText, exact, from: nf, to: nt);
        if (bare.Matches == 0)
        {
            problem = $"text \"{TextQuote.Shorten(exact)}\" is no longer in {where}";
            return null;
        }

        var wasAmbiguous = TextQuote.Find(oldText, exact, from: of, to: ot).Matches > 1;
        if (bare.IsUnique && !wasAmbiguous)
        {
            problem = null;
            return At(newText, bare.Index, exact);
        }

        // Told apart by the text around it, as a curator would: the shortest prefix, the shortest suffix, and the
        // longest context that single it out in the old text. A context that did not single it out before the change
        // proves nothing after it; and where the contexts point at different places, none is trusted.
        var found = new HashSet<int>();
        foreach (var (p, s) in Contexts(oldText, exact, of, ot, os, oe))
        {
            var result = TextQuote.Find(newText, exact, p, s, nf, nt);
            if (result.IsUnique)
            {
                found.Add(result.Index);
            }
        }

        if (found.Count == 1)
        {
            problem = null;
            return At(newText, found.Single(), exact);
        }

        problem = found.Count == 0
            ? $"text \"{TextQuote.Shorten(exact)}\" occurs {bare.Matches} times in {where} and the text around it before the change no longer tells which"
            : $"text \"{TextQuote.Shorten(exact)}\" occurs {bare.Matches} times in {where} and the text around it before the change points at more than one";
        return null;
    }

    /// <summary>The contexts (prefix, suffix) that single out the occurrence at <paramref name="os"/>..<paramref name="oe"/> in the old text.</summary>
    private static IEnumerable<(string Prefix, string Suffix)> Contexts(string text, string exact, int from, int to, int os, int oe)
    {
        bool Singles(string prefix, string suffix) => TextQuote.Find(text, exact, prefix, suffix, from, to).Matches == 1;

        for (var length = 1; length <= Math.Min(ContextLength, os - from); length++)
        {
            var prefix = Context(text, os - length, os);
            if (prefix.Length == length && Singles(prefix, ""))
            {
                yield return (prefix, "");
                break;
            }
        }

        for (var length = 1; length <= Math.Min(ContextLength, to - oe); length++)
        {
            var suffix = Context(text, oe, oe + length);
            if (suffix.Length == length && Singles("", suffix))
            {
                yield return ("", suffix);
                break;
            }
        }

        var (before, after) = (Context(text, Math.Max(from, os - ContextLength), os), Context(text, oe, Math.Min(to, oe + ContextLength)));
        if ((before.Length > 0 || after.Length > 0) && Singles(before, after))
        {
            yield return (before, after);
        }
    }

    private static Anchored At(string text, int index, string exact) =>
        new(CodePoints.FromUtf16(text, index), CodePoints.FromUtf16(text, index + exact.Length), exact);

    /// <summary><c>text[from..to]</c> without a surrogate pair cut in half at either end.</summary>
    private static string Context(string text, int from, int to)
    {
        if (from < to && from > 0 && char.IsLowSurrogate(text[from]) && char.IsHighSurrogate(text[from - 1]))
        {
            from++;
        }

        if (to > from && to < text.Length && char.IsHighSurrogate(text[to - 1]) && char.IsLowSurrogate(text[to]))
        {
            to--;
        }

        return text[from..to];
    }

    private static Anchored? Locate(string text, string? exact, string? prefix, string? suffix, int from, int to, string where, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(exact))
        {
            problem = "the exact text is required";
            return null;
        }

        var result = TextQuote.Find(text, exact, prefix, suffix, from, to);
        if (result.Matches == 0)
        {
            var context = prefix is null && suffix is null ? "" : " with the given prefix/suffix";
            problem = $"text \"{TextQuote.Shorten(exact)}\" was not found{context} in {where}";
            return null;
        }

        if (result.Matches > 1)
        {
            problem = $"text \"{TextQuote.Shorten(exact)}\" occurs {result.Matches} times in {where}; add a prefix or suffix to say which";
            return null;
        }

        var end = result.Index + exact.Length;
        return new Anchored(CodePoints.FromUtf16(text, result.Index), CodePoints.FromUtf16(text, end), text[result.Index..end]);
    }
}
