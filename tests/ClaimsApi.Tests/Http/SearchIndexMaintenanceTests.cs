using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using ClaimsApi.TextSearch;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>Writes keep the full-text index in step, record by record: published records are found by their current words only.</summary>
public abstract class SearchIndexMaintenanceTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AClaimIsFoundByItsCurrentWordsOnlyWhilePublished()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("indexed");
        var word = $"zq{Guid.NewGuid().ToString("N")[..10]}"; // a word no other record has
        var (_, etag) = await TestClaims.CreateAsync(curator, id, $"Troops crossed near {word} at dawn.");
        Assert.Empty(await FoundAsync(word)); // drafts are not indexed

        etag = await MoveAsync(curator, id, "in-review", etag);
        etag = await MoveAsync(curator, id, "published", etag);
        Assert.Equal([id], await FoundAsync(word));

        var replacement = $"zr{Guid.NewGuid().ToString("N")[..10]}";
        var replaced = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, $"Troops crossed near {replacement} at dawn.").ToJsonString(), etag);
        etag = (await replaced.ReadSuccessAsync(), replaced.ETag()).Item2;
        Assert.Empty(await FoundAsync(word));
        Assert.Equal([id], await FoundAsync(replacement));

        var retracted = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "retracted", reason = "Wrong village." }, etag);
        await retracted.ReadSuccessAsync();
        Assert.Empty(await FoundAsync(replacement));
        await AssertIndexMapIsExactAsync();
    }

    [SkippableFact]
    public async Task ADeletedArticleLeavesTheIndexAndARestoredOneComesBack()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var word = $"zs{Guid.NewGuid().ToString("N")[..10]}";
        var created = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text($"A paragraph about {word}."));
        var id = (await created.ReadSuccessAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await FoundAsync(word));

        var deleted = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/articles/{id}", null, created.ETag());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await FoundAsync(word));

        (await admin.PostAsync($"/v1/articles/{id}/restore", null)).EnsureSuccessStatusCode();
        Assert.Equal([id], await FoundAsync(word));
        await AssertIndexMapIsExactAsync();
    }

    /// <summary>
    /// Every instance keeps its own text index (decision 0032), following the change log: another instance's write is
    /// in this one's index within a second without any request (its follower polls every 200 ms), and a search
    /// finds it at once (a search first brings the index up to the log's head).
    /// </summary>
    [SkippableFact]
    public async Task AWriteOfAnotherInstanceIsSearchableAtOnceAndInTheIndexWithinASecond()
    {
        using var other = new ClaimsApiFactory(api.Database, ownsDatabase: false);
        using var reader = other.CreateClient();
        (await reader.GetAsync("/health/live")).EnsureSuccessStatusCode(); // started, its index built
        var index = other.Services.GetRequiredService<TextIndex>();
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("elsewhere");
        var word = $"zt{Guid.NewGuid().ToString("N")[..10]}";
        var (_, etag) = await TestClaims.CreateAsync(curator, id, $"Troops crossed near {word} at dawn.");
        etag = await MoveAsync(curator, id, "in-review", etag);

        await MoveAsync(curator, id, "published", etag);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (index.Search(new([new([[word]], [])]), 10).Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Equal([id], index.Search(new([new([[word]], [])]), 10).Select(h => h.Id));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var unpublished = TestClaims.NewId("elsewhere");
        var other2 = $"zu{Guid.NewGuid().ToString("N")[..10]}";
        var (_, etag2) = await TestClaims.CreateAsync(curator, unpublished, $"Troops crossed near {other2} at dusk.");
        await MoveAsync(curator, unpublished, "published", await MoveAsync(curator, unpublished, "in-review", etag2));
        var page = await (await reader.GetAsync($"/v1/search?q={other2}")).ReadSuccessAsync(); // at once, whatever the follower's turn
        Assert.Equal([unpublished], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    /// <summary>An entity's new alias, written on another instance, expands this instance's next search at once.</summary>
    [SkippableFact]
    public async Task AnAliasWrittenOnAnotherInstanceExpandsTheNextSearchAtOnce()
    {
        using var other = new ClaimsApiFactory(api.Database, ownsDatabase: false);
        using var reader = other.CreateClient();
        (await reader.GetAsync("/v1/search?q=Kursk")).EnsureSuccessStatusCode(); // its aliases read and kept
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var name = $"Zv{Guid.NewGuid().ToString("N")[..8]} Ministry";
        var alias = $"zw{Guid.NewGuid().ToString("N")[..8]}";
        var created = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", TestArticles.Text($"The {name} spoke on Monday."));
        var article = (await created.ReadSuccessAsync()).GetProperty("id").GetString()!;

        await EntityWriteTests<TApi>.CreateEntityAsync(curator, name, aliases: [alias]);

        var page = await (await reader.GetAsync($"/v1/search?q={alias}")).ReadSuccessAsync();
        Assert.Equal([article], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private async Task<List<string>> FoundAsync(string word)
    {
        using var client = api.CreateClient();
        var page = await (await client.GetAsync($"/v1/search?q={word}")).ReadSuccessAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static async Task<string> MoveAsync(HttpClient curator, string id, string to, string etag)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to }, etag);
        await response.ReadSuccessAsync();
        return response.ETag();
    }

    /// <summary>On SQLite every index row is in the rowid map, and every map entry points at its own row.</summary>
    private async Task AssertIndexMapIsExactAsync()
    {
        if (api.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var connection = api.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM search_index),
                   (SELECT count(*) FROM search_index_rows),
                   (SELECT count(*) FROM search_index_rows m JOIN search_index s ON s.rowid = m.row_id AND s.kind = m.kind AND s.ref_id = m.ref_id)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (rows, mapped, exact) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.Equal((rows, rows), (mapped, exact));
    }
}

public sealed class SearchIndexMaintenanceTestsOnSqlite(SqliteApi api) : SearchIndexMaintenanceTests<SqliteApi>(api);

public sealed class SearchIndexMaintenanceTestsOnPostgres(PostgresApi api) : SearchIndexMaintenanceTests<PostgresApi>(api);
