using System.Text;

namespace ClaimsApi.Extraction;

/// <summary>Speakers (known entities, antecedents of pronouns, proposed new entities) and nesting; candidate claims are in Document.Claims.cs.</summary>
internal sealed partial class Document
{
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "ministry", "agency", "office", "department", "church", "university", "council", "government", "news", "times",
        "party", "police", "court", "company", "authority", "inc", "ltd", "corp", "corporation", "association", "committee",
        "commission", "organisation", "organization", "institute", "foundation", "bank", "army", "force", "forces", "navy",
        "service", "press", "post", "herald", "guardian", "journal", "bbc", "cnn", "reuters", "gazette", "network",
        "group", "board", "union", "federation", "society", "team", "club", "fund", "website", "site", "report", "study",
        "survey", "tribune", "telegraph", "radio", "television", "tv", "agency's", "kcna", "ap", "afp", "microsoft",
    };

    private static readonly HashSet<string> PersonTitles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "president", "minister", "secretary",
        "ambassador", "general", "colonel", "major", "captain", "spokesman", "spokeswoman", "spokesperson", "senator",
        "governor", "mayor", "judge", "king", "queen", "prince", "pope", "coach", "director", "chairman", "ceo",
        "researcher", "member", "comrade", "detective", "prosecutor", "lawyer", "editor", "author", "founder",
    };

    private sealed record Mention((int Start, int End) Span, Speaker Speaker, bool Person, bool Plural);

    private readonly List<Mention> _history = [];
    private readonly Dictionary<Draft, bool> _resolving = [];
    private List<Draft>? _quotations;

    private void ResolveSpeakers()
    {
        foreach (var draft in _drafts.Concat(_hidden).OrderBy(d => d.Source?.Start ?? d.Cue?.Start ?? d.Content.Start))
        {
            Resolve(draft);
        }
    }

    private void Resolve(Draft draft)
    {
        if (!_resolving.TryAdd(draft, true))
        {
            return; // resolved already, or a loop of borrowed speakers (none is expected)
        }

        if (draft.Source is { } source)
        {
            var words = _text[source.Start..source.End].Trim();
            var lower = words.ToLowerInvariant();
            if (Lexicon.PersonalPronouns.Contains(lower))
            {
                if (Antecedent(draft, source, lower) is { } antecedent)
                {
                    draft.Antecedent = antecedent.Span;
                    draft.Speaker = antecedent.Speaker;
                    draft.Confidence = Math.Round(draft.Confidence - 0.05, 2);
                }

                return;
            }

            var mention = Named(source);
            draft.Speaker = mention.Speaker;
            _history.Add(mention);
            return;
        }

        if (draft.SpeakerFrom is { } from)
        {
            Resolve(from);
            draft.Speaker = from.Speaker;
            draft.Antecedent = from.Source ?? from.Antecedent;
        }
    }

    /// <summary>
    /// What a pronoun stands for: "I"/"we" inside a quotation are its speaker; "who" the phrase before it; "he"/"she" the
    /// last person named as a source, "they" the last group or organisation, "it" the last thing that is not a person.
    /// </summary>
    private Mention? Antecedent(Draft draft, (int Start, int End) source, string pronoun)
    {
        if (pronoun is "i" or "we" or "you")
        {
            _quotations ??= [.. _drafts.Where(d => d.Kind is AttributionKind.Direct or AttributionKind.UnmarkedBlockQuote).OrderBy(d => d.Content.Start)];
            var quoted = Containing(_quotations, source, draft, 0);
            if (quoted is not null)
            {
                Resolve(quoted);
                return quoted.Speaker is { } speaker ? new Mention(quoted.Source ?? quoted.Antecedent ?? source, speaker, true, false) : null;
            }

            return null;
        }

        if (pronoun == "who")
        {
            var block = _blocks[draft.BlockIndex];
            var at = IndexAt(block, source.Start);
            return SubjectBefore(block, at, 0, out _) is { } before && !Lexicon.PersonalPronouns.Contains(_text[before.Start..before.End].ToLowerInvariant()) ? Named(before) : null;
        }

        for (var i = _history.Count - 1; i >= 0 && i >= _history.Count - 8; i--)
        {
            var m = _history[i];
            if (m.Span.Start >= source.Start)
            {
                continue;
            }

            var fits = pronoun switch
            {
                "he" or "she" => m.Person,
                "they" => m.Plural || !m.Person,
                "it" => !m.Person && !m.Plural,
                _ => true,
            };
            if (fits)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>A named source: the known entity one of its aliases names (the whole phrase, or its head), or a proposed new entity.</summary>
    private Mention Named((int Start, int End) span)
    {
        var words = _text[span.Start..span.End];
        var lowerWords = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant().TrimEnd('.')).ToList();
        var personTitle = lowerWords.Any(PersonTitles.Contains);
        var found = _entities.Whole(_text, span.Start, span.End)
            ?? MentionsIn(span).Where(m => m.End == span.End).Select(m => (EntityLexicon.Found?)m).FirstOrDefault();
        if (found is { } known)
        {
            var best = known.Best;
            return new Mention(span, new Speaker(best.Id, best.Name, best.Kind, true), best.Kind == "person", false);
        }

        var name = NameOf(words);
        var last = lowerWords.Count > 0 ? lowerWords[^1] : "";
        var organisation = lowerWords.Any(OrganisationWords.Contains);
        var capitalised = name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts && parts.All(p => p.Length > 0 && char.IsUpper(p[0]));
        var person = !organisation && (personTitle || capitalised && name.Contains(' ', StringComparison.Ordinal) && name.Split(' ').Length <= 4);
        var plural = !person && Lexicon.LooksPlural(last);

        // The same person named again by surname ("Mark Rathbun" … "Rathbun"), or in full after the surname.
        var nameLast = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? name;
        foreach (var earlier in Enumerable.Reverse(_history).Take(200))
        {
            if (earlier.Speaker.Known || !capitalised)
            {
                continue;
            }

            var earlierLast = earlier.Speaker.Name.Split(' ').Last();
            if (string.Equals(earlierLast, nameLast, StringComparison.OrdinalIgnoreCase))
            {
                return new Mention(span, earlier.Speaker, earlier.Person || person, earlier.Plural);
            }
        }

        var kind = person ? "person" : organisation ? "organisation" : null;
        return new Mention(span, new Speaker(Slug(name), name, kind, false), person, plural);
    }

    /// <summary>The name a new entity would get: the phrase without a leading article and without titles and roles before the name.</summary>
    private static string NameOf(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && Lexicon.Determiners.Contains(words[0].ToLowerInvariant()))
        {
            words.RemoveAt(0);
        }

        // "Afghan Ambassador Hamdullah Mohib" → "Hamdullah Mohib": drop up to the last title when a capitalised name follows it.
        var lastTitle = words.FindLastIndex(w => Lexicon.Titles.Contains(w.ToLowerInvariant().TrimEnd('.', ',')));
        if (lastTitle >= 0 && lastTitle < words.Count - 1 && words.Skip(lastTitle + 1).All(w => char.IsUpper(w[0])))
        {
            words = words.Skip(lastTitle + 1).ToList();
        }

        return string.Join(' ', words).TrimEnd(',', '.', ':');
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 60)
            {
                break;
            }
        }

        var id = slug.ToString().Trim('-');
        return id.Length == 0 ? "unnamed-source" : id;
    }

    /// <summary>The attributions in text order, each with its nesting and claims; introducers and duplicates left out.</summary>
    public List<Attribution> Results(CancellationToken ct)
    {
        var drafts = _drafts
            .GroupBy(d => (d.Content, d.Kind))
            .Select(g => g.OrderByDescending(d => d.Confidence).First())
            .OrderBy(d => d.Content.Start).ThenBy(d => d.Content.End).ToList();
        var index = drafts.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var nesting = drafts.Where(d => d.Kind != AttributionKind.Credit).ToList();
        var results = new List<Attribution>(drafts.Count);
        foreach (var draft in drafts)
        {
            ct.ThrowIfCancellationRequested();
            var parent = ParentOf(draft, nesting, index);
            results.Add(new Attribution(
                draft.Source is { } s ? Span(s) : null,
                draft.Antecedent is { } a ? Span(a) : null,
                draft.Cue is { } c ? Span(c) : null,
                Span(draft.Content),
                draft.Speaker,
                draft.Kind,
                Math.Clamp(Math.Round(draft.Confidence, 2), 0.05, 0.99),
                parent is null ? null : index[parent],
                draft.Kind == AttributionKind.Credit ? [] : Claims(draft)));
        }

        return results;
    }

    /// <summary>The attribution that reports this one: the smallest other whose content holds this one's source (or cue, or, for a partial quote, the attribution it is part of).</summary>
    private static Draft? ParentOf(Draft draft, List<Draft> nesting, Dictionary<Draft, int> index)
    {
        if (draft.Kind == AttributionKind.Partial && draft.SpeakerFrom is { } reporting && index.ContainsKey(reporting))
        {
            return reporting;
        }

        return (draft.Source ?? draft.Cue) is { } at && draft.Kind != AttributionKind.Credit ? Containing(nesting, at, draft, 1) : null;
    }

    /// <summary>
    /// The smallest attribution of <paramref name="sorted"/> (by content start) whose content holds the span, other than
    /// <paramref name="self"/> and one with the same content; looks back over a bounded number of candidates.
    /// </summary>
    private static Draft? Containing(List<Draft> sorted, (int Start, int End) span, Draft self, int minOverhang)
    {
        var lo = 0;
        var hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Content.Start <= span.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        Draft? best = null;
        for (var i = lo - 1; i >= 0 && i >= lo - 64; i--)
        {
            var d = sorted[i];
            if (d != self && d.Content.End >= span.End && d.Content != self.Content
                && (minOverhang == 0 || d.Content.End - d.Content.Start > self.Content.End - self.Content.Start || d.Content.Start != self.Content.Start)
                && (best is null || d.Content.End - d.Content.Start < best.Content.End - best.Content.Start))
            {
                best = d;
            }
        }

        return best;
    }
}
