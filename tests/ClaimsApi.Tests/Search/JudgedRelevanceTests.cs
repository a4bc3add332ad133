using System.Globalization;
using System.Net;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Features.Search;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClaimsApi.Tests.Search;

/// <summary>
/// Relevance before and after decision 0032 on the judged set (issue #13): every query runs through
/// <c>GET /v1/search</c> (the text index: after) and through the database's own engine as <c>/v1/search</c> ranked
/// before (<see cref="ClaimsDbContext.SearchIndex"/>, the best 1,000 candidates ordered by score, then type, then
/// id: before), over the shipped seed and the 24 GUM Wikinews articles, on the same data. The mean nDCG@10 after
/// must not be lower than before, and every answer must be in the first 5 after but the known misses. The figures
/// go to the test output; docs/search.md gives them and the command.
/// </summary>
public abstract class JudgedRelevanceTests<TApi>(TApi fixture, ITestOutputHelper output) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    /// <summary>How much lower the mean nDCG@10 after may be than before (rounding, not a loss).</summary>
    private const double Epsilon = 0.005;

    /// <summary>
    /// The answers (grade 2) the text index does not rank in the top 5, and why (docs/search.md, "Relevance: the
    /// judged set"). Both providers rank with the same index, so the list is the same on both. An answer missed and
    /// not listed fails the test, and so does one listed and no longer missed: the list says what is true.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownMisses = new(StringComparer.Ordinal)
    {
        // "between" is not a stop word: the statement and the article that say "between Pyongyang and Moscow" match 4
        // groups, and three shorter texts that say "between … the DPRK and Russia" tie the claim at 3, ahead by BM25.
        ["treaty between Pyongyang and Moscow"] = ["claim/legal-basis-treaty-article-4"],
        // "liberated" is not "liberation" (no stemming beyond plurals): the two claims match only Kursk, like half the
        // seed, and a phrase alternative ("Kursk region") scores the idf of both its words.
        ["liberation of Kursk"] = ["claim/kursk-region-liberated", "claim/kursk-region-liberated-dprk-echo"],
        // Kursk is in nearly every text of the seed, so BM25 prefers the shortest; the article is the longest (7th).
        ["Kursk"] = ["article/9c422c9df4965fec"],
        // The statement is 'the "liberation" of the Kursk region'; "announcement" is its cue, in the body (weight 1),
        // and it does not name Russia: one group, behind the texts that name Russia in the title (weight 10).
        ["Russian Federation announcement"] = ["statement/p1-russia-announcement"],
    };

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheTextIndexRanksTheJudgedSetNoWorseThanTheDatabaseEngineAndMissesOnlyTheKnownAnswersInTheTopFive()
    {
        await PostGumArticlesAsync();
        await AssertEveryJudgedResultExistsAsync();

        var rows = new List<Row>();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var aliases = scope.ServiceProvider.GetRequiredService<EntityAliasIndex>();
        foreach (var query in JudgedSet.Queries)
        {
            var after = await AfterAsync(query.Q);
            var before = await BeforeAsync(query.Q, db, aliases);
            rows.Add(new Row(query, before, after));
        }

        output.WriteLine(Report(api.Provider, rows));

        var meanBefore = rows.Average(r => r.NdcgBefore);
        var meanAfter = rows.Average(r => r.NdcgAfter);
        Assert.True(meanAfter >= meanBefore - Epsilon, $"mean nDCG@10 after {meanAfter:F4} < before {meanBefore:F4}");
        var missed = rows.SelectMany(r => r.MissedAfter.Select(a => $"{r.Query.Q}: {a}")).Order(StringComparer.Ordinal);
        var known = KnownMisses.SelectMany(m => m.Value.Select(a => $"{m.Key}: {a}")).Order(StringComparer.Ordinal);
        Assert.Equal(known, missed);
    }

    /// <summary>The 24 GUM articles, posted with the ids the judged set names (this class's own database).</summary>
    private async Task PostGumArticlesAsync()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        foreach (var (path, id) in JudgedSet.GumArticles)
        {
            var response = await curator.SendTextAsync(HttpMethod.Post, $"/v1/articles?id={id}", SeedText.Read(path));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A judgement of a result that does not exist would be a typo, never found and never noticed.</summary>
    private async Task AssertEveryJudgedResultExistsAsync()
    {
        using var client = api.CreateClient();
        foreach (var key in JudgedSet.Queries.SelectMany(q => q.Judgements.Keys).Distinct(StringComparer.Ordinal))
        {
            var typeAndId = key.Split('/', 2);
            var response = await client.GetAsync($"/v1/{typeAndId[0]}s/{typeAndId[1]}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"judged result {key}: {(int)response.StatusCode}");
        }
    }

    /// <summary>The first 10 results of GET /v1/search, as type/id.</summary>
    private async Task<IReadOnlyList<string>> AfterAsync(string q)
    {
        var response = await api.GetJsonAsync<SearchResponse>($"/v1/search?q={Uri.EscapeDataString(q)}&limit=10");
        return [.. response.Items.Select(r => $"{r.Type}/{r.Id}")];
    }

    /// <summary>
    /// The first 10 results as /v1/search ranked them before decision 0032: the query analysed the same way
    /// (entity aliases expanded), the database engine's 1,000 best candidates scored by coordination and its BM25
    /// or ts_rank, ordered by score, then type, then id.
    /// </summary>
    private static async Task<IReadOnlyList<string>> BeforeAsync(string q, ClaimsDbContext db, EntityAliasIndex aliases)
    {
        var (fullText, _) = await aliases.AnalyseAsync(q, db, CancellationToken.None);
        var hits = await db.SearchIndex(fullText, candidates: 1000)
            .OrderByDescending(h => h.Score).ThenBy(h => h.Kind).ThenBy(h => h.RefId)
            .Take(10).ToListAsync();
        return [.. hits.Select(h => $"{h.Kind}/{h.RefId}")];
    }

    private static string Report(DatabaseProvider provider, List<Row> rows)
    {
        static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Judged set on {provider}: {rows.Count} queries; before = the database's engine, after = the text index.");
        report.AppendLine();
        report.AppendLine("| Query | Kind | P@5 before | P@5 after | nDCG@10 before | nDCG@10 after |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var worse = r.NdcgAfter < r.NdcgBefore - 1e-9 ? " **worse**" : "";
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{r.Query.Q}` | {r.Query.Kind} | {F(r.PrecisionBefore)} | {F(r.PrecisionAfter)} | {F(r.NdcgBefore)} | {F(r.NdcgAfter)}{worse} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"| **Mean** | | **{F(rows.Average(r => r.PrecisionBefore))}** | **{F(rows.Average(r => r.PrecisionAfter))}** | **{F(rows.Average(r => r.NdcgBefore))}** | **{F(rows.Average(r => r.NdcgAfter))}** |");
        report.AppendLine();
        report.AppendLine("Answers (grade 2) outside the top 5, by rank before → after (- : not in the first 10):");
        foreach (var r in rows)
        {
            foreach (var answer in r.Query.Answers.Where(a => r.MissedBefore.Contains(a) || r.MissedAfter.Contains(a)))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  `{r.Query.Q}` {answer}: {Rank(r.Before, answer)} → {Rank(r.After, answer)}");
            }
        }

        report.AppendLine();
        report.AppendLine("Queries ranked worse after (nDCG@10 or P@5):");
        foreach (var r in rows.Where(r => r.NdcgAfter < r.NdcgBefore - 1e-9 || r.PrecisionAfter < r.PrecisionBefore))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"`{r.Query.Q}`: before {string.Join(", ", r.Before)}");
            report.AppendLine(CultureInfo.InvariantCulture, $"{new string(' ', r.Query.Q.Length + 3)}after  {string.Join(", ", r.After)}");
        }

        return report.ToString();
    }

    private static string Rank(IReadOnlyList<string> ranking, string result) =>
        ranking.ToList().IndexOf(result) is >= 0 and var i ? (i + 1).ToString(CultureInfo.InvariantCulture) : "-";

    private sealed record Row(JudgedQuery Query, IReadOnlyList<string> Before, IReadOnlyList<string> After)
    {
        public double PrecisionBefore => RelevanceMetrics.PrecisionAt(5, Before, Query.Judgements);

        public double PrecisionAfter => RelevanceMetrics.PrecisionAt(5, After, Query.Judgements);

        public double NdcgBefore => RelevanceMetrics.NdcgAt(10, Before, Query.Judgements);

        public double NdcgAfter => RelevanceMetrics.NdcgAt(10, After, Query.Judgements);

        public IReadOnlyList<string> MissedBefore => [.. Query.Answers.Where(a => !Before.Take(5).Contains(a))];

        public IReadOnlyList<string> MissedAfter => [.. Query.Answers.Where(a => !After.Take(5).Contains(a))];
    }
}

public sealed class JudgedRelevanceTestsOnSqlite(SqliteApi api, ITestOutputHelper output) : JudgedRelevanceTests<SqliteApi>(api, output);

public sealed class JudgedRelevanceTestsOnPostgres(PostgresApi api, ITestOutputHelper output) : JudgedRelevanceTests<PostgresApi>(api, output);
