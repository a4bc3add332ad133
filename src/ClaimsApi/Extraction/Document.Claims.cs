namespace ClaimsApi.Extraction;

/// <summary>Candidate claims: the propositions of a content span, their claimant, the entities they mention and how they are asserted.</summary>
internal sealed partial class Document
{
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
