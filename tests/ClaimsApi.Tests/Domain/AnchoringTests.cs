using ClaimsApi.Domain.Text;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>
/// Anchoring quotes in an article (<see cref="Anchoring.InArticle"/>) and in a statement (<see cref="Anchoring.InStatement"/>),
/// and finding a quote again after its text changed (<see cref="Anchoring.Again"/>).
/// </summary>
public sealed class AnchoringTests
{
    /// <summary>
    /// Text over a small alphabet, so that quotes repeat, with an astral character and a combining accent, so that
    /// code point offsets differ from UTF-16 indices.
    /// </summary>
    private static readonly Gen<string> Text = Gen.OneOf("a", "b", " ", "😀", "e\u0301", "\u202E").Array[1, 30].Select(string.Concat);

    /// <summary>A text and a quote from it (code points <c>Start</c> to <c>End</c>), with some of the text before and after it as prefix and suffix.</summary>
    private static readonly Gen<Quoted> Quotes =
        from text in Text
        let length = CodePoints.Length(text)
        from start in Gen.Int[0, length - 1]
        from end in Gen.Int[start + 1, length]
        from before in Gen.Int[0, start]
        from after in Gen.Int[0, length - end]
        select new Quoted(
            text, start, end,
            before == 0 ? null : CodePoints.Slice(text, start - before, start),
            after == 0 ? null : CodePoints.Slice(text, end, end + after));

    [Fact]
    public void AQuoteAnchoredInAnArticleIsItsOnlyOccurrenceAndSlicesToItselfInCodePoints()
    {
        Quotes.Sample(q =>
        {
            var exact = CodePoints.Slice(q.Text, q.Start, q.End);
            var occurrences = Occurrences(q.Text, exact, q.Prefix, q.Suffix, 0, CodePoints.Length(q.Text));

            var span = Anchoring.InArticle(q.Text, exact, q.Prefix, q.Suffix, out var problem);

            if (occurrences.Count == 1)
            {
                Assert.Null(problem);
                Assert.Equal(new Anchored(occurrences[0], occurrences[0] + CodePoints.Length(exact), exact), span);
                Assert.Equal(exact, CodePoints.Slice(q.Text, span!.Start, span.End));
            }
            else
            {
                Assert.Null(span);
                Assert.Contains($"occurs {occurrences.Count} times in the article", problem, StringComparison.Ordinal);
            }
        }, print: q => q.ToString());
    }

