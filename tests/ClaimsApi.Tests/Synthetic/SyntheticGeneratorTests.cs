using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Persistence;
using ClaimsApi.Synthetic;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Tests.Synthetic;

/// <summary>The <c>generate</c> command's arguments: pure parsing.</summary>
public sealed class SyntheticOptionsTests
{
    [Theory]
    [InlineData(new[] { "--claims", "2000" }, 2000, 42)]
    [InlineData(new[] { "--claims=1000000", "--seed=7" }, 1_000_000, 7)]
    [InlineData(new[] { "--seed", "-3", "--claims", "5000000" }, 5_000_000, -3)]
    [InlineData(new[] { "--claims", "1" }, 1, 42)]
    public void ValidArgumentsAreParsed(string[] args, int claims, int seed)
    {
        Assert.True(SyntheticOptions.TryParse(args, out var options, out var error), error);
        Assert.Equal(new SyntheticOptions(claims, seed), options);
    }

    [Theory]
    [InlineData(new string[0], "--claims is required")]
    [InlineData(new[] { "--claims", "0" }, "between 1 and 5000000")]
    [InlineData(new[] { "--claims", "5000001" }, "between 1 and 5000000")]
    [InlineData(new[] { "--claims", "many" }, "whole number")]
    [InlineData(new[] { "--claims" }, "needs a value")]
    [InlineData(new[] { "--claims", "10", "--force" }, "Unknown argument '--force'")]
    [InlineData(new[] { "10" }, "Unknown argument '10'")]
    public void BadArgumentsAreNamed(string[] args, string expected)
    {
        Assert.False(SyntheticOptions.TryParse(args, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRowsAndAnotherSeedOthers()
    {
        var first = Hash(new SyntheticOptions(2_000, 42));

        Assert.Equal(first, Hash(new SyntheticOptions(2_000, 42)));
        Assert.NotEqual(first, Hash(new SyntheticOptions(2_000, 43)));
    }

    private static string Hash(SyntheticOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var batch in new SyntheticGenerator(options).Batches())
        {
            foreach (var row in batch.Rows.SelectMany(table => table))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f', row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + "\u001e"));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

/// <summary>
/// A 2,000-claim synthetic base generated into a fresh SQLite database through the command's code path, then the
/// API started on it (importing the shipped seeds next to it, as a normal start does).
/// </summary>
public sealed class GeneratedApi : ClaimsApiFactory, IAsyncLifetime
{
    public const int Claims = 2_000;

    public GeneratedApi()
        : base(new SqliteTestDatabase(), ownsDatabase: true)
    {
    }

    internal SyntheticSummary Summary { get; private set; } = null!;

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var db = Context(Database.ConnectionString);
        await db.MigrateExclusivelyAsync(CancellationToken.None);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Summary = await SyntheticGenerator.GenerateAsync(db, new SyntheticOptions(Claims, 42), output, CancellationToken.None);
        Output = output.ToString();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public static SqliteClaimsDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteClaimsDbContext>();
        SqliteClaimsDbContext.Configure(builder, connectionString);
        return new SqliteClaimsDbContext(builder.Options);
    }
}

public sealed class SyntheticGeneratorTests(GeneratedApi api) : IClassFixture<GeneratedApi>
{
    [Fact]
    public async Task TheBaseHasTheRequestedClaimsAndProportionateRows()
    {
        Assert.Equal(GeneratedApi.Claims, await Count("SELECT COUNT(*) FROM claims WHERE id LIKE 'syn-%'"));
        Assert.Equal(GeneratedApi.Claims, await Count("SELECT COUNT(*) FROM claim_evidence WHERE claim_id LIKE 'syn-%'"));
        Assert.Equal(GeneratedApi.Claims, api.Summary.Claims);
        Assert.InRange(api.Summary.Articles, GeneratedApi.Claims / 15, GeneratedApi.Claims / 5);
        Assert.InRange(api.Summary.Statements, GeneratedApi.Claims * 18 / 10, GeneratedApi.Claims * 22 / 10);
        Assert.Equal(300, api.Summary.Entities);
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM (SELECT claim_id FROM claim_mentions WHERE claim_id LIKE 'syn-%' GROUP BY claim_id HAVING COUNT(*) NOT BETWEEN 2 AND 4)"));
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM entities e WHERE id LIKE 'syn-%' AND (SELECT COUNT(*) FROM entity_aliases a WHERE a.entity_id = e.id) NOT BETWEEN 1 AND 4"));
        Assert.Contains("Search index rebuilt", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryStatementIsTheArticleTextAtItsCodePointSpan()
    {
        var articles = await Rows("SELECT id, text FROM articles WHERE id LIKE 'syn-%'");
        var texts = articles.ToDictionary(a => a[0], a => a[1]);
        var statements = await Rows("SELECT article_id, start, \"end\", text FROM statements WHERE id LIKE 'syn-%'");

        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(s[3], CodePoints.Slice(texts[s[0]], Int(s[1]), Int(s[2]))));
    }

    [Fact]
    public async Task SomeTextLiesOutsideTheBasicMultilingualPlaneSoSpansAreCountedInCodePoints()
    {
        var statements = await Rows("SELECT s.start, s.\"end\", s.text, a.text FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.text LIKE '%𠮷%'");

        Assert.Contains(statements, s => CodePoints.ToUtf16(s[3], Int(s[0])) != Int(s[0]));
    }

    [Fact]
    public async Task ParagraphsAreExactlyWhatTheSeedArticleParserFinds()
    {
        var articles = await Rows("SELECT id, text FROM articles WHERE id LIKE 'syn-%' ORDER BY id LIMIT 60");
        var paragraphs = (await Rows("SELECT article_id, \"index\", role, start, \"end\", text, artifact FROM article_paragraphs WHERE article_id LIKE 'syn-%' ORDER BY article_id, \"index\""))
            .ToLookup(p => p[0]);

        foreach (var article in articles)
        {
            var parsed = ArticleParser.Parse(article[1]);
            Assert.Equal(
                parsed.Blocks.Select(b => $"{b.Role}|{b.Start}|{b.End}|{b.Text}|{b.Artifact}"),
                paragraphs[article[0]].Select(p => $"{p[2]}|{p[3]}|{p[4]}|{p[5]}|{p[6]}"));
        }

        Assert.True(await Count("SELECT COUNT(*) FROM article_paragraphs WHERE artifact = 'Share'") > 0);
    }

    [Fact]
    public async Task EvidenceIsTheArticleTextAtASpanInsideItsStatement()
    {
        var evidence = await Rows("""
            SELECT e.start, e."end", e.text, s.start, s."end", a.text
            FROM claim_evidence e JOIN statements s ON s.id = e.statement_id JOIN articles a ON a.id = s.article_id
            WHERE e.claim_id LIKE 'syn-%'
            """);

        Assert.Equal(GeneratedApi.Claims, evidence.Count);
        Assert.All(evidence, e =>
        {
            Assert.InRange(Int(e[0]), Int(e[3]), Int(e[1]) - 1);
            Assert.InRange(Int(e[1]), Int(e[0]) + 1, Int(e[4]));
            Assert.Equal(e[2], CodePoints.Slice(e[5], Int(e[0]), Int(e[1])));
        });
    }

    [Fact]
    public async Task RowsKeepForeignKeysHaveNoSeedFileAndStoreEnumsByName()
    {
        Assert.Empty(await Rows("PRAGMA foreign_key_check"));
        foreach (var table in new[] { "entities", "articles", "statements", "claims" })
        {
            Assert.Equal(0, await Count($"SELECT COUNT(*) FROM {table} WHERE id LIKE 'syn-%' AND seed_file IS NOT NULL"));
        }

        Assert.Subset(Enum.GetNames<ClaimKind>().ToHashSet(), (await Rows("SELECT DISTINCT kind FROM claims")).Select(r => r[0]).ToHashSet());
        Assert.Subset(Enum.GetNames<VerificationStatus>().ToHashSet(), (await Rows("SELECT DISTINCT status FROM claims")).Select(r => r[0]).ToHashSet());
        Assert.Subset(Enum.GetNames<StatementKind>().ToHashSet(), (await Rows("SELECT DISTINCT kind FROM statements")).Select(r => r[0]).ToHashSet());
        Assert.Subset(Enum.GetNames<EntityKind>().ToHashSet(), (await Rows("SELECT DISTINCT kind FROM entities")).Select(r => r[0]).ToHashSet());
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM entities WHERE id LIKE 'syn-%' AND normalized_name <> lower(normalized_name)"));
    }

    [Fact]
    public async Task GeneratingAgainWithTheSameSeedWritesTheSameRows()
    {
        using var other = new SqliteTestDatabase();
        await using (var db = GeneratedApi.Context(other.ConnectionString))
        {
            await db.MigrateExclusivelyAsync(CancellationToken.None);
            await SyntheticGenerator.GenerateAsync(db, new SyntheticOptions(GeneratedApi.Claims, 42), TextWriter.Null, CancellationToken.None);
        }

        var mine = await DatabaseSnapshot.TakeAsync(api.Database);
        var theirs = await DatabaseSnapshot.TakeAsync(other);
        foreach (var table in new[] { "entities", "entity_aliases", "articles", "article_paragraphs", "statements", "claims", "claim_evidence", "claim_mentions", "claim_qualifiers", "claim_links" })
        {
            // The API fixture also imported the shipped seeds; compare the generated rows only.
            Assert.Equal(theirs[table], mine[table].Where(r => r.Contains("syn-", StringComparison.Ordinal)).ToList());
        }
    }

    [SkippableFact]
    public async Task OnPostgresTheSameSeedWritesTheSameRowsThroughBinaryCopy()
    {
        ProviderLeg.RequireProvider(DatabaseProvider.Postgres);
        using var postgres = new PostgresTestDatabase();
        var builder = new DbContextOptionsBuilder<PostgresClaimsDbContext>();
        PostgresClaimsDbContext.Configure(builder, postgres.ConnectionString);
        await using (var db = new PostgresClaimsDbContext(builder.Options))
        {
            await db.MigrateExclusivelyAsync(CancellationToken.None);
            await SyntheticGenerator.GenerateAsync(db, new SyntheticOptions(GeneratedApi.Claims, 42), TextWriter.Null, CancellationToken.None);
        }

        // Tables without dates (the providers read dates back as different types); articles and claims by count.
        // A SQLite migration that rebuilds a table orders its columns differently: read PostgreSQL's in SQLite's order.
        string[] tables = ["entities", "entity_aliases", "article_paragraphs", "statements", "claim_evidence", "claim_mentions", "claim_qualifiers", "claim_links"];
        var sqlite = await DatabaseSnapshot.TakeAsync(api.Database);
        var pg = await DatabaseSnapshot.TakeAsync(postgres, await DatabaseSnapshot.ColumnsAsync(api.Database, tables));

        foreach (var table in tables)
        {
            Assert.Equal(sqlite[table].Where(r => r.Contains("syn-", StringComparison.Ordinal)).ToList(), pg[table]);
        }

        Assert.Equal(sqlite["claims"].Count(r => r.Contains("syn-", StringComparison.Ordinal)), pg["claims"].Count);
        Assert.Equal(sqlite["articles"].Count(r => r.Contains("syn-", StringComparison.Ordinal)), pg["articles"].Count);
        Assert.Equal(pg["claims"].Count + pg["statements"].Count + pg["articles"].Count, pg["search_index"].Count);
        await EntityClaimsCheck.AssertInStepAsync(postgres);
    }

    [Fact]
    public async Task EntityClaimsListEveryGeneratedClaimUnderItsClaimantAndMentions()
    {
        using var client = api.CreateClient(); // the seeds import adds its claims too
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims/syn-claim-0000001")).StatusCode);

        await EntityClaimsCheck.AssertInStepAsync(api.Database);
        Assert.Contains("entity_claims", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandRefusesADatabaseThatAlreadyHoldsASyntheticBase()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await SyntheticCommand.RunAsync(api.Services, ["--claims", "10"], output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("already holds synthetic rows", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(GeneratedApi.Claims, await Count("SELECT COUNT(*) FROM claims WHERE id LIKE 'syn-%'"));
    }

    [Fact]
    public async Task TheCommandPrintsUsageAndFailsOnBadArguments()
    {
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await SyntheticCommand.RunAsync(api.Services, ["--claims", "0"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: ClaimsApi.Synthetic generate --claims N [--seed S]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchFindsGeneratedStatementsByAnAliasInAnotherScript()
    {
        // Зеленський is an alias of Volodymyr Zelenskyy: the query expands to all his names.
        using var client = api.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/v1/search?q=Зеленський&limit=50"));
        var root = json.RootElement;

        Assert.Equal("syn-person-00001", root.GetProperty("query").GetProperty("entities")[0].GetProperty("entity").GetProperty("id").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Contains(items, i => !i.GetProperty("title").GetString()!.Contains("Зеленський", StringComparison.Ordinal));
        Assert.All(items, i => Assert.StartsWith("syn-", i.GetProperty("id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchWithFiltersAndFacetsCountsGeneratedClaims()
    {
        using var client = api.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/v1/search?q=prices&type=claim&kind=causal&from=2020-01-01&facets=true"));
        var root = json.RootElement;

        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("claim", i.GetProperty("type").GetString()));
        var kinds = root.GetProperty("facets").GetProperty("kind").EnumerateArray().ToList();
        Assert.Equal("causal", Assert.Single(kinds).GetProperty("value").GetString());
        Assert.All(root.GetProperty("facets").GetProperty("year").EnumerateArray(),
            y => Assert.True(int.Parse(y.GetProperty("value").GetString()!, CultureInfo.InvariantCulture) >= 2020));
    }

    [Fact]
    public async Task GeneratedClaimsArticlesAndListsAreServed()
    {
        using var client = api.CreateClient();

        using var claim = JsonDocument.Parse(await client.GetStringAsync("/v1/claims/syn-claim-0000001"));
        Assert.Equal("syn-claim-0000001", claim.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, claim.RootElement.GetProperty("evidence").GetArrayLength());

        using var article = JsonDocument.Parse(await client.GetStringAsync("/v1/articles/syn-article-0000001"));
        Assert.Equal("syn-article-0000001", article.RootElement.GetProperty("id").GetString());

        using var page = JsonDocument.Parse(await client.GetStringAsync("/v1/claims?limit=100"));
        Assert.Equal(100, page.RootElement.GetProperty("items").GetArrayLength());

        // The shipped seeds were imported next to the synthetic rows and are served as before.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private async Task<long> Count(string sql) => long.Parse((await Rows(sql))[0][0], CultureInfo.InvariantCulture);

    private async Task<List<string[]>> Rows(string sql)
    {
        await using var connection = api.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }
}
