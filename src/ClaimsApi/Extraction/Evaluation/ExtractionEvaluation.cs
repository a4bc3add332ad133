using System.Globalization;
using System.Text;
using ClaimsApi.Seeding;

namespace ClaimsApi.Extraction.Evaluation;

/// <summary>Precision, recall and F1 of one kind of span under one way of matching, with the counts they come from.</summary>
internal sealed record Score(int Predicted, int Gold, int MatchedPredicted, int MatchedGold)
{
    public double Precision => Predicted == 0 ? 0 : (double)MatchedPredicted / Predicted;

    public double Recall => Gold == 0 ? 0 : (double)MatchedGold / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Score operator +(Score a, Score b) =>
        new(a.Predicted + b.Predicted, a.Gold + b.Gold, a.MatchedPredicted + b.MatchedPredicted, a.MatchedGold + b.MatchedGold);

    public static Score Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>The scores of one part: source, cue and content spans, exact and overlap; for the seed, speakers too.</summary>
internal sealed record PartScores(string Part, int Articles, GoldCounts Counts, IReadOnlyDictionary<string, Score> Scores);

/// <summary>
/// Scores the extractor against gold spans (docs/extraction.md#how-it-is-measured). Each kind of span (source, cue,
/// content) is scored on its own, per article, as sets of distinct spans. <b>Exact</b>: a predicted span equals a gold
/// span once both are trimmed of white space and punctuation at their ends (quotation marks, commas, full stops), so
/// the convention of including the quotation marks or the final full stop does not count. <b>Overlap</b>: a predicted
/// span and a gold span share at least one character that is not white space; each gold span is matched by at most one
/// predicted span and the reverse (greedily, largest overlap first), so one long prediction cannot match many gold spans.
/// </summary>
internal static class ExtractionEvaluation
{
    public static readonly string[] Parts = ["dev", "heldout", "seed", "all"];

    public static PartScores Gum(string folder, string part, TextWriter? errors = null)
    {
        var (articles, counts) = GoldCorpus.Load(folder, part);
        return new PartScores(part, articles.Count, counts, ScoreAll(articles, errors));
    }

    /// <summary>The seed articles against their curation: every statement but the publisher's notes is a gold attribution; the seed's entities are the known ones.</summary>
    public static PartScores Seed(string seedsFolder, TextWriter? errors = null)
    {
        var seeds = SeedLoader.Load(seedsFolder);
        var entities = seeds.Entities.Select(e => new KnownEntity(e.Id, e.Name, Domain.EnumNames.Of(e.Kind), [.. e.Aliases.Select(a => a.Alias)])).ToList();
        var articles = new List<GoldArticle>();
        int rows = 0, cues = 0;
        foreach (var article in seeds.Articles)
        {
            var map = new OffsetMap(article.Text);
            var statements = seeds.Statements.Where(s => s.ArticleId == article.Id && s.Kind != Domain.StatementKind.PublisherNote).ToList();
            rows += statements.Count;
            var contents = statements.Select(s => new CharRange(map.ToUtf16(s.Start), map.ToUtf16(s.End))).ToList();
            var cueSpans = new List<CharRange>();
            foreach (var statement in statements.Where(s => s.Cue is not null))
            {
                // The cue's text nearest before the statement (an unmarked quote's cue is in the paragraph that introduces it).
                var before = article.Text.LastIndexOf(statement.Cue!, Math.Max(0, map.ToUtf16(statement.Start) - 1), StringComparison.OrdinalIgnoreCase);
                var at = before >= 0 ? before : article.Text.IndexOf(statement.Cue!, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    cueSpans.Add(new CharRange(at, at + statement.Cue!.Length));
                }
            }

            cues += cueSpans.Count;
            articles.Add(new GoldArticle(article.Id, article.Text, entities, [], cueSpans, contents,
                [.. statements.Select((s, i) => (contents[i], s.SpeakerId))]));
        }

        return new PartScores("seed", articles.Count, new GoldCounts(rows, 0, cues, rows, 0, 0), ScoreAll(articles, errors));
    }

    private static Dictionary<string, Score> ScoreAll(IReadOnlyList<GoldArticle> articles, TextWriter? errors)
    {
        var totals = new Dictionary<string, Score>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            var result = AttributionExtractor.Extract(article.Text, new EntityLexicon(article.Entities));
            var map = new OffsetMap(article.Text);
            CharRange R(TextSpan s) => new(map.ToUtf16(s.Start), map.ToUtf16(s.End));
            var predicted = new Dictionary<string, List<CharRange>>
            {
                ["source"] = [.. result.Attributions.Where(a => a.Source is not null).Select(a => R(a.Source!))],
                ["cue"] = [.. result.Attributions.Where(a => a.Cue is not null).Select(a => R(a.Cue!))],
                ["content"] = [.. result.Attributions.Select(a => R(a.Content))],
            };
            var gold = new Dictionary<string, IReadOnlyList<CharRange>> { ["source"] = article.Sources, ["cue"] = article.Cues, ["content"] = article.Contents };
            foreach (var role in article.Speakers.Count > 0 ? (string[])["cue", "content"] : ["source", "cue", "content"])
            {
                Add(totals, $"{role} exact", Exact(article.Text, predicted[role], gold[role]));
                Add(totals, $"{role} overlap", Overlap(article.Text, predicted[role], gold[role]));
                if (errors is not null)
                {
                    WriteErrors(errors, article, role, predicted[role], gold[role]);
                }
            }

            if (article.Speakers.Count > 0)
            {
                Add(totals, "speaker", Speakers(article.Text, result.Attributions.Select(a => (R(a.Content), a.Speaker?.Id)).ToList(), article.Speakers));
            }
        }

