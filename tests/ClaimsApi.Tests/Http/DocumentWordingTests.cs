using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClaimsApi.Tests.Http;

/// <summary>What the committed document says in words.</summary>
public sealed class DocumentWordingTests
{
    /// <summary>"a" before a vowel, except where the vowel sounds like a consonant ("a unique", "a URL", "a one-line").</summary>
    private static readonly Regex AWhereAnIsNeeded = new(@"\ba (?!uni|use|usu|ur[il]|one\b|one-|eu)[aeiou]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Fact]
    public void EverySummaryAndDescriptionUsesTheRightIndefiniteArticle()
    {
        var wrong = Texts(CommittedDocument.Document).Where(t => AWhereAnIsNeeded.IsMatch(t.Text))
            .Select(t => $"{t.Where}: {AWhereAnIsNeeded.Match(t.Text).Value}… in \"{t.Text}\"").ToList();

        Assert.Empty(wrong);
        Assert.Contains(Texts(CommittedDocument.Document), t => t.Text == "Delete an article");
    }

    private static IEnumerable<(string Where, string Text)> Texts(JsonNode? node, string where = "")
    {
        if (node is JsonObject fields)
        {
            foreach (var (name, value) in fields)
            {
                if (name is "summary" or "description" && value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                {
                    yield return ($"{where}/{name}", value.GetValue<string>());
                }

                foreach (var text in Texts(value, $"{where}/{name}"))
                {
                    yield return text;
                }
            }
        }
        else if (node is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var text in Texts(items[i], $"{where}/{i}"))
                {
                    yield return text;
                }
            }
        }
    }
}
