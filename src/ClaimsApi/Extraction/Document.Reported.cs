namespace ClaimsApi.Extraction;

/// <summary>Reported speech: a reporting verb, "according to", an agentless cue or a reporting noun, each proposing the content that follows.</summary>
internal sealed partial class Document
{
    /// <summary>Reported speech in one sentence: "X said (that) …", "…, X said.", "According to X, …", "It is noted that …", "X's announcement of …".</summary>
    private void FindReported(Block block, (int First, int Last) sentence)
    {
        var t = block.Tokens;
        for (var i = sentence.First; i <= sentence.Last; i++)
        {
            if (!t[i].IsWord || _usedCues.Contains(t[i].Start))
            {
                continue;
            }

            if (IsInsideQuoteContent(t[i].Start))
            {
                FirstPersonInQuote(block, sentence, i);
                continue;
            }

            if (i > sentence.First && char.IsUpper(_text[t[i].Start]) && t[i - 1].Kind == TokenKind.Word)
            {
                continue; // a capitalised word inside a sentence is a name ("the United States"), not a verb
            }

            if (t[i].Is("according") && i + 1 <= sentence.Last && t[i + 1].Is("to"))
            {
                According(block, sentence, i);
            }
            else if (Lexicon.PassiveCues.Contains(t[i].Lower) && i >= sentence.First + 2 && BeForms.Contains(t[i - 1].Lower) && t[i - 2].Is("it"))
            {
                Agentless(block, sentence, i);
            }
            else if (Lexicon.CueNouns.Contains(t[i].Lower) && i > sentence.First && t[i - 1].Lower.EndsWith("'s", StringComparison.Ordinal) && !t[i - 1].Is("it's")
                && i + 1 <= sentence.Last && t[i + 1].Lower is "of" or "that")
            {
                NounCue(block, sentence, i);
            }
            else if (CueAt(t, i) is { } lemma && !Lexicon.QuotesOnly(lemma))
            {
                Verb(block, sentence, i, lemma);
            }
        }
    }

    /// <summary>"I think …" inside a quotation: the quoted speaker's belief, nested in the quote (the pronoun resolves to its speaker).</summary>
    private void FirstPersonInQuote(Block block, (int First, int Last) sentence, int i)
    {
        var t = block.Tokens;
        if (i == sentence.First || t[i - 1].Lower is not ("i" or "we") || Lexicon.CueLemma(t[i].Lower) is not ({ } lemma and ("think" or "believe" or "suspect" or "hope" or "feel" or "fear" or "expect" or "know" or "guess" or "reckon")))
        {
            return;
        }

        var quote = QuoteAt(t[i].Start)!;
        var p = i + 1 <= sentence.Last && t[i + 1].Is("that") ? i + 2 : i + 1;
        var last = sentence.Last;
        while (last >= p && t[last].End > quote.Close)
        {
            last--;
        }

        if (Range(block, p, last) is not { } content || WordCount(content, 2) < 2)
        {
            return;
        }

        AddReported(block, t[i], (t[i - 1].Start, t[i - 1].End), (t[i].Start, t[i].End), lemma, content, 0.7);
    }

    /// <summary>Adds reported speech found at the cue token, which no other rule may then take.</summary>
    private Draft AddReported(Block block, Token cueToken, (int Start, int End)? source, (int Start, int End) cue, string lemma, (int Start, int End) content, double confidence, Draft? speakerFrom = null)
    {
        _usedCues.Add(cueToken.Start);
        var draft = NewDraft(block, source, cue, lemma, negated: false, content, confidence, speakerFrom);
        _drafts.Add(draft);
        return draft;
    }

    private void According(Block block, (int First, int Last) sentence, int i)
    {
        var t = block.Tokens;
        var source = ForwardPhrase(block, i + 2, sentence.Last);
        if (source is null)
        {
            return;
        }

        var sourceEnd = IndexAt(block, source.Value.End) - 1;
        (int Start, int End)? content = null;
        if (sourceEnd + 1 <= sentence.Last && t[sourceEnd + 1].Lower == "," && (i == sentence.First || t[i - 1].Lower == "," || i - sentence.First <= 1))
        {
            content = Range(block, sourceEnd + 2, sentence.Last);
        }
        else if (i > sentence.First)
        {
            content = Range(block, sentence.First, t[i - 1].Lower == "," ? i - 2 : i - 1);
        }

        if (content is not { } span || WordCount(span, 2) < 2 || span.End - span.Start > MaxReportedChars)
        {
            return;
        }

        AddReported(block, t[i], source, (t[i].Start, t[i + 1].End), "according", span, 0.85);
    }

