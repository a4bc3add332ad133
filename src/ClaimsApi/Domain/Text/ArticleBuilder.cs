using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ClaimsApi.Domain.Text;

/// <summary>
/// Turns a parsed article and its metadata into an <see cref="Article"/> with its paragraphs: the one code path
/// the seed loader and the write API share, so an article posted through the API is stored exactly as the same
/// text would be from a seed file.
/// </summary>
public static partial class ArticleBuilder
{
    public const string DefaultLanguage = "en";

    /// <summary>The length of the language column.</summary>
    public const int LanguageMaxLength = 35;

    private const string LanguageTagForm = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*";

    /// <summary>The form of a language tag as a JSON Schema (ECMA-262) pattern, for the OpenAPI document.</summary>
    public const string LanguageTagPattern = "^" + LanguageTagForm + "$";

    /// <summary>Whether <paramref name="value"/> has the form of a BCP 47 language tag (en, pt-BR, zh-Hant-TW) and fits the column.</summary>
    public static bool IsLanguageTag(string? value) => value is { Length: <= LanguageMaxLength } && LanguageTag().IsMatch(value);

    /// <summary>SHA-256 of the text in UTF-8, lower-case hex.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Utf8.Strict.GetBytes(text)));

    /// <summary>The id of an article given without one: 16 hex digits of its SHA-256, the form of the seed articles' ids.</summary>
    public static string DefaultId(string text) => Sha256(text)[..16];

    /// <summary>The article for <paramref name="parsed"/>; <paramref name="seedFile"/> is null for an article written through the API.</summary>
    public static Article Build(string id, ParsedArticle parsed, string language, string? publisherId, string? sourceUrl, string? seedFile)
    {
        var article = new Article
        {
            Id = id,
            Title = "",
            Lead = "",
            PublishedOn = default,
            PublishedOnPrecision = default,
            Text = "",
            Language = language,
            PublisherId = publisherId,
            SourceUrl = sourceUrl,
            ContentSha256 = "",
            SeedFile = seedFile,
        };
        SetText(article, parsed);
        article.Paragraphs.AddRange(Paragraphs(id, parsed));
        return article;
    }

    /// <summary>Sets what the text determines: title, lead, date, text and its hash (not the paragraphs).</summary>
    public static void SetText(Article article, ParsedArticle parsed)
    {
        article.Title = parsed.Title.Text;
        article.Lead = parsed.Lead.Text;
        article.PublishedOn = parsed.PublishedOn;
        article.PublishedOnPrecision = parsed.Precision;
        article.Text = parsed.Text;
        article.ContentSha256 = Sha256(parsed.Text);
    }

    /// <summary>The article's blocks as paragraphs: 0 the lead, 1 the title, then the body.</summary>
    public static List<ArticleParagraph> Paragraphs(string articleId, ParsedArticle parsed) =>
        [.. parsed.Blocks.Select((b, i) => new ArticleParagraph
        {
            ArticleId = articleId,
            Index = i,
            Role = b.Role,
            Start = b.Start,
            End = b.End,
            Text = b.Text,
            Artifact = b.Artifact,
        })];

    [GeneratedRegex("^" + LanguageTagForm + @"\z", RegexOptions.CultureInvariant)] // \z: $ would let a final newline through
    private static partial Regex LanguageTag();
}
