using System.Net;
using System.Net.Http.Json;
using ClaimsApi.Features.Claims;
using ClaimsApi.Persistence;
using ClaimsApi.Seeding;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Seeding;

/// <summary>
/// Start-up import, on each provider: idempotent, updates in place, all-or-nothing when a seed is malformed,
/// and done once when several instances start together. Each test owns its seeds folder and database.
/// </summary>
public abstract class SeedImportTests : IDisposable
{
    private readonly string _root;
    private readonly string _seeds;
    private readonly TestDatabase _database;

    protected SeedImportTests(DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        _root = Directory.CreateTempSubdirectory("claimsapi-import-").FullName;
        _seeds = TestPaths.CopyOfSeeds(_root);
        _database = TestDatabase.Create(provider);
    }

    private string CurationFile => Path.Combine(_seeds, TestPaths.SeedStem + ".yaml");

    private string ArticleFile => Path.Combine(_seeds, TestPaths.SeedStem + ".txt");

    [SkippableFact]
    public async Task ASecondStartWithTheSameSeedsChangesNothing()
    {
        await StartAsync();
        var before = await DatabaseSnapshot.TakeAsync(_database);

        await StartAsync();

        var after = await DatabaseSnapshot.TakeAsync(_database);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var table in before.Keys)
        {
            Assert.Equal(before[table], after[table]);
        }

