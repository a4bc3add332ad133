namespace ClaimsApi.Extraction;

/// <summary>The rules, one method per way of attributing; each looks at a bounded window of tokens.</summary>
internal sealed partial class Document
{
    /// <summary>The longest subject or source phrase taken (tokens): a cue further from any name is not attributed.</summary>
    private const int MaxSourceTokens = 10;

    /// <summary>
    /// The longest reported content (UTF-16): a "sentence" longer than this is not one, and its cues are left alone
    /// (each cue's content runs to the sentence's end: in a megabyte without a full stop they would add up to gigabytes).
    /// </summary>
    private const int MaxReportedChars = 4000;

    private static readonly HashSet<string> BeForms = new(StringComparer.Ordinal) { "is", "was", "are", "were", "be", "been", "being", "'s" };
    private static readonly HashSet<string> CreditWords = new(StringComparer.Ordinal) { "image", "photo", "photograph", "picture", "credit", "photos", "images", "video" };
    private static readonly HashSet<string> ObjectPronouns = new(StringComparer.Ordinal) { "him", "her", "them", "us", "me", "you", "reporters", "journalists" };
    private static readonly HashSet<string> DocumentWords = new(StringComparer.Ordinal) { "statement", "release", "letter", "report", "communique", "communiqué", "interview", "post", "tweet", "speech", "address", "message" };

