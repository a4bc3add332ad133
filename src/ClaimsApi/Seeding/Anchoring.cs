namespace ClaimsApi.Seeding;

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
            problem = $"text \"{Shorten(exact)}\" was not found{context} in {where}";
            return null;
        }

        if (result.Matches > 1)
        {
            problem = $"text \"{Shorten(exact)}\" occurs {result.Matches} times in {where}; add a prefix or suffix to say which";
            return null;
        }

        var end = result.Index + exact.Length;
        return new Anchored(CodePoints.FromUtf16(text, result.Index), CodePoints.FromUtf16(text, end), text[result.Index..end]);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