    /// <summary>"It is noted that …": no one named; the source is the statement introduced before, or whoever spoke last; "it is asserted by X that …" names X.</summary>
    private void Agentless(Block block, (int First, int Last) sentence, int i)
    {
        var t = block.Tokens;
        var p = i + 1;
        (int, int)? agent = null;
        if (p <= sentence.Last && t[p].Is("by") && ForwardPhrase(block, p + 1, sentence.Last) is { } by)
        {
            agent = by;
            p = IndexAt(block, by.End);
        }

        if (p > sentence.Last || !t[p].Is("that"))
        {
            return;
        }

        var content = Range(block, p + 1, sentence.Last);
        if (content is not { } span || WordCount(span, 2) < 2 || span.End - span.Start > MaxReportedChars)
        {
            return;
        }

        var speakerFrom = agent is null ? _introducer ?? LastDraft(block.Index, t[i].Start, maxBlocksBack: 3) : null;
        AddReported(block, t[i], agent, (t[i - 2].Start, t[p].End), t[i].Lower, span, agent is not null ? 0.8 : speakerFrom is not null ? 0.6 : 0.4, speakerFrom);
    }

    /// <summary>"the Russian Federation's announcement of the liberation": the possessor is the source, the noun the cue, what follows the content.</summary>
    private void NounCue(Block block, (int First, int Last) sentence, int i)
    {
        var t = block.Tokens;
        var end = i + 2;
        while (end <= sentence.Last && end < i + 40 && !(t[end].Kind == TokenKind.Punct && t[end].Lower is "," or "." or ";" or ":" or "!" or "?" or "..." or "(" or ")"))
        {
            end++;
        }

        var content = Range(block, i + 2, end - 1);
        var possessor = SubjectBefore(block, i, sentence.First, out _);
        if (content is not { } span || possessor is not { } source || WordCount(span, 2) < 2)
        {
            return;
        }

        // The source without the possessive 's.
        AddReported(block, t[i], (source.Start, source.End - 2), (t[i].Start, t[i].End), t[i].Lower, span, 0.6).Nominal = true;
    }