        return totals;
    }

    /// <summary>The spans that matched nothing under overlap: what the extractor proposed wrongly (+) and what it missed (-).</summary>
    private static void WriteErrors(TextWriter errors, GoldArticle article, string role, List<CharRange> predicted, IReadOnlyList<CharRange> gold)
    {
        static bool Meet(CharRange a, CharRange b) => Math.Min(a.End, b.End) > Math.Max(a.Start, b.Start);
        string Show(CharRange r) => article.Text[r.Start..r.End].ReplaceLineEndings(" ");
        foreach (var p in predicted.Distinct().Where(p => !gold.Any(g => Meet(p, g))))
        {
            errors.WriteLine($"{article.Id}\t{role}\t+\t{Show(p)}");
        }

        foreach (var g in gold.Distinct().Where(g => !predicted.Any(p => Meet(p, g))))
        {
            errors.WriteLine($"{article.Id}\t{role}\t-\t{Show(g)}");
        }
    }

    private static void Add(Dictionary<string, Score> totals, string key, Score score) =>
        totals[key] = (totals.TryGetValue(key, out var sum) ? sum : Score.Zero) + score;

    internal static Score Exact(string text, IReadOnlyList<CharRange> predicted, IReadOnlyList<CharRange> gold)
    {
        var p = predicted.Select(r => Trim(text, r)).Where(r => r.End > r.Start).Distinct().ToList();
        var g = gold.Select(r => Trim(text, r)).Where(r => r.End > r.Start).Distinct().ToList();
        var goldSet = g.ToHashSet();
        var predictedSet = p.ToHashSet();
        return new Score(p.Count, g.Count, p.Count(goldSet.Contains), g.Count(predictedSet.Contains));
    }

    internal static Score Overlap(string text, IReadOnlyList<CharRange> predicted, IReadOnlyList<CharRange> gold)
    {
        var p = predicted.Select(r => Trim(text, r)).Where(r => r.End > r.Start).Distinct().ToList();
        var g = gold.Select(r => Trim(text, r)).Where(r => r.End > r.Start).Distinct().ToList();
        var pairs = new List<(int P, int G, int Shared)>();
        for (var i = 0; i < p.Count; i++)
        {
            for (var j = 0; j < g.Count; j++)
            {
                var shared = Math.Min(p[i].End, g[j].End) - Math.Max(p[i].Start, g[j].Start);
                if (shared > 0 && !string.IsNullOrWhiteSpace(text[Math.Max(p[i].Start, g[j].Start)..Math.Min(p[i].End, g[j].End)]))
                {
                    pairs.Add((i, j, shared));
                }
            }
        }

        var usedP = new HashSet<int>();
        var usedG = new HashSet<int>();
        foreach (var (i, j, _) in pairs.OrderByDescending(x => x.Shared).ThenBy(x => x.P).ThenBy(x => x.G))
        {
            if (!usedP.Contains(i) && !usedG.Contains(j))
            {
                usedP.Add(i);
                usedG.Add(j);
            }
        }

        return new Score(p.Count, g.Count, usedP.Count, usedG.Count);
    }

    /// <summary>Speakers (seed only): a prediction is right when its content overlaps a gold statement's and names the same entity.</summary>
    private static Score Speakers(string text, List<(CharRange Content, string? Speaker)> predicted, IReadOnlyList<(CharRange Content, string SpeakerId)> gold)
    {
        static bool Meet(CharRange a, CharRange b) => Math.Min(a.End, b.End) > Math.Max(a.Start, b.Start);
        var rightPredicted = predicted.Count(p => gold.Any(g => Meet(p.Content, g.Content) && p.Speaker == g.SpeakerId));
        var rightGold = gold.Count(g => predicted.Any(p => Meet(p.Content, g.Content) && p.Speaker == g.SpeakerId));
        _ = text;
        return new Score(predicted.Count, gold.Count, rightPredicted, rightGold);
    }

    private static CharRange Trim(string text, CharRange r)
    {
        var (start, end) = (r.Start, r.End);
        while (start < end && (char.IsWhiteSpace(text[start]) || char.IsPunctuation(text[start])))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || char.IsPunctuation(text[end - 1])))
        {
            end--;
        }

        return new CharRange(start, end);
    }

    /// <summary>The scores as a table, one row per span and match, as docs/extraction.md quotes them.</summary>
    public static string Format(PartScores scores)
    {
        var c = scores.Counts;
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"part {scores.Part}: {scores.Articles} articles, {c.Rows} gold attributions ({c.Sources} sources, {c.Cues} cues, {c.Contents} contents found in the text; {c.Unaligned} spans not found, {c.Hulls} discontinuous spans taken as their hull)");
        table.AppendLine("| span | match | predicted | gold | precision | recall | F1 |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (key, s) in scores.Scores.OrderBy(k => Order(k.Key)))
        {
            var parts = key.Split(' ');
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {parts[0]} | {(parts.Length > 1 ? parts[1] : "overlap, same entity")} | {s.Predicted} | {s.Gold} | {s.Precision:F3} | {s.Recall:F3} | {s.F1:F3} |");
        }

        return table.ToString();
    }

    private static int Order(string key) => key switch
    {
        "source exact" => 0,
        "source overlap" => 1,
        "cue exact" => 2,
        "cue overlap" => 3,
        "content exact" => 4,
        "content overlap" => 5,
        _ => 6,
    };
}