        Assert.Equal(1, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    /// <summary>
    /// Start-up over seeds the database already holds stops at their fingerprint: parsing and validating them took
    /// half a second of a start that should serve its first request in under one (docs/performance.md).
    /// </summary>
    [SkippableFact]
    public async Task UnchangedSeedsAreNotReadAgainAndChangedOnesAreReadOnce()
    {
        await StartAsync();
        using var factory = NewFactory();
        var loads = 0;
        SeedSet Load()
        {
            loads++;
            return SeedLoader.Load(_seeds);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var unchanged = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(SeedLoader.Scan(_seeds), Load, CancellationToken.None);
            Assert.True(unchanged.Unchanged);
            Assert.Equal(0, loads);
        }

        await File.AppendAllTextAsync(CurationFile, "\n# a comment: new bytes, the same records\n");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var changed = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(SeedLoader.Scan(_seeds), Load, CancellationToken.None);
            Assert.Equal(new SeedImportResult(false, 0, 0, 0), changed); // compared and found the same: no row written but the import's own
            Assert.Equal(1, loads);
        }

        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task TwoInstancesStartingTogetherOnOneDatabaseSeedItOnce()
    {
        using var first = NewFactory();
        using var second = NewFactory();
        using var barrier = new Barrier(2);

        var clients = await Task.WhenAll(
            Task.Run(() => { barrier.SignalAndWait(); return first.CreateClient(); }),
            Task.Run(() => { barrier.SignalAndWait(); return second.CreateClient(); }));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var claims = (await client.GetFromJsonAsync<ClaimsApi.Http.Page<ClaimSummary>>("/v1/claims?limit=100", ClaimsApiFactory.Json))!;
            Assert.Equal(12, claims.Items.Count);
            client.Dispose();
        }

        Assert.Equal(1, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
        Assert.Equal(12, await DatabaseSnapshot.CountAsync(_database, "claims"));
    }

    [SkippableFact]
    public async Task AnImportRecordsTheClockAndWhatItAdded()
    {
        using (var factory = NewFactory())
        {
            factory.Clock.SetUtcNow(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
            using var client = factory.CreateClient();
        }

        var rows = (await DatabaseSnapshot.TakeAsync(_database))["seed_imports"];
        var row = Assert.Single(rows);
        Assert.Contains("2030-05-06 07:08:09", row, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AnEditedClaimIsUpdatedInPlaceKeepingItsId()
    {
        await StartAsync();
        var claimsBefore = await DatabaseSnapshot.TakeAsync(_database);
        var yaml = await File.ReadAllTextAsync(CurationFile);
        await File.WriteAllTextAsync(CurationFile, yaml.Replace("kind: prediction", "kind: opinion", StringComparison.Ordinal));

        using var factory = NewFactory();
        var claim = await factory.GetJsonAsync<ClaimDetail>("/v1/claims/pyongyang-monument-announced");

        Assert.Equal(ClaimsApi.Domain.ClaimKind.Opinion, claim.Kind);
        var after = await DatabaseSnapshot.TakeAsync(_database);
        Assert.Equal(claimsBefore["claims"].Count, after["claims"].Count);
        Assert.Single(after["claims"].Except(claimsBefore["claims"]));
        Assert.Equal(claimsBefore["statements"], after["statements"]);
        Assert.Equal(2, await DatabaseSnapshot.CountAsync(_database, "seed_imports"));
    }

    [SkippableFact]
    public async Task AClaimRemovedFromTheSeedsIsRemovedFromTheDatabase()
    {
        await StartAsync();
        var yaml = await File.ReadAllTextAsync(CurationFile);
        var start = yaml.IndexOf("  - id: operation-shows-dprk-russia-alliance", StringComparison.Ordinal);
        Assert.True(start > 0, "the seed curation should define operation-shows-dprk-russia-alliance");
        var end = yaml.IndexOf("\n  - id: ", start + 1, StringComparison.Ordinal);
        var edited = end < 0 ? yaml[..start] : yaml[..start] + yaml[(end + 1)..];
        Assert.DoesNotContain("claim: operation-shows-dprk-russia-alliance", edited, StringComparison.Ordinal);
        await File.WriteAllTextAsync(CurationFile, edited);

        using var factory = NewFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/claims/operation-shows-dprk-russia-alliance")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk")).StatusCode);
    }

    [SkippableFact]
    public async Task AnImportRefreshesWhatItChangesRecordByRecordWithoutRebuildingTheIndex()
    {
        await StartAsync();
        // A row no record has: a whole rebuild of the index would drop it; refreshing what the seeds changed does not.
        await ExecuteAsync(_database.Provider == DatabaseProvider.Postgres
            ? "INSERT INTO search_index (kind, ref_id, title, body, document) VALUES ('claim', 'planted-row', 'planted', '', to_tsvector('simple', 'planted'))"
            : "INSERT INTO search_index (kind, ref_id, title, body) VALUES ('claim', 'planted-row', 'planted', '')");
        var yaml = await File.ReadAllTextAsync(CurationFile);
        yaml = ReplaceFirst(yaml, "text: The North Korean units fought in the Kursk region on the orders of Kim Jong-un.", "text: The North Korean units fought near Sudzha on the orders of Kim Jong-un.");
        yaml = ReplaceFirst(yaml, "    mentions: [kpa, kim-jong-un, dprk, kursk-region]", "    mentions: [kpa, kim-jong-un, dprk]");
        await File.WriteAllTextAsync(CurationFile, yaml);

        using var factory = NewFactory();
        using var client = factory.CreateClient();

        var found = await (await client.GetAsync("/v1/search?q=Sudzha")).ReadSuccessAsync();
        Assert.Equal(["dprk-troops-acted-on-kim-orders"], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM search_index WHERE ref_id = 'planted-row'"));
        var listed = await (await client.GetAsync("/v1/claims?entity=kursk-region&limit=100")).ReadSuccessAsync();
        Assert.DoesNotContain("dprk-troops-acted-on-kim-orders", listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        await EntityClaimsCheck.AssertInStepAsync(_database);
    }

    [SkippableTheory]
    [InlineData("article", " date 2025-04-28 ", " date 28.04.2025 ", "000_9c422c9df4965fec.txt:1:1", "date")]
    [InlineData("curation", "exact: North Korean military personnel were sent", "exact: North Korean paratroopers were sent", "000_9c422c9df4965fec.yaml:", "was not found")]
    [InlineData("curation", "speaker: russia", "speaker: nobody-at-all", "000_9c422c9df4965fec.yaml:", "unknown entity 'nobody-at-all'")]
    [InlineData("curation", "entities:", "entities: [", "000_9c422c9df4965fec.yaml:", "invalid YAML")]
    public async Task AMalformedSeedStopsStartUpNamingTheFileAndLeavesTheDatabaseAsItWas(string file, string find, string replace, string location, string problem)
    {
        await StartAsync();
        var before = await DatabaseSnapshot.TakeAsync(_database);
        var path = file == "article" ? ArticleFile : CurationFile;
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, ReplaceFirst(text, find, replace));

        var error = await Assert.ThrowsAsync<SeedException>(StartAsync);

        Assert.Contains(error.Problems, p => p.ToString().Contains(location, StringComparison.Ordinal) && p.Message.Contains(problem, StringComparison.Ordinal));
        Assert.Contains(location, error.Message, StringComparison.Ordinal);
        var after = await DatabaseSnapshot.TakeAsync(_database);
        foreach (var table in before.Keys)
        {
            Assert.Equal(before[table], after[table]);
        }
    }

    [SkippableFact]
    public async Task AQuoteThatOccursTwiceWithoutContextIsRejectedWithItsCount()
    {
        var yaml = await File.ReadAllTextAsync(CurationFile);
        const string Original = "exact: North Korean military personnel were sent";
        Assert.Contains(Original, yaml, StringComparison.Ordinal);
        // "the Kursk region" occurs several times in the article.
        var line = yaml.Split('\n').First(l => l.Contains(Original, StringComparison.Ordinal));
        await File.WriteAllTextAsync(CurationFile, yaml
            .Replace(line, "    exact: the Kursk region", StringComparison.Ordinal)
            .Replace("\n    prefix: 'It is noted that '", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SeedException>(StartAsync);

        Assert.Contains(error.Problems, p => p.Message.Contains("occurs 5 times", StringComparison.Ordinal) && p.Message.Contains("prefix or suffix", StringComparison.Ordinal));
        Assert.Empty(await DatabaseSnapshot.TakeAsync(_database)); // caught before the database was even created
    }

    /// <summary>A curation file cut short (to nothing, to blanks, to its header comments, inside a list) after the base was seeded.</summary>
    [SkippableTheory]
    [InlineData("empty", "the curation file is empty")]
    [InlineData("blank", "the curation file is empty")]
    [InlineData("comments", "the curation file is empty")]
    [InlineData("cut inside a list", "invalid YAML: this '[' (or one after it) is not closed")]
    public async Task ACurationFileCutShortStopsStartUpAndLeavesTheSeededBaseUntouched(string damage, string problem)
    {
        await StartAsync();
        var before = await DatabaseSnapshot.TakeAsync(_database);
        var yaml = await File.ReadAllTextAsync(CurationFile);
        var cut = damage switch
        {
            "empty" => "",
            "blank" => " \n\n",
            "comments" => yaml[..yaml.IndexOf("\narticle:", StringComparison.Ordinal)],
            _ => yaml[..(yaml.IndexOf("aliases: [Ukrainian]", StringComparison.Ordinal) + "aliases: [Ukr".Length)] + "\n  - id: x\n",
        };
        await File.WriteAllTextAsync(CurationFile, cut);

        var error = await Assert.ThrowsAsync<SeedException>(StartAsync);

        var reported = Assert.Single(error.Problems);
        Assert.EndsWith(TestPaths.SeedStem + ".yaml", reported.File, StringComparison.Ordinal);
        Assert.True(reported.Line >= 1 && reported.Column >= 1);
        Assert.StartsWith(problem, reported.Message, StringComparison.Ordinal);
        var after = await DatabaseSnapshot.TakeAsync(_database);
        foreach (var table in before.Keys)
        {
            Assert.Equal(before[table], after[table]);
        }
    }

    [SkippableFact]
    public async Task AnEmptySeedsFolderStartsWithAnEmptyKnowledgeBase()
    {
        foreach (var file in Directory.EnumerateFiles(_seeds))
        {
            File.Delete(file);
        }

        using var factory = NewFactory();
        var page = await factory.GetJsonAsync<ClaimsApi.Http.Page<ClaimSummary>>("/v1/claims");

        Assert.Empty(page.Items);
    }

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ClaimsApiFactory NewFactory() => new(_database, ownsDatabase: false) { SeedsPath = _seeds };

    private async Task StartAsync()
    {
        using var factory = NewFactory();
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = _database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = _database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}

public sealed class SeedImportTestsOnSqlite() : SeedImportTests(DatabaseProvider.Sqlite);

public sealed class SeedImportTestsOnPostgres() : SeedImportTests(DatabaseProvider.Postgres);
