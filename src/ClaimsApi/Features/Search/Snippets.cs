using ClaimsApi.Domain.Search;
using ClaimsApi.Domain.Text;
using ClaimsApi.TextSearch;

namespace ClaimsApi.Features.Search;

/// <summary>A short excerpt of a matched text with the places the query's words matched.</summary>
/// <param name="Text">The excerpt; "…" marks where it was cut.</param>
/// <param name="Highlights">Where the query's words are in <c>Text</c> (code points, half-open).</param>
public sealed record Snippet(string Text, IReadOnlyList<Span> Highlights);

/// <summary>
/// Builds snippets in C#, the same way on every provider, so search results read identically on SQLite and
/// PostgreSQL. Words are compared as the text index compares them: folded (case, diacritics), plurals as singulars.
/// </summary>
public static class Snippets
{
    private const int Window = 160;

    public static Snippet Build(string text, IEnumerable<string> terms)
    {
        // Compared as the text index compares words: folded, plurals as singulars (a search for "prices" highlights "price").
        var wanted = terms.Select(TextAnalysis.Term).ToHashSet(StringComparer.Ordinal);
        var words = FullTextQuery.WordSpans(text).Where(w => wanted.Contains(TextAnalysis.Term(text.Substring(w.Index, w.Length))))
            .Select(w => (w.Index, w.Length, Value: text.Substring(w.Index, w.Length))).ToList();
        var start = 0;
        if (words.Count > 0)
        {
            // Start a little before the first match, at a word boundary.
            start = Math.Max(0, words[0].Index - (Window / 4));
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }
        }

        var end = Math.Min(text.Length, start + Window);
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var prefix = start > 0 ? "…" : "";
        var suffix = end < text.Length ? "…" : "";
        var excerpt = prefix + text[start..end] + suffix;
        var highlights = words
            .Where(w => w.Index >= start && w.Index + w.Length <= end)
            .Select(w =>
            {
                var from = CodePoints.FromUtf16(excerpt, prefix.Length + w.Index - start);
                return new Span(from, from + CodePoints.Length(w.Value));
            })
            .ToList();
        return new Snippet(excerpt, highlights);
    }
}
