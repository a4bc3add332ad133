namespace ClaimsApi.Extraction;

/// <summary>An attribution being built: UTF-16 ranges, resolved to code points and speakers at the end.</summary>
internal sealed class Draft
{
    public (int Start, int End)? Source { get; set; }
    public (int Start, int End)? Cue { get; set; }
    public required (int Start, int End) Content { get; set; }

    /// <summary>The rest of a content split by a parenthetical cue ("A, X said, B"): part of the claims, not of the span.</summary>
    public (int Start, int End)? ContentTail { get; set; }
    public required AttributionKind Kind { get; set; }
    public required double Confidence { get; set; }
    public string? CueLemma { get; set; }
    public bool Negated { get; set; }

    /// <summary>For a source named elsewhere (agentless cue, block quote, continued quote): the attribution it borrows its speaker from.</summary>
    public Draft? SpeakerFrom { get; set; }

    /// <summary>Content that is a noun phrase after a cue noun ("announcement of …"): it holds no partial quotes.</summary>
    public bool Nominal { get; set; }
    public (int Start, int End)? Antecedent { get; set; }
    public Speaker? Speaker { get; set; }
    public int BlockIndex { get; set; }
}

/// <summary>
/// One extraction: the article's blocks with their tokens, sentences and quotes, and the attributions found so far.
/// Split by concern: the passes (this file), the rules of each kind (Document.Rules.cs), the speakers and claims
/// (Document.Resolve.cs).
/// </summary>
internal sealed partial class Document
{
    private readonly string _text;
    private readonly EntityLexicon _entities;
    private readonly List<Block> _blocks = [];
    private readonly List<QuoteRegion> _quotes = [];

    /// <summary>The blocks that hold a quotation mark of a quote.</summary>
    private readonly HashSet<int> _quoted = [];
    private readonly List<Draft> _drafts = [];
    private readonly HashSet<int> _usedCues = [];

    /// <summary>Attributions that name a source for others (introducers, "X said:" before a block quote) and are not proposed themselves.</summary>
    private readonly List<Draft> _hidden = [];
    private readonly OffsetMap _offsets;
    private List<EntityLexicon.Found> _mentions = [];

    /// <summary>The source a document or statement introduced ("This is stated in a statement by X"): agentless cues and unmarked quotes are its.</summary>
    private Draft? _introducer;

    /// <summary>"She continued:" at the end of a paragraph: the next paragraph is hers.</summary>
    private Draft? _colonIntro;
    private int _colonBlock = -2;

    public Document(string text, List<(int Start, int End, bool IsBody)> blocks, EntityLexicon entities)
    {
        _text = text;
        _entities = entities;
        _offsets = new OffsetMap(text);
        for (var i = 0; i < blocks.Count; i++)
        {
            var (start, end, isBody) = blocks[i];
            var tokens = TextScanner.Tokenize(text, start, end);
            _blocks.Add(new Block(i, start, end, isBody, tokens, TextScanner.Sentences(text, tokens)));
        }
    }

    public void Run(CancellationToken ct)
    {
        FindQuotes();
        foreach (var quote in _quotes)
        {
            for (var b = quote.FirstBlock; b <= quote.LastBlock; b++)
            {
                _quoted.Add(b);
            }
        }

        _mentions = [.. _blocks.SelectMany(b => _entities.FindAll(_text, b.Start, b.End))];
        foreach (var block in _blocks)
        {
            ct.ThrowIfCancellationRequested();
            FindCredit(block);
            foreach (var sentence in block.Sentences)
            {
                FindIntroducer(block, sentence);
            }

            foreach (var quote in QuotesOpeningIn(block))
            {
                FindDirect(block, quote);
            }

            foreach (var sentence in block.Sentences)
            {
                FindReported(block, sentence);
            }

            FindBlockQuote(block);
        }

        FindPartials();
        ResolveSpeakers();
    }

