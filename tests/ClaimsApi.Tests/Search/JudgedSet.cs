using System.Text.Json;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Search;

/// <summary>One query of the judged set.</summary>
/// <param name="Q">What the user types.</param>
/// <param name="Kind">What it tests: a name, an alias, a word, a plural, a phrase, a sentence, a GUM article.</param>
/// <param name="Need">What the user wants, which the judgements follow.</param>
/// <param name="Judgements">Results as type/id, with grade 2 (the answer) or 1 (relevant); anything else is 0.</param>
public sealed record JudgedQuery(string Q, string Kind, string Need, Dictionary<string, int> Judgements)
{
    /// <summary>The results judged the answer (grade 2).</summary>
    public IReadOnlyList<string> Answers => [.. Judgements.Where(j => j.Value == 2).Select(j => j.Key)];
}

/// <summary>
/// The judged set of issue #13 (judged-queries.json): queries over the shipped seed and the 24 GUM Wikinews
/// articles, with graded judgements, for precision@5 and nDCG@10 of search before and after decision 0032.
/// </summary>
public static class JudgedSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The queries, in the file's order.</summary>
    public static IReadOnlyList<JudgedQuery> Queries { get; } = Load();

    /// <summary>The GUM fixture files (Fixtures/gum/GUM_news_*.txt) and the ids the judged set gives their articles (gum-&lt;name&gt;).</summary>
    public static IReadOnlyList<(string Path, string Id)> GumArticles { get; } = [.. Directory
        .EnumerateFiles(Path.Combine(TestPaths.Fixtures, "gum"), "GUM_news_*.txt")
        .Order(StringComparer.Ordinal)
        .Select(f => (f, "gum-" + Path.GetFileNameWithoutExtension(f)["GUM_news_".Length..]))];

    private static List<JudgedQuery> Load()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Search", "judged-queries.json"));
        using var document = JsonDocument.Parse(file);
        return document.RootElement.GetProperty("queries").Deserialize<List<JudgedQuery>>(Json)!;
    }
}
