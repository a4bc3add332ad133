using ClaimsApi.Curation;
using ClaimsApi.Domain;
using CsCheck;

namespace ClaimsApi.Tests.Curation;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Kim Jong-un decided to send troops.", "kim-jong-un-decided-to-send-troops")]
    [InlineData("  The \"liberation\" of Kursk!  ", "the-liberation-of-kursk")]
    [InlineData("Zürich’s café, Señor Dvořák", "zurich-s-cafe-senor-dvorak")]
    [InlineData("North Korea -- the DPRK", "north-korea-the-dprk")]
    [InlineData("2024 treaty, article 4", "2024-treaty-article-4")]
    public void ASlugIsTheFoldedTextInWordsAndARandomSuffix(string text, string stem)
    {
        var slug = Slugs.From(text);

        Assert.Matches($"^{stem}-[0-9a-f]{{6}}$", slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!! ???")]
    [InlineData("Всё пропало")]
    [InlineData("北朝鮮")]
    public void TextWithoutLatinLettersOrDigitsGivesTheSuffixAlone(string text)
    {
        Assert.Matches("^[0-9a-f]{6}$", Slugs.From(text));
    }

    [Fact]
    public void ALongTextIsCutToAboutFiftyCharactersAndNeverEndsInAHyphenBeforeTheSuffix()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("abcdefghi", 20)));

        Assert.Matches("^(abcdefghi-){4}abcdefghi-[0-9a-f]{6}$", slug);
    }

    [Fact]
    public void TwoSlugsOfOneTextDiffer()
    {
        Assert.NotEqual(Slugs.From("The same claim."), Slugs.From("The same claim."));
    }

    [Fact]
    public void EverySlugIsAValidId()
    {
        Gen.String.Sample(text => Ids.IsValid(Slugs.From(text)), iter: 5_000);
        Gen.Char[' ', '~'].Array[0, 200].Select(a => new string(a)).Sample(text => Ids.IsValid(Slugs.From(text)), iter: 5_000);
    }
}
