using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;

namespace ClaimsApi.Extraction;

/// <summary>
/// The known entities' names and aliases as a trie of folded words (<see cref="TextFolding"/>, the words of
/// <see cref="FullTextQuery.WordSpans"/>), so that finding every name in a text costs one walk per word, however many
/// entities there are. Built once per set of entities and shared: it holds no state of a request.
/// </summary>
public sealed class EntityLexicon
{
    /// <summary>Kinds that can say something: a name that is both a place and a state (Pyongyang) speaks as the state.</summary>
    private static readonly HashSet<string> SpeakingKinds = new(StringComparer.Ordinal) { "person", "organisation", "state", "publication", "armed-forces" };

    private readonly Node _root = new();

    public EntityLexicon(IEnumerable<KnownEntity> entities)
    {
        foreach (var entity in entities)
        {
            foreach (var name in entity.Aliases.Prepend(entity.Name).Distinct(StringComparer.Ordinal))
            {
                var words = Words(name);
                if (words.Count == 0)
                {
                    continue;
                }

                var node = _root;
                foreach (var word in words)
                {
                    node = node.Children.TryGetValue(word, out var next) ? next : node.Children[word] = new Node();
                }

                if (!node.Entities.Any(e => e.Id == entity.Id))
                {
                    node.Entities.Add(entity);
                }
            }

            Count++;
        }
    }

    public static EntityLexicon Empty { get; } = new([]);

    public int Count { get; }

    /// <summary>A known entity found in a text: where (UTF-16, in the text given), and which one it is, the likeliest speaker first.</summary>
    internal readonly record struct Found(int Start, int End, IReadOnlyList<KnownEntity> Entities)
    {
        public KnownEntity Best => Entities.OrderBy(e => SpeakingKinds.Contains(e.Kind) ? 0 : 1).First();
    }

    /// <summary>Every name in <c>text[start..end)</c>, longest first at each place, not overlapping, in text order.</summary>
    internal List<Found> FindAll(string text, int start, int end)
    {
        var found = new List<Found>();
        if (_root.Children.Count == 0 || end <= start)
        {
            return found;
        }

        var words = WordsWithSpans(text, start, end);
        for (var i = 0; i < words.Count;)
        {
            var node = _root;
            var matchedEnd = -1;
            IReadOnlyList<KnownEntity>? matched = null;
            for (var j = i; j < words.Count && node.Children.TryGetValue(words[j].Folded, out var next); j++)
            {
                node = next;
                if (node.Entities.Count > 0)
                {
                    matchedEnd = j;
                    matched = node.Entities;
                }
            }

            if (matched is null)
            {
                i++;
                continue;
            }

            found.Add(new Found(words[i].Start, words[matchedEnd].End, matched));
            i = matchedEnd + 1;
        }

        return found;
    }

    /// <summary>The entity a whole phrase names (all its words, after a leading "the"), or null.</summary>
    internal Found? Whole(string text, int start, int end)
    {
        var all = FindAll(text, start, end);
        var words = WordsWithSpans(text, start, end);
        if (words.Count > 0 && words[0].Folded == "the" && all.Count == 1 && all[0].Start == words[0].End + 1)
        {
            words.RemoveAt(0);
        }

        return all.Count == 1 && words.Count > 0 && all[0].Start <= words[0].Start && all[0].End >= words[^1].End ? all[0] : null;
    }

    private static List<string> Words(string name) =>
        [.. FullTextQuery.WordSpans(name).Select(w => Fold(name.Substring(w.Index, w.Length)))];

    private static List<(int Start, int End, string Folded)> WordsWithSpans(string text, int start, int end)
    {
        var slice = text[start..end];
        return [.. FullTextQuery.WordSpans(slice).Select(w => (start + w.Index, start + w.Index + w.Length, Fold(slice.Substring(w.Index, w.Length))))];
    }

    /// <summary>ASCII words lower-cased directly; others through the full folding (diacritics, width, compatibility forms).</summary>
    private static string Fold(string word) => System.Text.Ascii.IsValid(word) ? word.ToLowerInvariant() : TextFolding.Fold(word);

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public List<KnownEntity> Entities { get; } = [];
    }
}
