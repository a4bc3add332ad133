using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;

namespace ClaimsApi.TextSearch;

/// <summary>
/// How the text index reads text, for documents and queries alike (decision 0032): words are runs of letters,
/// marks and digits counted in code points (so a letter outside the Basic Multilingual Plane, such as 𠮷, is a
/// letter), folded as names are (<see cref="TextFolding"/>: case, diacritics, compatibility forms), then English
/// plurals folded to their singular (<see cref="FoldPlural"/>), so "prices" finds "price" and the reverse.
/// </summary>
public static class TextAnalysis
{
    /// <summary>The index terms of <paramref name="text"/>, in order; one per word.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        foreach (var word in Words(text))
        {
            yield return Term(word);
        }
    }

    /// <summary>The index term of one word of a query or a document.</summary>
    public static string Term(string word) => FoldPlural(TextFolding.Fold(word));

    /// <summary>The words of <paramref name="text"/>, as written (<see cref="FullTextQuery.WordSpans"/>).</summary>
    public static IEnumerable<string> Words(string text) => FullTextQuery.WordSpans(text).Select(w => text.Substring(w.Index, w.Length));

    /// <summary>
    /// The version of these rules. An index records the version it was built with; one built with another is rebuilt
    /// at start (a term of the old rules would not match the same word of a query read with the new).
    /// 1: Lucene's minimal English stemmer. 2: -sses, -xes, -ches, -shes and -zzes lose -es, -ees loses -s.
    /// </summary>
    public const int Version = 2;

    /// <summary>
    /// An English plural folded to its singular, by the minimal rules of Lucene's English "S" stemmer: -ies to -y
    /// (not after a or e), -es to -e (not after a, e, i or o), -s dropped (not after s or u); words of fewer than four
    /// letters, and a few singulars that end as plurals do (news, series, species), are kept. Its gaps that news
    /// text meets often are closed: -sses, -xes, -ches, -shes and -zzes lose -es (losses, taxes, speeches, wishes,
    /// buzzes: the singular ends in the consonant, so -es to -e would never meet it), and -ees loses -s (refugees,
    /// fees, employees). A singular that ends in -che (headache, niche) no longer meets its plural (headaches:
    /// headach), the price of meeting the many -ch words (speech, church, approach, branch).
    /// </summary>
    public static string FoldPlural(string word)
    {
        var n = word.Length;
        if (n < 4 || word[n - 1] != 's' || KeptAsTheyAre.Contains(word))
        {
            return word;
        }

        switch (word[n - 2])
        {
            case 'u' or 's':
                return word;
            case 'e' when word[n - 3] == 'i' && word[n - 4] is not ('a' or 'e'):
                return string.Concat(word.AsSpan(0, n - 3), "y");
            case 'e' when n >= 5 && (word.AsSpan(n - 4) is "sses" or "ches" or "shes" or "zzes" || word[n - 3] == 'x'):
                return word[..(n - 2)];
            case 'e' when word[n - 3] == 'e':
                return word[..(n - 1)];
            case 'e' when word[n - 3] is 'i' or 'a' or 'o':
                return word;
            default:
                return word[..(n - 1)];
        }
    }

    private static readonly HashSet<string> KeptAsTheyAre = new(StringComparer.Ordinal) { "news", "series", "species", "always", "perhaps", "whereas", "towards", "this" };
}
