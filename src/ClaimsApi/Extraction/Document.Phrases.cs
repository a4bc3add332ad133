namespace ClaimsApi.Extraction;

/// <summary>
/// The phrases and positions the rules share: a cue's subject, a phrase after a word, where reported content starts
/// and ends, token and character ranges.
/// </summary>
internal sealed partial class Document
{
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
}
