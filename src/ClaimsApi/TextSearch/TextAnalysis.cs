using System.Globalization;
using System.Text;
using ClaimsApi.Domain;

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

    /// <summary>
    /// The words of <paramref name="text"/>: a letter or digit, then letters, combining marks and digits, by Unicode
    /// category of each code point. On text inside the Basic Multilingual Plane these are the words of
    /// <see cref="Domain.Search.FullTextQuery.Tokenize"/>.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        var index = 0;
        while (index < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var length);
            var category = status == System.Buffers.OperationStatus.Done ? Rune.GetUnicodeCategory(rune) : UnicodeCategory.Surrogate;
            var inWord = start >= 0 ? IsLetterOrDigit(category) || IsMark(category) : IsLetterOrDigit(category);
            if (inWord && start < 0)
            {
                start = index;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..index];
                start = -1;
            }

            index += length;
        }

        if (start >= 0)
        {
            yield return text[start..];
        }
    }

    /// <summary>
    /// An English plural folded to its singular, by the minimal rules of Lucene's English "S" stemmer: -ies to -y
    /// (not after a or e), -es to -e (not after a, e, i or o), -s dropped (not after s or u); words of fewer than four
    /// letters, and a few singulars that end as plurals do (news, series, species), are kept.
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
            case 'e' when word[n - 3] is 'i' or 'a' or 'o' or 'e':
                return word;
            default:
                return word[..(n - 1)];
        }
    }

    private static readonly HashSet<string> KeptAsTheyAre = new(StringComparer.Ordinal) { "news", "series", "species", "always", "perhaps", "whereas", "towards", "this" };

    private static bool IsLetterOrDigit(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsMark(UnicodeCategory category) => category is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
