using ClaimsApi.Auth;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>
/// The grammars of what the API takes as names: record ids, key names, language tags and Wikidata ids. Each rule
/// accepts a generated string exactly when the documented grammar, written here by hand without a regular
/// expression, does; and no valid value stays valid with a line break, white space, an invisible character or a
/// look-alike letter added.
/// </summary>
public sealed class IdGrammarTests
{
    /// <summary>Characters that must never pass: line breaks, spaces of every kind, invisible and look-alike characters, other digits.</summary>
    private static readonly Gen<char> Hostile = Gen.Char[
        "\n\r\t \u000B\u000C\u0085\u00A0\u2028\u2029\u3000\u200B\u200D\u2060\uFEFF\u202E\u0301" + // breaks, spaces, invisibles
        "\u0430\u043E\u0435\u0440\u03BF\u0131\u0130\u212A\uFF41\uFF11" + // Cyrillic а о е р, Greek ο, dotless ı, İ, Kelvin K, fullwidth ａ １
        "\u0663\u06F1\u0966\u00B2\u00BD" + // Arabic-Indic, Persian and Devanagari digits, superscript two, one half
        "_.-/%:@+~!'\"\\\0\u007F"];

    private static readonly Gen<char> LowerAlphanumeric = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"];

    private static readonly Gen<char> Alphanumeric = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];

    [Fact]
    public void AnIdIsAcceptedExactlyWhenItFollowsTheGrammar()
    {
        var ids = Candidates(
            from first in LowerAlphanumeric
            from rest in Gen.Frequency((6, LowerAlphanumeric), (1, Gen.Const('-'))).Array[0, 85]
            select first + new string(rest));

        ids.Sample(id => Assert.Equal(IsId(id), Ids.IsValid(id)), iter: 20_000, print: Escape);
    }

    [Fact]
    public void AKeyNameIsAcceptedExactlyWhenItFollowsTheGrammar()
    {
        var names = Candidates(
            from first in Alphanumeric
            from rest in Gen.Frequency((8, Alphanumeric), (1, Gen.Char["._-"])).Array[0, 70]
            select first + new string(rest));

        names.Sample(name => Assert.Equal(IsKeyName(name), ApiKeyStore.IsValidName(name)), iter: 20_000, print: Escape);
    }

    [Fact]
    public void ALanguageTagIsAcceptedExactlyWhenItFollowsTheGrammar()
    {
        var tags = Candidates(
            from language in Gen.Char['a', 'z'].Array[2, 3]
            from subtags in Alphanumeric.Array[1, 9].Array[0, 4]
            select new string(language) + string.Concat(subtags.Select(s => "-" + new string(s))));

        tags.Sample(tag => Assert.Equal(IsLanguageTag(tag), ArticleBuilder.IsLanguageTag(tag)), iter: 20_000, print: Escape);
    }

    [Fact]
    public void AWikidataIdIsAcceptedExactlyWhenItFollowsTheGrammar()
    {
        var items = Candidates(
            from first in Gen.Char['0', '9']
            from rest in Gen.Char['0', '9'].Array[0, 21]
            select "Q" + first + new string(rest));

        items.Sample(item => Assert.Equal(IsWikidataId(item), EntityRules.IsWikidataId(item)), iter: 20_000, print: Escape);
    }

    [Fact]
    public void NoValidValueStaysValidWithALineBreakWhiteSpaceOrALookAlikeAdded()
    {
        var values = Gen.OneOf("dprk", "wpk-cmc", "9c422c9df4965fec", "desk.1", "en", "pt-BR", "Q423");
        var changes = Gen.OneOf<Func<string, string>>(
            v => v + "\n", v => v + "\r\n", v => "\n" + v, v => v + " ", v => " " + v, v => v + "\t", v => v + "\u00A0",
            v => v + "\u200B", v => "\uFEFF" + v, v => "\u202E" + v, v => v.Replace('p', '\u0440'), v => v.Replace('e', '\u0435'),
            v => v.Replace('Q', '\u051A'), v => v.Replace('4', '\u0664'), v => v + "\0", v => v.Replace('k', '\u212A'));

        Gen.Select(values, changes).Sample((value, change) =>
        {
            var changed = change(value);
            if (changed == value)
            {
                return; // the look-alike had nothing to replace
            }

            Assert.False(Ids.IsValid(changed), Escape(changed));
            Assert.False(ApiKeyStore.IsValidName(changed), Escape(changed));
            Assert.False(ArticleBuilder.IsLanguageTag(changed), Escape(changed));
            Assert.False(EntityRules.IsWikidataId(changed), Escape(changed));
        });
    }

    /// <summary>Values shaped by the grammar, most of them then changed in one or two places by a character from anywhere.</summary>
    private static Gen<string> Candidates(Gen<string> shaped) =>
        from value in shaped
        from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], Gen.Frequency((3, Hostile), (1, Alphanumeric)), (kind, at, c) => (Kind: kind, At: at, Char: c)).Array[0, 2]
        select edits.Aggregate(value, (v, e) =>
        {
            var at = v.Length == 0 ? 0 : e.At % (v.Length + 1);
            return e.Kind switch
            {
                0 => v.Insert(at, e.Char.ToString()),
                1 when at < v.Length => v.Remove(at, 1).Insert(at, e.Char.ToString()),
                2 when at < v.Length => v.Remove(at, 1),
                _ => v + e.Char,
            };
        });

    // The documented grammars, by hand: docs/seed-format.md (ids, Wikidata), docs/curation.md (key names), BCP 47's shape.
    private static bool IsId(string s) =>
        s.Length is >= 1 and <= Ids.MaxLength && IsLowerAlphanumeric(s[0]) && s.All(c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsKeyName(string s) =>
        s.Length is >= 1 and <= 64 && IsAsciiAlphanumeric(s[0]) && s.All(c => IsAsciiAlphanumeric(c) || c is '.' or '_' or '-');

    private static bool IsLanguageTag(string s)
    {
        var parts = s.Split('-');
        return s.Length <= ArticleBuilder.LanguageMaxLength
            && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(IsAsciiAlphanumeric));
    }

    private static bool IsWikidataId(string s) =>
        s.Length is >= 2 and <= EntityRules.MaxWikidataLength && s[0] == 'Q' && s[1] is >= '1' and <= '9' && s.Skip(2).All(char.IsAsciiDigit);

    private static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool IsAsciiAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);

    private static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
