using System.Text;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

public sealed class CodePointsTests
{
    /// <summary>One code point as a string: mostly ASCII, some other BMP characters, some astral (surrogate pairs).</summary>
    private static readonly Gen<string> CodePoint = Gen.Frequency(
        (4, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.Int[0x80, 0xFFFF].Where(i => i is < 0xD800 or > 0xDFFF).Select(i => ((char)i).ToString())),
        (3, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    private static readonly Gen<string> Text = CodePoint.Array[0, 40].Select(string.Concat);

    /// <summary>A text and two code point indices into it, in order.</summary>
    private static readonly Gen<(string Text, int Start, int End)> TextAndRange =
        from text in Text
        let length = text.EnumerateRunes().Count()
        from a in Gen.Int[0, length]
        from b in Gen.Int[0, length]
        select (text, Math.Min(a, b), Math.Max(a, b));

    [Fact]
    public void LengthIsTheNumberOfRunes()
    {
        Text.Sample(text => Assert.Equal(SeedText.CountRunes(text), CodePoints.Length(text)));
    }

    [Fact]
    public void TheCursorAgreesWithFromUtf16AtIndicesMetInAnyOrder()
    {
        (from text in Text
         let length = SeedText.CountRunes(text)
         from indices in Gen.Int[0, length].Array[1, 8]
         select (text, indices)).Sample(sample =>
        {
            var cursor = new CodePoints.Cursor(sample.text);
            foreach (var codePoint in sample.indices)
            {
                var utf16 = CodePoints.ToUtf16(sample.text, codePoint);
                Assert.Equal(CodePoints.FromUtf16(sample.text, utf16), cursor.At(utf16));
            }
        });
    }

    [Fact]
    public void ToUtf16ThenFromUtf16GivesBackEveryCodePointIndex()
    {
        Text.Sample(text =>
        {
            for (var i = 0; i <= SeedText.CountRunes(text); i++)
            {
                Assert.Equal(i, CodePoints.FromUtf16(text, CodePoints.ToUtf16(text, i)));
            }
        });
    }

    [Fact]
    public void FromUtf16ThenToUtf16GivesBackEveryIndexBetweenCodePoints()
    {
        Text.Sample(text =>
        {
            for (var j = 0; j <= text.Length; j++)
            {
                var insidePair = j > 0 && j < text.Length && char.IsSurrogatePair(text[j - 1], text[j]);
                if (!insidePair)
                {
                    Assert.Equal(j, CodePoints.ToUtf16(text, CodePoints.FromUtf16(text, j)));
                }
            }
        });
    }

    [Fact]
    public void SliceIsThePythonSliceOfTheRunes()
    {
        TextAndRange.Sample((text, start, end) =>
        {
            var expected = string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));
            Assert.Equal(expected, CodePoints.Slice(text, start, end));
        });
    }

    [Fact]
    public void SliceNeverSplitsASurrogatePair()
    {
        TextAndRange.Sample((text, start, end) =>
        {
            var slice = CodePoints.Slice(text, start, end);
            return slice.Length == 0 || (!char.IsLowSurrogate(slice[0]) && !char.IsHighSurrogate(slice[^1]));
        });
    }

    [Fact]
    public void AnEmojiIsOneCodePointButTwoUtf16Units()
    {
        const string text = "a\U0001F600b";

        Assert.Equal(3, CodePoints.Length(text));
        Assert.Equal(2, CodePoints.FromUtf16(text, 3));
        Assert.Equal(3, CodePoints.ToUtf16(text, 2));
        Assert.Equal("\U0001F600", CodePoints.Slice(text, 1, 2));
        Assert.Equal("b", CodePoints.Slice(text, 2, 3));
    }

    [Fact]
    public void AccentedLettersAndCurlyQuotesAreOneCodePointEach()
    {
        const string text = "“é€”";

        Assert.Equal(4, CodePoints.Length(text));
        Assert.Equal(4, text.Length);
        Assert.Equal(11, Encoding.UTF8.GetByteCount(text));
    }

    [Fact]
    public void LoneSurrogatesCountAsOneCodePointEach()
    {
        Assert.Equal(3, CodePoints.Length("\uD800x\uDC00"));
        Assert.Equal(2, CodePoints.Length("\uDC00\uD83D\uDE00"));
    }

    [Fact]
    public void CodePointIndexPastTheEndIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodePoints.ToUtf16("a\U0001F600", 3));
    }

    [Fact]
    public void Utf16IndexPastTheEndIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodePoints.FromUtf16("abc", 4));
    }

    [Fact]
    public void NegativeCodePointIndexIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodePoints.ToUtf16("abc", -1));
    }
}