    /// <summary>
    /// Pairs quotation marks through the article: typographic marks by their direction, straight ones by where they
    /// stand (before a word: opening; after one: closing), single marks only as quotes within quotes or as scare quotes.
    /// A quote still open at the end of a paragraph runs on when the next paragraph opens with a quotation mark
    /// (the convention for a quotation across paragraphs); otherwise it ends with its paragraph, unclosed.
    /// </summary>
    private void FindQuotes()
    {
        (int Open, int Block, bool Double)? open = null;
        for (var b = 0; b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            var marks = block.Tokens.Where(t => t.Kind == TokenKind.Quote).ToList();
            for (var m = 0; m < marks.Count; m++)
            {
                var at = marks[m].Start;
                var c = _text[at];
                var isDouble = TextScanner.IsDoubleMark(c);
                var opening = TextScanner.IsOpeningQuote(_text, at);
                var closing = TextScanner.IsClosingQuote(_text, at);
                if (open is { } o && o.Block < b && m == 0 && opening && o.Double == isDouble)
                {
                    continue; // the paragraph reopens the quote that runs on from the last one
                }

                if (open is { } current)
                {
                    // A mark of the other kind inside a quote (a quote within the quote) is not a region of its own.
                    if (isDouble == current.Double && (closing || !opening))
                    {
                        _quotes.Add(new QuoteRegion(current.Open, at, true, current.Double, current.Block, b));
                        open = null;
                    }
                    else if (opening && isDouble == current.Double)
                    {
                        // Two openings in a row: the first was never closed; it ends before this one.
                        _quotes.Add(new QuoteRegion(current.Open, PreviousNonSpace(at), false, current.Double, current.Block, b));
                        open = (at, b, isDouble);
                    }

                    continue;
                }

                if (opening && (isDouble || IsSingleQuoteOpening(at, block)))
                {
                    open = (at, b, isDouble);
                }
            }

            if (open is { } pending && pending.Block <= b)
            {
                var reopens = b + 1 < _blocks.Count && _blocks[b + 1].Tokens is [{ Kind: TokenKind.Quote } first, ..]
                    && TextScanner.IsOpeningQuote(_text, first.Start) && TextScanner.IsDoubleMark(_text[first.Start]) == pending.Double;
                if (!reopens)
                {
                    _quotes.Add(new QuoteRegion(pending.Open, block.End, false, pending.Double, pending.Block, b));
                    open = null;
                }
            }
        }
    }

    /// <summary>A single mark opens a quote only when a closing single mark follows in the same paragraph (else it is an apostrophe).</summary>
    private bool IsSingleQuoteOpening(int at, Block block)
    {
        for (var i = at + 1; i < block.End && i < at + 200; i++)
        {
            var c = _text[i];
            if (c is '\'' or '\u2019' && TextScanner.IsClosingQuote(_text, i) && !(i + 1 < block.End && char.IsLetter(_text[i + 1])))
            {
                return !(c == '\'' && _text[i - 1] is 's' && i + 1 < block.End && _text[i + 1] == ' ' && i + 2 < block.End && char.IsLower(_text[i + 2]));
            }

            if (c is '\u2018' or '"' or '\u201C' or '\u201D')
            {
                return false;
            }
        }

        return false;
    }

    private int PreviousNonSpace(int at)
    {
        while (at > 0 && char.IsWhiteSpace(_text[at - 1]))
        {
            at--;
        }

        return at;
    }

    private IEnumerable<QuoteRegion> QuotesOpeningIn(Block block)
    {
        for (var q = FirstQuoteFrom(block.Start); q < _quotes.Count && _quotes[q].FirstBlock == block.Index; q++)
        {
            yield return _quotes[q];
        }
    }

    /// <summary>The quote region that contains the UTF-16 index, if any.</summary>
    private QuoteRegion? QuoteAt(int index)
    {
        var lo = 0;
        var hi = _quotes.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var q = _quotes[mid];
            if (index < q.Open)
            {
                hi = mid - 1;
            }
            else if (index > q.Close)
            {
                lo = mid + 1;
            }
            else
            {
                return q;
            }
        }

        return null;
    }

    private string Slice((int Start, int End) span) => _text[span.Start..span.End];

    private TextSpan Span((int Start, int End) span) =>
        new(_offsets.ToCodePoint(span.Start), _offsets.ToCodePoint(span.End), Slice(span));
}