    private void Verb(Block block, (int First, int Last) sentence, int i, string lemma)
    {
        var t = block.Tokens;
        var word = t[i].Lower;
        var previous = i > sentence.First ? t[i - 1].Lower : "";
        if (Lexicon.Determiners.Contains(previous) || previous.EndsWith("'s", StringComparison.Ordinal) || previous is "of" or "to")
        {
            return; // a noun ("the report", "his claims") or an infinitive ("to say")
        }

        var verbal = i - 1;
        while (verbal > sentence.First && verbal >= i - 3 && Lexicon.BetweenSubjectAndVerb.Contains(t[verbal].Lower) && !BeForms.Contains(t[verbal].Lower))
        {
            verbal--;
        }

        var finite = word == lemma || word.EndsWith('s') || word.EndsWith("ing", StringComparison.Ordinal);
        if (verbal >= sentence.First && BeForms.Contains(t[verbal].Lower) && !finite)
        {
            return; // a passive: the subject is not the speaker ("was told", "is known", "were found")
        }

        var isParticiple = word.EndsWith("ing", StringComparison.Ordinal);
        (int Start, int End)? source;
        bool negated;
        Draft? speakerFrom = null;
        if (isParticiple)
        {
            // "with one poster writing …", "…, stating: …"
            if (previous == ",")
            {
                source = null;
                negated = false;
                speakerFrom = LastDraft(block.Index, t[i].Start, maxBlocksBack: 0);
            }
            else
            {
                source = SubjectBefore(block, i, sentence.First, out negated);
                if (source is not { } s || IndexAt(block, s.Start) == 0 || !t[IndexAt(block, s.Start) - 1].Is("with"))
                {
                    return;
                }
            }
        }
        else
        {
            source = SubjectBefore(block, i, sentence.First, out negated);
        }

        var after = i + 1;
        var inverted = false;
        if (source is null && !isParticiple)
        {
            var back = i - 1;
            while (back >= sentence.First && back >= i - 4 && Lexicon.BetweenSubjectAndVerb.Contains(t[back].Lower))
            {
                back--;
            }

            if (back >= sentence.First && t[back].Lower == "," && ForwardPhrase(block, i + 1, sentence.Last) is { } follows)
            {
                source = follows; // "…, said the minister."
                inverted = true;
                after = IndexAt(block, follows.End);
            }
            else if (back >= sentence.First && t[back].Lower is "and" or "but")
            {
                speakerFrom = LastDraft(block.Index, t[i].Start, maxBlocksBack: 0);
                if (speakerFrom is null)
                {
                    return;
                }
            }
            else
            {
                return;
            }
        }

        var sourceFirst = source is { } named ? IndexAt(block, named.Start) : i;
        var beforeSource = inverted ? i - 1 : sourceFirst - 1;
        while (beforeSource >= sentence.First && beforeSource >= sourceFirst - 5 && Lexicon.BetweenSubjectAndVerb.Contains(t[beforeSource].Lower) && !inverted)
        {
            beforeSource--;
        }

        var atEnd = after > sentence.Last || t[after].Kind == TokenKind.Punct && t[after].Lower is "." or "!" or "?" or "..." or ";";
        var parenthetical = !atEnd && after <= sentence.Last && t[after].Lower == ",";
        (int Start, int End)? content;
        (int Start, int End)? tail = null;
        var viaThat = false;
        var minWords = 3;
        if ((atEnd || parenthetical) && beforeSource > sentence.First && t[beforeSource].Lower == ",")
        {
            if (Lexicon.NeedsThat(lemma))
            {
                return;
            }

            // "…, X said." / "A, X said, B."
            var first = sentence.First;
            content = Range(block, first, beforeSource - 1);
            minWords = 2;
            if (parenthetical)
            {
                tail = Range(block, after + 1, sentence.Last);
            }
        }
        else
        {
            if (atEnd && after <= sentence.Last && t[after].Lower == ":" || after <= sentence.Last && t[after].Lower == ":" && after == sentence.Last)
            {
                // "She continued:" — the next paragraph is what she said (FindBlockQuote).
                _colonIntro = NewDraft(block, source, (t[i].Start, t[i].End), lemma, negated, (t[i].Start, t[i].End), 0.6, speakerFrom);
                _colonBlock = block.Index;
                _hidden.Add(_colonIntro);
                _usedCues.Add(t[i].Start);
                return;
            }

            (var p, viaThat) = ContentStart(block, sentence, after, lemma);
            if (p < 0 || Lexicon.NeedsThat(lemma) && !viaThat)
            {
                return;
            }

            content = Range(block, p, CoordinatedCueBefore(block, p, sentence.Last));
            if (content is { } c && block.Tokens[p].Lower == ":" && p == sentence.Last)
            {
                content = null;
            }
        }

        if (content is not { } span || WordCount(span, 3) < (viaThat ? 2 : minWords) && QuoteAt(span.Start) is null || span.End - span.Start > MaxReportedChars)
        {
            return;
        }

        var strong = Lexicon.IsStrong(lemma);
        var confidence = (strong ? 0.85 : Lexicon.Perception.Contains(lemma) ? 0.5 : 0.65) - (source is null ? 0.15 : 0);
        var draft = NewDraft(block, source, (t[i].Start, t[i].End), lemma, negated, span, confidence, speakerFrom);
        draft.ContentTail = tail;
        _usedCues.Add(t[i].Start);
        _drafts.Add(draft);
        if (i + 3 <= sentence.Last && t[i + 1].Is("in") && t[i + 2].Lower is "a" or "the" && DocumentWords.Contains(t[i + 3].Lower))
        {
            _introducer = draft; // "X said in a statement": the statement's words may follow without a cue
        }
    }

    /// <summary>Reported speech; a speaker borrowed from another attribution (<paramref name="speakerFrom"/>) only when it names none.</summary>
    private static Draft NewDraft(Block block, (int Start, int End)? source, (int Start, int End) cue, string lemma, bool negated, (int Start, int End) content, double confidence, Draft? speakerFrom) => new()
    {
        Source = source,
        Cue = cue,
        CueLemma = lemma,
        Negated = negated,
        Content = content,
        Kind = AttributionKind.Reported,
        Confidence = confidence,
        BlockIndex = block.Index,
        SpeakerFrom = source is null ? speakerFrom : null,
    };
}
