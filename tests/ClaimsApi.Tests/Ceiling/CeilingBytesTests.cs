using System.Net;
using System.Text;
using System.Text.Json;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Ceiling;

/// <summary>
/// The ceiling (tools/ClaimsApi.Ceiling), the yardstick of the API's read speed, is only a yardstick if it serves what
/// the API serves: for the same database and request, the same status and, when found, the same bytes. Checked for
/// every seed record, a sample of a synthetic base, records an anonymous reader must not see (or sees without some
/// of what they embed), and list pages: the first and those after the API's own cursors.
/// </summary>
public abstract class CeilingBytesTests<TBase>(TBase fixture) : IClassFixture<TBase>
    where TBase : CeilingBase
{
    private static readonly (string Path, string Table)[] Kinds = [("claims", "claims"), ("statements", "statements"), ("entities", "entities"), ("articles", "articles")];

    private readonly TBase _base = Require(fixture);

    [SkippableFact]
    public async Task EverySeedRecordReadsTheSameBytes()
    {
        foreach (var (path, table) in Kinds)
        {
            var ids = await _base.IdsAsync(table, "id NOT LIKE 'syn-%'");
            Assert.NotEmpty(ids);
            foreach (var id in ids)
            {
                await AssertSameAsync($"/v1/{path}/{id}");
            }
        }
    }

    [SkippableFact]
    public async Task ASampleOfTheSyntheticBaseReadsTheSameBytes()
    {
        foreach (var (path, table) in Kinds)
        {
            var ids = await _base.IdsAsync(table, "id LIKE 'syn-%'");
            var step = (ids.Count + 199) / 200; // at most 200 of each kind, spread over the ids
            var sample = ids.Where((_, i) => i % step == 0).ToList();
            Assert.InRange(sample.Count, 100, 200);
            foreach (var id in sample)
            {
                Assert.NotNull(await AssertSameAsync($"/v1/{path}/{id}"));
            }
        }
    }

    [SkippableFact]
    public async Task WhatAnAnonymousReaderMustNotSeeIsLeftOutByBoth()
    {
        foreach (var hidden in new[] { $"/v1/claims/{CeilingBase.DraftClaim}", $"/v1/claims/{CeilingBase.DeletedClaim}", $"/v1/statements/{CeilingBase.DraftParent}" })
        {
            Assert.Null(await AssertSameAsync(hidden));
        }

        // The cases the byte checks above cover, present as meant: a link from a draft, one to a draft, a draft parent.
        var seedClaim = await AssertSameAsync("/v1/claims/dprk-troops-fought-in-kursk");
        Assert.Contains(CeilingBase.PublishedClaim, seedClaim, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DraftClaim, seedClaim, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DeletedClaim, seedClaim, StringComparison.Ordinal);
        var published = await AssertSameAsync($"/v1/claims/{CeilingBase.PublishedClaim}");
        Assert.Contains("\"refines\"", published, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DraftClaim, published, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DeletedReview, published, StringComparison.Ordinal);
        Assert.Matches("ceiling-review-a.*ceiling-review-b.*ceiling-review-old", published);
        var child = await AssertSameAsync("/v1/statements/p5-un-charter-partial");
        Assert.Contains("\"parentId\":null", child, StringComparison.Ordinal);
        var article = await AssertSameAsync($"/v1/articles/{TestPaths.SeedArticleId}");
        Assert.Contains(CeilingBase.PublishedClaim, article, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DraftClaim, article, StringComparison.Ordinal);
        Assert.DoesNotContain(CeilingBase.DraftParent, article, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ListPagesReadTheSameBytesFirstAndAfterTheApisCursors()
    {
        var seeds = await _base.IdsAsync("entities", "id NOT LIKE 'syn-%'");
        var synthetic = await _base.IdsAsync("entities", "id LIKE 'syn-%'");
        var entities = seeds.Concat(synthetic.Where((_, i) => i % 15 == 0)).Append("syn-state-00001").Append("no-such-entity").Distinct().ToList();
        var pages = 0;
        foreach (var entity in entities)
        {
            string[] lists =
            [
                $"/v1/claims?entity={entity}",
                $"/v1/claims?entity={entity}&kind=factual",
                $"/v1/claims?kind=Factual&limit=5&entity={entity}",
                $"/v1/statements?speaker={entity}",
                $"/v1/statements?limit=3&speaker={entity}",
                $"/v1/entities/{entity}/claims",
                $"/v1/entities/{entity}/claims?limit=7",
            ];
            foreach (var first in lists)
            {
                // The first page, then up to three more by the API's own next link (its cursor, its query order).
                var url = first;
                for (var page = 0; page < 4 && url is not null; page++, pages++)
                {
                    var body = await AssertSameAsync(url);
                    url = body is null ? null : JsonDocument.Parse(body).RootElement.GetProperty("next").GetString();
                }
            }
        }

        Assert.True(pages > entities.Count * 8, $"only {pages} pages compared");
    }

    private static TBase Require(TBase fixture)
    {
        Skip.IfNot(fixture.Available, TestDatabase.PostgresSkipReason);
        return fixture;
    }

    /// <summary>Both answer <paramref name="path"/> with the same status, and when it is 200 the same bytes; returns the body (null when not 200).</summary>
    private async Task<string?> AssertSameAsync(string path)
    {
        using var client = _base.CreateClient();
        using var api = await client.GetAsync(path);
        using var ceiling = await _base.Ceiling.GetAsync(path);
        Assert.True(api.StatusCode == ceiling.StatusCode, $"{path}: the API answered {(int)api.StatusCode}, the ceiling {(int)ceiling.StatusCode}");
        if (api.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        Assert.Equal(api.Content.Headers.ContentType, ceiling.Content.Headers.ContentType);
        var expected = await api.Content.ReadAsByteArrayAsync();
        var actual = await ceiling.Content.ReadAsByteArrayAsync();
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail($"{path}: the bodies differ from byte {at} ({expected.Length} bytes from the API, {actual.Length} from the ceiling):\n"
                + $"API:     …{Around(expected, at)}…\nceiling: …{Around(actual, at)}…");
        }

        return Encoding.UTF8.GetString(expected);
    }

    private static string Around(byte[] body, int at)
    {
        var from = Math.Max(0, at - 60);
        return Encoding.UTF8.GetString(body, from, Math.Min(body.Length, at + 60) - from);
    }
}

public sealed class CeilingBytesTestsOnSqlite(SqliteCeiling fixture) : CeilingBytesTests<SqliteCeiling>(fixture);

public sealed class CeilingBytesTestsOnPostgres(PostgresCeiling fixture) : CeilingBytesTests<PostgresCeiling>(fixture);
