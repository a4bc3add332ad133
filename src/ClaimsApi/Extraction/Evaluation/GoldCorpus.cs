namespace ClaimsApi.Extraction.Evaluation;

/// <summary>A span of gold or predicted attribution, UTF-16 into the article text.</summary>
internal readonly record struct CharRange(int Start, int End);

/// <summary>One article to evaluate on: its text, the entities the extractor may know, and the gold spans by role.</summary>
internal sealed record GoldArticle(
    string Id,
    string Text,
    IReadOnlyList<KnownEntity> Entities,
    IReadOnlyList<CharRange> Sources,
    IReadOnlyList<CharRange> Cues,
    IReadOnlyList<CharRange> Contents,
    IReadOnlyList<(CharRange Content, string SpeakerId)> Speakers);

/// <summary>How many gold rows were read and how many of their spans could be found in the text.</summary>
internal sealed record GoldCounts(int Rows, int Sources, int Cues, int Contents, int Unaligned, int Hulls);

/// <summary>
/// The GUM Wikinews attribution data (tests/ClaimsApi.Tests/Fixtures/gum: articles in the seed layout,
/// attributions.tsv, split.tsv) with its gold spans found in the article texts. The data set gives the text of each
/// span, not offsets: each is found inside the sentence the row quotes (the attribution sentence for source and cue,
/// within the attributing unit first; the content sentence nearest to it for the content). A source or cue made of
/// words that are not next to each other ("remarks … said") is taken from its first word to its last (a hull).
/// </summary>
internal static class GoldCorpus
{
    public const string AttributionsFile = "attributions.tsv";
    public const string SplitFile = "split.tsv";

    public static (IReadOnlyList<GoldArticle> Articles, GoldCounts Counts) Load(string folder, string part)
    {
        var split = File.ReadAllLines(Path.Combine(folder, SplitFile)).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f.Length >= 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var wanted = split.Where(s => part == "all" || s.Value == part).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new InvalidDataException($"No article of the part '{part}' in {Path.Combine(folder, SplitFile)}.");
        }

        var rows = File.ReadAllLines(Path.Combine(folder, AttributionsFile)).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f.Length >= 10).ToLookup(f => f[0], StringComparer.Ordinal);
        var articles = new List<GoldArticle>();
        int total = 0, sources = 0, cues = 0, contents = 0, unaligned = 0, hulls = 0;
        foreach (var id in wanted)
        {
            var text = File.ReadAllText(Path.Combine(folder, id + ".txt"));
            var s = new List<CharRange>();
            var c = new List<CharRange>();
            var x = new List<CharRange>();
            var taken = new HashSet<((string, string, string), int)>();
            foreach (var row in rows[id])
            {
                total++;
                var (attributionText, sourceText, cueText, contentText, attributionSentence, contentSentence) = (row[3], row[4], row[5], row[7], row[8], row[9]);
                // A sentence can occur more than once ("Image: Nick Moreau." under every photo): the occurrence nearest
                // to the content's sentence that an earlier row with the same text has not taken.
                var key = (attributionSentence, attributionText, contentText);
                bool Taken(int at) => taken.Contains((key, at));
                var contentNear = Nearest(text, contentSentence, 0, null);
                var sentence = Nearest(text, attributionSentence, contentNear?.Start ?? 0, Taken);
                if (sentence is not { } at)
                {
                    unaligned++;
                    continue;
                }

                taken.Add((key, at.Start));

                var unit = Find(text, attributionText, at.Start, at.End) ?? at;
                if (Locate(text, sourceText, unit, at, ref hulls) is { } source)
                {
                    s.Add(source);
                }

                if (cueText.Length > 0 && Locate(text, cueText, unit, at, ref hulls) is { } cue)
                {
                    c.Add(cue);
                }

                var contentAt = Nearest(text, contentSentence, at.Start, null) ?? at;
                if (Find(text, contentText, contentAt.Start, contentAt.End) is { } content)
                {
                    x.Add(content);
                }
                else
                {
                    unaligned++;
                }
            }

            sources += s.Count;
            cues += c.Count;
            contents += x.Count;
            articles.Add(new GoldArticle(id, text, [], s, c, x, []));
        }

        return (articles, new GoldCounts(total, sources, cues, contents, unaligned, hulls));
    }

    /// <summary>The text inside the unit, else inside the sentence; words apart are taken as their hull.</summary>
    private static CharRange? Locate(string text, string words, CharRange unit, CharRange sentence, ref int hulls)
    {
        if ((Find(text, words, unit.Start, unit.End) ?? Find(text, words, sentence.Start, sentence.End)) is { } whole)
        {
            return whole;
        }

        var pieces = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var scope in (CharRange[])[unit, sentence])
        {
            var from = scope.Start;
            int? first = null;
            var last = -1;
            foreach (var piece in pieces)
            {
                var found = text.IndexOf(piece, from, scope.End - from, StringComparison.Ordinal);
                if (found < 0)
                {
                    first = null;
                    break;
                }

                first ??= found;
                last = found + piece.Length;
                from = last;
            }

            if (first is { } start)
            {
                hulls++;
                return new CharRange(start, last);
            }
        }

        return null;
    }

    private static CharRange? Find(string text, string needle, int start, int end)
    {
        if (needle.Length == 0 || end - start < needle.Length)
        {
            return null;
        }

        var found = text.IndexOf(needle, start, end - start, StringComparison.Ordinal);
        return found < 0 ? null : new CharRange(found, found + needle.Length);
    }

    /// <summary>
    /// The occurrence of <paramref name="needle"/> closest to <paramref name="near"/> (a sentence can occur twice: the
    /// lead repeats the body, a credit follows every photo), skipping those an identical earlier row has taken.
    /// </summary>
    private static CharRange? Nearest(string text, string needle, int near, Func<int, bool>? taken)
    {
        CharRange? best = null;
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0 && needle.Length > 0; at = text.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            if (taken is not null && taken(at))
            {
                continue;
            }

            if (best is null || Math.Abs(at - near) < Math.Abs(best.Value.Start - near))
            {
                best = new CharRange(at, at + needle.Length);
            }
        }

        return best;
    }
}
