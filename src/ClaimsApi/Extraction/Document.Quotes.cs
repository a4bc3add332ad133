namespace ClaimsApi.Extraction;

/// <summary>Quotations: marked quotes with the cue before or after them, unmarked block quotes, and partial quotes inside reported speech.</summary>
internal sealed partial class Document
{
    /// <summary>A quotation: attributed by a cue right after it ("…," he said) or right before it (She said: "…"), or, a whole sentence without one, continuing the last speaker.</summary>
    private void FindDirect(Block block, QuoteRegion quote)
    {
        var content = Trim((quote.ContentStart, quote.ContentEnd));
        var words = WordCount(content, 12);
        if (words == 0)
        {
            return;
        }

        var endBlock = _blocks[quote.LastBlock];
        var after = quote.Closed ? IndexAt(endBlock, quote.Close + 1) : endBlock.Tokens.Count;
        var before = IndexAt(block, quote.Open) - 1;
        var endsWithComma = content.End > content.Start && _text[content.End - 1] is ',' or '?' or '!' or '\u2014' or '-';
        var right = quote.Closed ? CueAfterQuote(endBlock, after) : null;
        var left = CueBeforeQuote(block, before);
        var pick = endsWithComma ? right ?? left : left ?? right;
        if (pick is { } found)
        {
            _usedCues.Add(found.CueToken.Start);
            var draft = new Draft
            {
                Source = found.Source,
                Cue = found.Cue,
                CueLemma = found.Lemma,
                Content = content,
                Kind = AttributionKind.Direct,
                Confidence = words >= 3 ? 0.9 : 0.75,
                BlockIndex = block.Index,
                SpeakerFrom = found.Source is null ? LastDraft(block.Index, content.Start) : null,
            };
            _drafts.Add(draft);
            return;
        }

        // No cue: a quotation that is a sentence of its own (or a paragraph) continues the speaker quoted just before.
        var startsSentence = before < 0 || block.Tokens[before].Lower is "." or "!" or "?" or ":" or "..." or "\u2026" or "\u2014" or "-";
        if (startsSentence && words >= 4 && (ContinuationSource(block) ?? LastDraft(block.Index, content.Start, maxBlocksBack: 1)) is { } previous)
        {
            _drafts.Add(new Draft
            {
                Cue = previous.Cue,
                Content = content,
                Kind = AttributionKind.Direct,
                Confidence = 0.5,
                BlockIndex = block.Index,
                SpeakerFrom = previous,
            });
        }
    }

    private sealed record FoundCue((int Start, int End)? Source, (int Start, int End) Cue, Token CueToken, string Lemma);

    /// <summary>After a closing quote: ", said X", ", X said", ", X, a spokesman, told Y", ", according to X".</summary>
    private FoundCue? CueAfterQuote(Block block, int i)
    {
        var t = block.Tokens;
        if (i < t.Count && t[i].Lower is "," or "\u2014" or "-")
        {
            i++;
        }

        if (i >= t.Count)
        {
            return null;
        }

        if (t[i].Is("according") && i + 1 < t.Count && t[i + 1].Is("to") && ForwardPhrase(block, i + 2, t.Count - 1) is { } according)
        {
            return new FoundCue(according, (t[i].Start, t[i + 1].End), t[i], "according");
        }

        if (CueAt(t, i) is { } lemma && !_usedCues.Contains(t[i].Start))
        {
            // "said X" / "said he"
            var source = ForwardPhrase(block, i + 1, Math.Min(t.Count - 1, i + MaxSourceTokens));
            return source is null ? null : new FoundCue(source, (t[i].Start, t[i].End), t[i], lemma);
        }

        // "X said" / "X, a spokesman, said": the cue within a short reach, nothing between but the source.
        for (var j = i; j < t.Count && j < i + MaxSourceTokens + 8; j++)
        {
            if (t[j].Kind == TokenKind.Quote || t[j].Lower is "." or ";" or "!" or "?" or ":")
            {
                return null;
            }

            if (j > i && CueAt(t, j) is { } cue && !_usedCues.Contains(t[j].Start))
            {
                var end = j - 1;
                while (end >= i && (Lexicon.BetweenSubjectAndVerb.Contains(t[end].Lower) || t[end].Lower == ","))
                {
                    end--;
                }

                var comma = t.FindIndex(i, end - i + 1, x => x.Lower == ",");
                if (comma > i)
                {
                    end = comma - 1;
                }

                if (end < i || end - i >= MaxSourceTokens || t[i].Kind != TokenKind.Word || Lexicon.SubjectStops.Contains(t[i].Lower) && !t[i].Is("who"))
                {
                    return null;
                }

                return new FoundCue((t[i].Start, t[end].End), (t[j].Start, t[j].End), t[j], cue);
            }
        }

        return null;
    }

