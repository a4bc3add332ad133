using System.Text.RegularExpressions;

namespace ClaimsApi.Domain.Search;

/// <summary>
/// What a user typed, reduced to something no full-text engine can misread: groups of alternatives, each
/// alternative a phrase of plain word tokens (letters and digits only). A document matches when it matches any
/// alternative of any group; more groups matched rank higher. Entity aliases become alternatives of one group,
/// so "North Korea" also finds "the DPRK" and "Pyongyang". Providers render it in their own syntax.
/// </summary>
public sealed partial record FullTextQuery(IReadOnlyList<FullTextGroup> Groups)
{
    public const int MaxTokens = 32;

    /// <summary>The most a user may type as a query (UTF-16 code units): <c>q</c> on search and on the lists.</summary>
    public const int MaxTextLength = 500;

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>Every token of every alternative that is not a stop word, lower-cased, for highlighting.</summary>
    public IEnumerable<string> Terms => Groups.SelectMany(g => g.Alternatives).SelectMany(a => a)
        .Where(t => !StopWords.Contains(t)).Distinct(StringComparer.Ordinal);

    /// <summary>The word tokens of <paramref name="text"/>, lower-cased: runs of letters, marks and digits.</summary>
    public static IReadOnlyList<string> Tokenize(string text) =>
        [.. WordToken().Matches(text).Select(m => m.Value.ToLowerInvariant())];

    /// <summary>Whether <paramref name="text"/> has at least one word that is not a stop word.</summary>
    public static bool HasSearchableWords(string text) =>
        Tokenize(text).Any(t => !StopWords.Contains(TextFolding.Fold(t)));

    /// <summary>Words too common to search for on their own (they still count inside entity names).</summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
        "of", "on", "or", "s", "that", "the", "their", "this", "to", "was", "were", "which", "will", "with",
    };

    /// <summary>A word: a run of letters, marks and digits. Shared with the snippets so highlights find what was searched.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    internal static partial Regex WordToken();
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
