namespace ClaimsApi.Extraction;

/// <summary>
/// The rules, one method per way of attributing, each looking at a bounded window of tokens: credits and introducers
/// here, quotations in Document.Quotes.cs, reported speech in Document.Reported.cs, the phrases they share in
/// Document.Phrases.cs.
/// </summary>
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
}
