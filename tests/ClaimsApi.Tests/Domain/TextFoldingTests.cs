using System.Globalization;
using System.Text;
using ClaimsApi.Domain;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

public sealed class TextFoldingTests
{
    /// <summary>
    /// One assigned code point as a string, weighted towards what folding touches: letters with diacritics,
    /// combining marks, white space, curly quotes, dashes, Cyrillic and Greek, compatibility characters and astral letters.
    /// </summary>
    private static readonly Gen<string> CodePoint = Gen.Frequency(
        (3, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.Char[" \t\n\r\u00A0\u2003\u3000"].Select(c => c.ToString())),
        (2, Gen.Char["‘’“”«»ʼ`\u2010\u2011\u2012\u2013\u2014"].Select(c => c.ToString())),
        (2, Range(0x00C0, 0x024F)),
        (2, Range(0x0300, 0x036F)),
        (2, Range(0x0370, 0x04FF)),
        (1, Range(0x1E00, 0x1EFF)),
        (1, Range(0x2150, 0x218F)),
        (1, Range(0xFB00, 0xFB4F)),
        (1, Range(0xFF00, 0xFFEF)),
        (1, Range(0xAC00, 0xD7A3)),
        (1, Range(0x0080, 0xFFFF)),
        (1, Range(0x1D400, 0x1D7FF)),
        (1, Range(0x10000, 0x10FFFF)));

    private static readonly Gen<string> Text = CodePoint.Array[0, 30].Select(string.Concat);

    [Theory]
    [InlineData("the DPRK")]
    [InlineData("The DPRK")]
    [InlineData("The  DPRK")]
    [InlineData("thé dprk")]
    [InlineData("THE DPRK")]
    [InlineData("  the\tDPRK\n")]
    [InlineData("the\u00A0DPRK")]
    [InlineData("the d\u0301prk")]
    public void SpellingsOfTheDprkFoldToOneKey(string spelling)
    {
        Assert.Equal("the dprk", TextFolding.Fold(spelling));
    }

    [Theory]
    [InlineData("Workers’ Party")]
    [InlineData("Workers‘ Party")]
    [InlineData("Workersʼ Party")]
    [InlineData("Workers` Party")]
    public void CurlyApostrophesFoldToTheStraightOne(string spelling)
    {
        Assert.Equal(TextFolding.Fold("Workers' Party"), TextFolding.Fold(spelling));
    }

    [Theory]
    [InlineData("“liberation”")]
    [InlineData("«liberation»")]
    public void CurlyQuotesAndGuillemetsFoldToStraightDoubleQuotes(string spelling)
    {
        Assert.Equal("\"liberation\"", TextFolding.Fold(spelling));
    }

    [Theory]
    [InlineData("Russo–Ukrainian")]
    [InlineData("Russo—Ukrainian")]
    [InlineData("Russo‐Ukrainian")]
    [InlineData("Russo‑Ukrainian")]
    public void DashesFoldToAHyphen(string spelling)
    {
        Assert.Equal("russo-ukrainian", TextFolding.Fold(spelling));
    }

    [Fact]
    public void CyrillicCapitalsFoldToLowerCase()
    {
        Assert.Equal("москва", TextFolding.Fold("МОСКВА"));
    }

    [Fact]
    public void CyrillicSpellingsDifferingOnlyInCaseFoldEqual()
    {
        Assert.Equal(TextFolding.Fold("Корейская Народная Армия"), TextFolding.Fold("корейская народная армия"));
    }

    [Fact]
    public void DifferentNamesStayDifferent()
    {
        Assert.NotEqual(TextFolding.Fold("North Korea"), TextFolding.Fold("South Korea"));
    }

    [Fact]
    public void EmptyAndBlankTextFoldToEmpty()
    {
        Assert.Equal("", TextFolding.Fold(" \t\n "));
    }

    [Fact]
    public void FoldingIsIdempotent()
    {
        Text.Sample(text =>
        {
            var once = TextFolding.Fold(text);
            Assert.Equal(once, TextFolding.Fold(once));
        }, iter: 5_000, print: Escape);
    }

    [Fact]
    public void FoldedTextHasSingleSpacesAndNoSpaceAtEitherEnd()
    {
        Text.Sample(text =>
        {
            var folded = TextFolding.Fold(text);
            return folded.Trim() == folded && !folded.Contains("  ", StringComparison.Ordinal) && !folded.Any(c => char.IsWhiteSpace(c) && c != ' ');
        }, iter: 5_000, print: Escape);
    }

    [Fact]
    public void FoldedTextHasNoCombiningMarks()
    {
        Text.Sample(text => !TextFolding.Fold(text).Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark), iter: 5_000, print: Escape);
    }

    [Fact]
    public void AsciiTextFoldsTheSameWhateverItsCase()
    {
        Gen.Char[' ', '~'].Array[0, 30].Select(a => new string(a)).Sample(
            text => TextFolding.Fold(text.ToUpperInvariant()) == TextFolding.Fold(text.ToLowerInvariant()));
    }

    private static Gen<string> Range(int first, int last) =>
        Gen.Int[first, last]
            .Where(i => i is < 0xD800 or > 0xDFFF && Rune.GetUnicodeCategory(new Rune(i)) != UnicodeCategory.OtherNotAssigned)
            .Select(char.ConvertFromUtf32);

    private static string Escape(string text) => string.Concat(text.EnumerateRunes().Select(r => r.Value < 0x7F && r.Value >= 0x20 ? r.ToString() : $"\\u{{{r.Value:X}}}"));

    [Theory]
    [InlineData("a\uFFFEb", "ab")]
    [InlineData("\uFFFEDPRK", "dprk")]
    public void NoncharactersThatNormalisationRefusesAreDroppedRatherThanThrown(string value, string folded) => Assert.Equal(folded, TextFolding.Fold(value));
}