    /// <summary>Before an opening quote: "X said: ", "X told the press, ", "X wrote ", "stating, ".</summary>
    private FoundCue? CueBeforeQuote(Block block, int i)
    {
        var t = block.Tokens;
        if (i < 0)
        {
            return null;
        }

        var punctuated = t[i].Lower is "," or ":";
        var k = punctuated ? i - 1 : i;
        for (var j = k; j >= 0 && j >= k - 5; j--)
        {
            if (t[j].Kind == TokenKind.Quote || t[j].Lower is "." or ";" or "!" or "?")
            {
                return null;
            }

            if (CueAt(t, j) is { } cue && !_usedCues.Contains(t[j].Start))
            {
                if (j < k && !punctuated && !Lexicon.Telling.Contains(cue))
                {
                    return null; // "said the ... "quote"": the quote is inside a clause, not introduced
                }

                var source = SubjectBefore(block, j, 0, out _);
                if (source is null && !(j > 0 && t[j - 1].Lower is "," or "and" or "but"))
                {
                    return null;
                }

                return new FoundCue(source, (t[j].Start, t[j].End), t[j], cue);
            }

            if (!punctuated && j == k)
            {
                return null; // the quote follows a word that is not a cue: it is part of the sentence
            }
        }

        return null;
    }

    /// <summary>
    /// A paragraph with no quotation marks and no cue of its own that is someone's words: after a paragraph ending in
    /// "X said:", or, once a statement has been introduced, written in the first person plural or cut with ellipses.
    /// </summary>
    private void FindBlockQuote(Block block)
    {
        if (!block.IsBody || block.Tokens.Count == 0 || HasDraftsIn(block))
        {
            return;
        }

        var hasQuotes = _quoted.Contains(block.Index);
        var content = Trim((block.Start, block.End));
        if (_colonIntro is { } intro && _colonBlock == block.Index - 1)
        {
            _drafts.Add(new Draft
            {
                Cue = intro.Cue,
                Content = content,
                Kind = hasQuotes ? AttributionKind.Direct : AttributionKind.UnmarkedBlockQuote,
                Confidence = 0.6,
                BlockIndex = block.Index,
                SpeakerFrom = intro,
            });
            _colonBlock = block.Index; // a block quote may run on: the next paragraph too, while it has no cue of its own
            return;
        }

        if (_introducer is null || hasQuotes)
        {
            return;
        }

        var firstPerson = block.Tokens.Any(x => x.IsWord && Lexicon.FirstPersonPlural.Contains(x.Lower));
        var elided = block.Tokens.Take(block.Tokens.Count - 1).Any(x => x.Lower is "..." or "\u2026" or "[...]");
        if (firstPerson || elided)
        {
            _drafts.Add(new Draft
            {
                Cue = _introducer.Cue,
                Content = content,
                Kind = AttributionKind.UnmarkedBlockQuote,
                Confidence = firstPerson && elided ? 0.7 : 0.55,
                BlockIndex = block.Index,
                SpeakerFrom = _introducer,
            });
        }
    }

    /// <summary>A quotation inside reported speech (two words or more; one word in quotes is a scare quote or a term): a partial quote, nested in it.</summary>
    private void FindPartials()
    {
        var direct = _drafts.Where(d => d.Kind == AttributionKind.Direct).Select(d => d.Content).ToHashSet();
        var reported = _drafts.Where(d => d.Kind is AttributionKind.Reported or AttributionKind.UnmarkedBlockQuote && !d.Nominal).ToList();
        var partials = new Dictionary<QuoteRegion, Draft>();
        foreach (var parent in reported)
        {
            // The quotes inside this content: from the first that opens in it, while they open in it.
            for (var q = FirstQuoteFrom(parent.Content.Start); q < _quotes.Count && _quotes[q].Open < parent.Content.End; q++)
            {
                var quote = _quotes[q];
                var content = Trim((quote.ContentStart, quote.ContentEnd));
                if (content.End > parent.Content.End || WordCount(content, 2) < 2 || direct.Contains(content)
                    || partials.TryGetValue(quote, out var other) && other.SpeakerFrom!.Content.End - other.SpeakerFrom.Content.Start <= parent.Content.End - parent.Content.Start)
                {
                    continue;
                }

                partials[quote] = new Draft
                {
                    Source = parent.Source,
                    Cue = parent.Cue,
                    CueLemma = parent.CueLemma,
                    Negated = parent.Negated,
                    Content = content,
                    Kind = AttributionKind.Partial,
                    Confidence = Math.Round(parent.Confidence - 0.05, 2),
                    BlockIndex = parent.BlockIndex,
                    SpeakerFrom = parent,
                };
            }
        }

        _drafts.AddRange(partials.Values);
    }

    private int FirstQuoteFrom(int position)
    {
        var lo = 0;
        var hi = _quotes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_quotes[mid].Open < position)
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
}