    /// <summary>"Caption. Image: Name." — the caption is credited to the name.</summary>
    private void FindCredit(Block block)
    {
        var tokens = block.Tokens;
        for (var i = Math.Max(0, tokens.Count - 12); i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsWord || !CreditWords.Contains(tokens[i].Lower) || tokens[i + 1].Lower != ":" || i == 0)
            {
                continue;
            }

            var last = tokens.Count - 1;
            if (tokens[last].Lower.StartsWith('.'))
            {
                last--;
            }

            if (last <= i + 1 || tokens.Skip(i + 2).Take(last - i - 1).Any(t => !t.IsWord && t.Lower is not ("," or "&" or "/")))
            {
                continue;
            }

            var content = Trim((block.Start, tokens[i].Start));
            if (content.End - content.Start < 2)
            {
                continue;
            }

            _drafts.Add(new Draft
            {
                Source = (tokens[i + 2].Start, tokens[last].End),
                Content = content,
                Kind = AttributionKind.Credit,
                Confidence = 0.9,
                BlockIndex = block.Index,
            });
            return;
        }
    }

    /// <summary>
    /// "This is stated in a special statement by the party's governing body": names the source of what the article
    /// goes on to report without naming anyone (agentless cues, unmarked quotes). Proposes nothing itself.
    /// </summary>
    private void FindIntroducer(Block block, (int First, int Last) sentence)
    {
        var t = block.Tokens;
        for (var i = sentence.First; i + 3 <= sentence.Last; i++)
        {
            if (t[i].Lower is not ("this" or "that" or "it" or "these") || !BeForms.Contains(t[i + 1].Lower)
                || t[i + 2].Lower is not ("stated" or "said" or "reported" or "announced" or "written" or "published" or "contained" or "set")
                || t[i + 3].Lower is not ("in" or "by" or "out"))
            {
                continue;
            }

            var cueEnd = t[i + 3].Lower == "out" && i + 4 <= sentence.Last && t[i + 4].Lower == "in" ? i + 4 : i + 3;
            (int, int)? source = null;
            for (var j = cueEnd; j <= sentence.Last && j < cueEnd + 12; j++)
            {
                if (t[j].Lower == "by" && ForwardPhrase(block, j + 1, sentence.Last) is { } agent)
                {
                    source = agent;
                    break;
                }
            }

            source ??= ForwardPhrase(block, cueEnd + 1, sentence.Last);
            if (source is null)
            {
                continue;
            }

            _introducer = new Draft
            {
                Source = source,
                Cue = (t[i].Start, t[cueEnd].End),
                Content = (t[sentence.First].Start, t[sentence.Last].End),
                Kind = AttributionKind.Reported,
                Confidence = 0.6,
                BlockIndex = block.Index,
            };
            _hidden.Add(_introducer);
            for (var j = i; j <= cueEnd; j++)
            {
                _usedCues.Add(t[j].Start);
            }

            return;
        }
    }

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
        var draft = new Draft
        {
            Source = source,
            Cue = cue,
            CueLemma = lemma,
            Content = content,
            Kind = AttributionKind.Reported,
            Confidence = confidence,
            BlockIndex = block.Index,
            SpeakerFrom = speakerFrom,
        };
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
                _colonIntro = NewDraft(block, source, i, lemma, negated, (t[i].Start, t[i].End), 0.6, speakerFrom);
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
        var draft = NewDraft(block, source, i, lemma, negated, span, confidence, speakerFrom);
        draft.ContentTail = tail;
        _usedCues.Add(t[i].Start);
        _drafts.Add(draft);
        if (i + 3 <= sentence.Last && t[i + 1].Is("in") && t[i + 2].Lower is "a" or "the" && DocumentWords.Contains(t[i + 3].Lower))
        {
            _introducer = draft; // "X said in a statement": the statement's words may follow without a cue
        }
    }

    private static Draft NewDraft(Block block, (int Start, int End)? source, int cueIndex, string lemma, bool negated, (int Start, int End) content, double confidence, Draft? speakerFrom) => new()
    {
        Source = source,
        Cue = (block.Tokens[cueIndex].Start, block.Tokens[cueIndex].End),
        CueLemma = lemma,
        Negated = negated,
        Content = content,
        Kind = AttributionKind.Reported,
        Confidence = confidence,
        BlockIndex = block.Index,
        SpeakerFrom = source is null ? speakerFrom : null,
    };

    /// <summary>Where the reported content starts after the cue: past an addressee ("told the press"), adverbials up to "that", a colon.</summary>
    private (int Index, bool ViaThat) ContentStart(Block block, (int First, int Last) sentence, int p, string lemma)
    {
        var t = block.Tokens;
        if (p > sentence.Last)
        {
            return (-1, false);
        }

        // "that" within reach, with no punctuation before it: "announced on Friday that", "told LA Weekly that".
        for (var j = p; j <= sentence.Last && j < p + 8; j++)
        {
            if (t[j].Is("that"))
            {
                return (j + 1 <= sentence.Last ? j + 1 : -1, true);
            }

            if (t[j].Kind != TokenKind.Word || Lexicon.CueLemma(t[j].Lower) is not null)
            {
                break;
            }
        }

        if (t[p].Is("to") && !(p + 1 <= sentence.Last && char.IsUpper(_text[t[p + 1].Start])))
        {
            return (-1, false); // "told to prepare": an order, not speech
        }

        if (Lexicon.Telling.Contains(lemma) || t[p].Is("to"))
        {
            var j = t[p].Is("to") ? p + 1 : p;
            if (j <= sentence.Last && ObjectPronouns.Contains(t[j].Lower))
            {
                j++;
            }
            else if (j <= sentence.Last && t[j].IsWord && char.IsUpper(_text[t[j].Start]))
            {
                while (j <= sentence.Last && j < p + 6 && t[j].IsWord && (char.IsUpper(_text[t[j].Start]) || t[j].Lower is "of" or "the"))
                {
                    j++;
                }
            }
            else if (j <= sentence.Last && t[j].Lower is "the" or "a" or "an" or "his" or "her" or "their")
            {
                var k = j + 1;
                while (k <= sentence.Last && k < j + 4 && t[k].IsWord)
                {
                    k++;
                }

                if (k <= sentence.Last && t[k].Lower is "," or ":")
                {
                    j = k;
                }
            }

            p = j;
        }

        while (p <= sentence.Last && t[p].Lower is "," or ":" or "\u2014" or "-")
        {
            p++;
        }

        return (p <= sentence.Last ? p : -1, false);
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

    private bool HasDraftsIn(Block block)
    {
        for (var i = _drafts.Count - 1; i >= 0 && _drafts[i].BlockIndex >= block.Index; i--)
        {
            if (_drafts[i].BlockIndex == block.Index && _drafts[i].Kind != AttributionKind.Credit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The source of a quote that continues the quotation of the paragraph before, when that paragraph ended with a colon.</summary>
    private Draft? ContinuationSource(Block block) => _colonIntro is { } intro && _colonBlock == block.Index - 1 ? intro : null;

    /// <summary>The last attribution with a speaker before <paramref name="position"/>, in this block or up to <paramref name="maxBlocksBack"/> before.</summary>
    private Draft? LastDraft(int blockIndex, int position, int maxBlocksBack = 2)
    {
        for (var i = _drafts.Count - 1; i >= 0 && _drafts[i].BlockIndex >= blockIndex - maxBlocksBack; i--)
        {
            var d = _drafts[i];
            if (d.Content.Start < position && d.Kind != AttributionKind.Credit && (d.Source is not null || d.SpeakerFrom is not null))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>
    /// The subject of the verb at <paramref name="cue"/>, going left: past auxiliaries and adverbs ("has also"), past an
    /// apposition between commas ("X, a spokesman, said" is X), over the words of a noun phrase, up to its determiner.
    /// </summary>
    private static (int Start, int End)? SubjectBefore(Block block, int cue, int first, out bool negated)
    {
        var t = block.Tokens;
        negated = false;
        var end = cue - 1;
        while (end >= first && end >= cue - 4 && Lexicon.BetweenSubjectAndVerb.Contains(t[end].Lower) && !t[end].Is("who") && !t[end].Is("which"))
        {
            negated |= Lexicon.Negations.Contains(t[end].Lower);
            end--;
        }

        if (end >= first && t[end].Lower == ",")
        {
            var comma = -1;
            for (var j = end - 1; j >= first && j >= end - 16; j--)
            {
                if (t[j].Lower == ",")
                {
                    comma = j;
                    break;
                }

                if (t[j].Kind != TokenKind.Word && t[j].Lower is not ("." or "&" or "-"))
                {
                    break;
                }
            }

            if (comma <= first)
            {
                return null; // "…, said X" or "…, X said": the subject is not before the comma
            }

            end = comma - 1;
        }

        if (end < first || t[end].Kind != TokenKind.Word)
        {
            return null;
        }

        if (Lexicon.PersonalPronouns.Contains(t[end].Lower))
        {
            return (t[end].Start, t[end].End);
        }

        var start = end;
        for (var j = end; j >= first && end - j < MaxSourceTokens; j--)
        {
            var word = t[j];
            if (word.Kind != TokenKind.Word || Lexicon.SubjectStops.Contains(word.Lower) || Lexicon.PersonalPronouns.Contains(word.Lower) || Lexicon.CueLemma(word.Lower) is not null && j != end)
            {
                break;
            }

            start = j;
            if (Lexicon.Determiners.Contains(word.Lower) && !(j > first && t[j - 1].Lower is "of" or "for"))
            {
                break; // the phrase starts here, unless it is the inner one of "the head of the party"
            }
        }

        while (start < end && t[start].Lower is "of" or "for" or "from")
        {
            start++;
        }

        if (Lexicon.SubjectStops.Contains(t[start].Lower) || Lexicon.SubjectStops.Contains(t[end].Lower) || !t.Skip(start).Take(end - start + 1).Any(w => w.Lower.Any(char.IsLetter)))
        {
            return null;
        }

        return (t[start].Start, t[end].End);
    }

    /// <summary>A source named after its cue ("said Ambassador Mohib", "according to Yonhap news agency"): words up to punctuation or a clause word.</summary>
    private static (int Start, int End)? ForwardPhrase(Block block, int from, int last)
    {
        var t = block.Tokens;
        if (from > last || from >= t.Count || t[from].Kind != TokenKind.Word)
        {
            return null;
        }

        var end = -1;
        for (var j = from; j <= last && j < t.Count && j - from < MaxSourceTokens; j++)
        {
            var word = t[j];
            if (word.Kind != TokenKind.Word || (j > from && (Lexicon.SubjectStops.Contains(word.Lower) && word.Lower is not ("of" or "for")
                || word.Lower is "regarding" or "concerning" or "quoting" or "citing" or "who" or "which")))
            {
                break;
            }

            end = j;
        }

        while (end > from && t[end].Lower is "of" or "for" or "the" or "a" or "and")
        {
            end--;
        }

        return end < from || Lexicon.SubjectStops.Contains(t[from].Lower) && !Lexicon.Determiners.Contains(t[from].Lower) ? null : (t[from].Start, t[end].End);
    }

    /// <summary>
    /// The last token of reported content that starts at <paramref name="first"/>: the sentence's last, or the token
    /// before a second reporting verb of the same subject ("said the project was too expensive and claimed that …"),
    /// whose content is its own attribution.
    /// </summary>
    private int CoordinatedCueBefore(Block block, int first, int last)
    {
        var t = block.Tokens;
        // Within the longest content taken at all, so that a sentence of a megabyte costs no more than one of a page.
        for (var k = first + 1; k < last && t[k].Start - t[first].Start <= MaxReportedChars; k++)
        {
            if (t[k].Lower is "and" or "but" && CueAt(t, k + 1) is { } lemma && Lexicon.IsStrong(lemma))
            {
                return t[k - 1].Lower == "," ? k - 2 : k - 1;
            }
        }

        return last;
    }

    /// <summary>The reporting verb at token <paramref name="i"/>, as a lemma, or null.</summary>
    private string? CueAt(List<Token> t, int i)
    {
        if (!t[i].IsWord || QuoteAt(t[i].Start) is not null && t[i].Kind != TokenKind.Quote && IsInsideQuoteContent(t[i].Start))
        {
            return null;
        }

        return Lexicon.CueLemma(t[i].Lower);
    }

    private bool IsInsideQuoteContent(int position) => QuoteAt(position) is { } q && position > q.Open && position < q.Close;

    /// <summary>The UTF-16 range from token <paramref name="first"/> to token <paramref name="last"/> (inclusive), or null when empty.</summary>
    private static (int Start, int End)? Range(Block block, int first, int last) =>
        first <= last && first >= 0 && last < block.Tokens.Count ? (block.Tokens[first].Start, block.Tokens[last].End) : null;

    /// <summary>The index of the first token of the block at or after the UTF-16 index.</summary>
    private static int IndexAt(Block block, int position)
    {
        var lo = 0;
        var hi = block.Tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (block.Tokens[mid].Start < position)
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

    private (int Start, int End) Trim((int Start, int End) span)
    {
        var (start, end) = span;
        while (start < end && (char.IsWhiteSpace(_text[start]) || TextScanner.IsInvisible(_text[start])))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(_text[end - 1]) || TextScanner.IsInvisible(_text[end - 1])))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>How many words the span holds, counting no further than <paramref name="enough"/>.</summary>
    private int WordCount((int Start, int End) span, int enough)
    {
        var count = 0;
        var inWord = false;
        for (var i = span.Start; i < span.End && count < enough; i++)
        {
            var letter = char.IsLetterOrDigit(_text[i]) || char.IsSurrogate(_text[i]);
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }
}
