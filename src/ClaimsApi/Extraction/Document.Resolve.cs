using System.Text;

namespace ClaimsApi.Extraction;

/// <summary>Speakers (known entities, antecedents of pronouns, proposed new entities), nesting and candidate claims.</summary>
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

    /// <summary>The known entities named inside the span (the mentions are in text order).</summary>
    private IEnumerable<EntityLexicon.Found> MentionsIn((int Start, int End) span)
    {
        var lo = 0;
        var hi = _mentions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_mentions[mid].Start < span.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _mentions.Count && _mentions[i].Start < span.End; i++)
        {
            if (_mentions[i].End <= span.End)
            {
                yield return _mentions[i];
            }
        }
    }

    /// <summary>One candidate claim per sentence of the content (and of the content's second half, after a parenthetical cue).</summary>
    private List<CandidateClaim> Claims(Draft draft)
    {
        var claims = new List<CandidateClaim>();
        foreach (var range in (IEnumerable<(int Start, int End)?>)[draft.Content, draft.ContentTail])
        {
            if (range is not { } content)
            {
                continue;
            }

            for (var b = BlockAt(content.Start); b < _blocks.Count && _blocks[b].Start < content.End; b++)
            {
                var block = _blocks[b];
                for (var n = SentenceAt(block, content.Start); n < block.Sentences.Count && block.Tokens[block.Sentences[n].First].Start < content.End; n++)
                {
                    var (first, last) = block.Sentences[n];
                    var start = Math.Max(block.Tokens[first].Start, content.Start);
                    var end = Math.Min(block.Tokens[last].End, content.End);
                    if (end - start < 2 || WordCount((start, end), 2) < 2)
                    {
                        continue;
                    }

                    claims.Add(Claim(draft, Proposition((start, end)), first, last, block));
                }
            }
        }

        return claims;
    }

    /// <summary>The index of the block that holds (or follows) the UTF-16 index.</summary>
    private int BlockAt(int position)
    {
        var lo = 0;
        var hi = _blocks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_blocks[mid].End <= position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The index of the first sentence of the block that ends after the UTF-16 index.</summary>
    private static int SentenceAt(Block block, int position)
    {
        var lo = 0;
        var hi = block.Sentences.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (block.Tokens[block.Sentences[mid].Last].End <= position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private CandidateClaim Claim(Draft draft, (int Start, int End) span, int first, int last, Block block)
    {
        var words = block.Tokens.Skip(first).Take(last - first + 1).Where(t => t.Start >= span.Start && t.End <= span.End).ToList();
        var lemma = draft.CueLemma ?? "";
        var text = _text[span.Start..span.End];
        var mentions = MentionsIn(span).Select(m => m.Best).DistinctBy(e => e.Id).Select(e => new Speaker(e.Id, e.Name, e.Kind, true)).ToList();
        var question = text.TrimEnd('"', '\u201D', '\'', '\u2019', ' ').EndsWith('?') || Lexicon.QuestionCues.Contains(lemma);
        var denied = Lexicon.Denial.Contains(lemma);
        var hedged = !denied && (draft.Negated || words.Any(w => Lexicon.Hedges.Contains(w.Lower)));
        var opinion = Lexicon.OpinionCues.Contains(lemma) || words.Any(w => Lexicon.OpinionMarkers.Contains(w.Lower));
        return new CandidateClaim(text, Span(span), draft.Speaker, mentions, hedged, denied, question, opinion);
    }

    /// <summary>The span of the proposition: the sentence without the quotation marks, a leading "that" and the space around them.</summary>
    private (int Start, int End) Proposition((int Start, int End) span)
    {
        var (start, end) = Trim(span);
        for (var changed = true; changed && end > start;)
        {
            changed = false;
            if (TextScanner.IsQuoteMark(_text[start]) || _text[start] is ',' or ':' or '(' || char.IsWhiteSpace(_text[start]))
            {
                start++;
                changed = true;
            }
            else if (end - start > 5 && string.Compare(_text, start, "that ", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                start += 5;
                changed = true;
            }

            if (end > start && (TextScanner.IsQuoteMark(_text[end - 1]) || _text[end - 1] is ',' or ':' or ';' || char.IsWhiteSpace(_text[end - 1])))
            {
                end--;
                changed = true;
            }
        }

        return (start, end);
    }
}
