using System.Globalization;

namespace ClaimsApi.Domain.Search;

/// <summary>
/// What a user typed, reduced to something no full-text engine can misread: groups of alternatives, each
/// alternative a phrase of plain word tokens (letters and digits only). A document matches when it matches any
/// alternative of any group; more groups matched rank higher. Entity aliases become alternatives of one group,
/// so "North Korea" also finds "the DPRK" and "Pyongyang". Providers render it in their own syntax.
/// </summary>
public sealed record FullTextQuery(IReadOnlyList<FullTextGroup> Groups)
{
    public const int MaxTokens = 32;

    /// <summary>The most a user may type as a query (UTF-16 code units): <c>q</c> on search and on the lists.</summary>
    public const int MaxTextLength = 500;

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>Every token of every alternative that is not a stop word, lower-cased, for highlighting.</summary>
    public IEnumerable<string> Terms => Groups.SelectMany(g => g.Alternatives).SelectMany(a => a)
        .Where(t => !StopWords.Contains(t)).Distinct(StringComparer.Ordinal);

    /// <summary>The word tokens of <paramref name="text"/>, lower-cased: runs of letters, marks and digits (<see cref="WordSpans"/>).</summary>
    public static IReadOnlyList<string> Tokenize(string text) =>
        [.. WordSpans(text).Select(w => text.Substring(w.Index, w.Length).ToLowerInvariant())];

    /// <summary>
    /// Where the words of <paramref name="text"/> are (UTF-16 index and length): a letter or digit, then letters,
    /// combining marks and digits, by the Unicode category of each code point, so that a letter outside the Basic
    /// Multilingual Plane (𠮷, 𝐀) is a letter. Shared by the queries, the text index and the snippets, so that
    /// highlights find what was searched.
    /// </summary>
    public static IEnumerable<(int Index, int Length)> WordSpans(string text)
    {
        var start = -1;
        var index = 0;
        while (index < text.Length)
        {
            var decoded = System.Text.Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var length) == System.Buffers.OperationStatus.Done;
            var category = decoded ? System.Text.Rune.GetUnicodeCategory(rune) : UnicodeCategory.Surrogate;
            var inWord = IsLetterOrDigit(category) || (start >= 0 && IsMark(category));
            if (inWord && start < 0)
            {
                start = index;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, index - start);
                start = -1;
            }

            index += length;
        }

        if (start >= 0)
        {
            yield return (start, text.Length - start);
        }
    }

    private static bool IsLetterOrDigit(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsMark(UnicodeCategory category) => category is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Whether <paramref name="text"/> has at least one word that is not a stop word.</summary>
    public static bool HasSearchableWords(string text) =>
        Tokenize(text).Any(t => !StopWords.Contains(TextFolding.Fold(t)));

    /// <summary>Words too common to search for on their own (they still count inside entity names).</summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
        "of", "on", "or", "s", "that", "the", "their", "this", "to", "was", "were", "which", "will", "with",
    };
}

/// <summary>One concept of the query: a word, or an entity with every alias it goes by.</summary>
/// <param name="Alternatives">Phrases (token sequences), any of which matches.</param>
/// <param name="EntityIds">The entities this group stands for, when it came from an alias (an alias may name several).</param>
public sealed record FullTextGroup(IReadOnlyList<IReadOnlyList<string>> Alternatives, IReadOnlyList<string> EntityIds)
{
    /// <summary>Whether any alternative occurs, as consecutive words, in <paramref name="foldedTokens"/> (tokens of folded text).</summary>
    public bool IsNamedIn(IReadOnlyList<string> foldedTokens) =>
        Alternatives.Any(alternative =>
        {
            var phrase = alternative.Select(TextFolding.Fold).ToArray();
            for (var i = 0; i + phrase.Length <= foldedTokens.Count; i++)
            {
                var all = true;
                for (var j = 0; j < phrase.Length && all; j++)
                {
                    all = foldedTokens[i + j] == phrase[j];
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        });
}