    [Fact]
    public void AQuoteThatIsNotInTheArticleIsNotFound()
    {
        Text.Sample(text =>
        {
            var span = Anchoring.InArticle(text, text + "c", null, null, out var problem);

            Assert.Null(span);
            Assert.EndsWith("was not found in the article", problem, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EvidenceAnchoredInAStatementStaysInsideItAndSlicesToTheQuote()
    {
        var cases =
            from q in Quotes
            let length = CodePoints.Length(q.Text)
            from statementStart in Gen.Int[0, q.Start]
            from statementEnd in Gen.Int[q.End, length]
            from whole in Gen.Bool
            select (Quote: q, From: statementStart, To: statementEnd, Whole: whole);

        cases.Sample(c =>
        {
            var (q, start, end) = (c.Quote, c.From, c.To);
            var exact = c.Whole ? null : CodePoints.Slice(q.Text, q.Start, q.End);

            var span = Anchoring.InStatement(q.Text, "s", start, end, exact, q.Prefix, q.Suffix, out var problem);

            if (exact is null)
            {
                Assert.Equal(new Anchored(start, end, CodePoints.Slice(q.Text, start, end)), span);
                return;
            }

            var occurrences = Occurrences(q.Text, exact, q.Prefix, q.Suffix, start, end);
            Assert.Equal(occurrences.Count == 1, span is not null);
            if (span is not null)
            {
                Assert.Equal(exact, span.Text);
                Assert.Equal(exact, CodePoints.Slice(q.Text, span.Start, span.End));
                Assert.InRange(span.Start, start, end);
                Assert.InRange(span.End, span.Start, end);
            }
            else
            {
                Assert.Contains("statement 's'", problem, StringComparison.Ordinal);
            }
        }, print: c => c.ToString());
    }

    [Fact]
    public void AQuoteFoundAgainAfterAnEditIsTheSameTextInsideTheNewWindow()
    {
        var cases =
            from q in Quotes
            let length = CodePoints.Length(q.Text)
            from at in Gen.Int[0, length]
            from cut in Gen.Int[0, length - at]
            from inserted in Text
            select (Quote: q, At: at, Cut: cut, Inserted: inserted);

        cases.Sample(c =>
        {
            var old = c.Quote.Text;
            var edited = CodePoints.Slice(old, 0, c.At) + c.Inserted + CodePoints.Slice(old, c.At + c.Cut, CodePoints.Length(old));
            var length = CodePoints.Length(edited);

            var span = Anchoring.Again(old, 0, CodePoints.Length(old), c.Quote.Start, c.Quote.End, edited, 0, length, "the text", out var problem);

            if (span is null)
            {
                Assert.NotNull(problem);
                return;
            }

            Assert.Equal(CodePoints.Slice(old, c.Quote.Start, c.Quote.End), span.Text);
            Assert.Equal(span.Text, CodePoints.Slice(edited, span.Start, span.End));
            Assert.InRange(span.Start, 0, length);
            Assert.InRange(span.End, span.Start, length);
        }, print: c => c.ToString());
    }

    /// <summary>Where <paramref name="exact"/> occurs with its prefix and suffix inside from..to (code points), by brute force.</summary>
    private static List<int> Occurrences(string text, string exact, string? prefix, string? suffix, int from, int to)
    {
        var (e, p, s) = (CodePoints.Length(exact), CodePoints.Length(prefix ?? ""), CodePoints.Length(suffix ?? ""));
        return [.. Enumerable.Range(from, Math.Max(0, to - from - e + 1))
            .Where(i => i - p >= from && i + e + s <= to)
            .Where(i => CodePoints.Slice(text, i - p, i + e + s) == (prefix ?? "") + exact + (suffix ?? ""))];
    }

    private sealed record Quoted(string Text, int Start, int End, string? Prefix, string? Suffix);

    [Fact]
    public void AQuoteThatOccursOnceIsFoundWhereverItMoved()
    {
        const string before = "Seoul said no.";
        const string after = "First, 🇰🇵 news. Seoul said no.";

        var span = Anchoring.Again(before, 0, 14, 6, 13, after, 0, CodePoints.Length(after), "the text", out var problem);

        Assert.Null(problem);
        Assert.Equal(new Anchored(CodePoints.Length("First, 🇰🇵 news. Seoul "), CodePoints.Length("First, 🇰🇵 news. Seoul said no"), "said no"), span);
    }

    [Fact]
    public void AQuoteThatOccurredTwiceIsToldApartByTheTextAroundItBefore()
    {
        const string before = "Seoul said no. Tokyo said no.";
        const string after = "Seoul said no, twice. Tokyo said no.";

        var span = Anchoring.Again(before, 0, before.Length, 21, 28, after, 0, after.Length, "the text", out _);

        Assert.Equal(after.IndexOf("said no.", StringComparison.Ordinal), span?.Start);
    }

    [Fact]
    public void AQuoteThatIsGoneIsReported()
    {
        var span = Anchoring.Again("Seoul said no.", 0, 14, 6, 13, "Seoul said yes.", 0, 15, "the new text", out var problem);

        Assert.Null(span);
        Assert.Equal("text \"said no\" is no longer in the new text", problem);
    }

    [Fact]
    public void AQuoteWhoseContextNoLongerTellsWhichIsReported()
    {
        const string before = "no no";
        const string after = "no no no";

        var span = Anchoring.Again(before, 0, 5, 3, 5, after, 0, 8, "the new text", out var problem);

        Assert.Null(span);
        Assert.Contains("occurs 3 times in the new text", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOccurrenceToldApartOnlyByItsStartIsFoundAgainByIt()
    {
        var span = Anchoring.Again("no no", 0, 5, 3, 5, "no, no", 0, 6, "the new text", out _);

        Assert.Equal(new Anchored(4, 6, "no"), span);
    }

    [Fact]
    public void TheSearchStaysInsideTheNewWindow()
    {
        const string text = "said no. Then: said no again.";

        var span = Anchoring.Again(text, 0, 7, 0, 7, text, 9, text.Length, "the statement", out _);

        Assert.Equal(text.LastIndexOf("said no", StringComparison.Ordinal), span?.Start);
    }

    [Fact]
    public void InsertingTextNeverMovesAQuoteToAnotherOccurrence()
    {
        // Texts over "ab" with a run of 'c' inserted outside the quote: every match after the insertion was a match
        // before it, so the quote is found where it was (shifted), or not at all — never at another occurrence.
        var cases =
            from text in Gen.Char["ab"].Array[1, 40].Select(a => new string(a))
            from x in Gen.Int[0, text.Length - 1]
            from y in Gen.Int[x + 1, text.Length]
            from at in Gen.Int[0, text.Length]
            from length in Gen.Int[0, 3]
            where at <= x || at >= y
            select (Text: text, Start: x, End: y, At: at, Insert: new string('c', length));

        cases.Sample(c =>
        {
            var edited = c.Text.Insert(c.At, c.Insert);
            var shift = c.At <= c.Start ? c.Insert.Length : 0;

            var span = Anchoring.Again(c.Text, 0, c.Text.Length, c.Start, c.End, edited, 0, edited.Length, "the text", out _);

            Assert.True(span is null || (span.Start == c.Start + shift && span.End == c.End + shift), $"{c} → {span}");
        });
    }
}
