using ClaimsApi.Domain.Text;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>Finding a quote again after its text changed (<see cref="Anchoring.Again"/>).</summary>
public sealed class AnchoringTests
{
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
