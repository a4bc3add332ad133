using System.Data.Common;
using System.Text.Json.Nodes;
using ClaimsApi.Ceiling;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Synthetic;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ClaimsApi.Tests.Ceiling;

/// <summary>
/// One database for the API and the ceiling (tools/ClaimsApi.Ceiling): a 2,000-claim synthetic base (seed 42), the
/// shipped seeds imported by the API's start, and a few curator writes that leave records an anonymous reader must
/// not see, or must see without some of what they embed: drafts, a deleted claim, links to and from them, a draft
/// parent statement.
/// </summary>
public abstract class CeilingBase(TestDatabase database) : ClaimsApiFactory(database, ownsDatabase: true), IAsyncLifetime
{
    public const int SyntheticClaims = 2_000;

    /// <summary>A draft claim on the seed article that mentions dprk and supports a published seed claim.</summary>
    public const string DraftClaim = "ceiling-draft-claim";

    /// <summary>A published claim that links to <see cref="DraftClaim"/> (left out for readers) and to a seed claim.</summary>
    public const string PublishedClaim = "ceiling-published-claim";

    /// <summary>A claim that was published, linked to a seed claim, then deleted.</summary>
    public const string DeletedClaim = "ceiling-deleted-claim";

    /// <summary>A review of <see cref="PublishedClaim"/>, deleted; its live reviews are ceiling-review-a, -b (the same day) and -old.</summary>
    public const string DeletedReview = "ceiling-deleted-review";

    /// <summary>A draft statement that a published seed statement now names as its parent.</summary>
    public const string DraftParent = "ceiling-draft-parent";

    private const string SeedClaim = "dprk-troops-fought-in-kursk";
    private const string Child = "p5-un-charter-partial";
    private const string OldParent = "p5-pyongyang-claims";

    private WebApplication? _ceiling;

    /// <summary>An anonymous client of the ceiling, on the API's database.</summary>
    public HttpClient Ceiling { get; private set; } = null!;

    /// <summary>Whether this provider's leg runs here; when not, nothing is set up and the tests skip.</summary>
    public bool Available => this is not PostgresCeiling || Database is PostgresTestDatabase;

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        await using (var db = Context())
        {
            await db.MigrateExclusivelyAsync(CancellationToken.None);
            await SyntheticGenerator.GenerateAsync(db, new SyntheticOptions(SyntheticClaims, 42), TextWriter.Null, CancellationToken.None);
        }

        await WriteHiddenRecordsAsync(); // the first client starts the API, which imports the seeds

        _ceiling = CeilingProgram.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Provider.ToString(),
                ["Database:ConnectionString"] = Database.ConnectionString,
            });
        });
        await _ceiling.StartAsync();
        Ceiling = _ceiling.GetTestClient();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_ceiling is not null)
        {
            await _ceiling.DisposeAsync();
        }
    }

    /// <summary>The ids of one table's rows that satisfy <paramref name="where"/>, in id order.</summary>
    public async Task<List<string>> IdsAsync(string table, string where)
    {
        await using var connection = Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM {table} WHERE {where} ORDER BY id";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private ClaimsDbContext Context()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresClaimsDbContext>();
            PostgresClaimsDbContext.Configure(postgres, Database.ConnectionString);
            return new PostgresClaimsDbContext(postgres.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteClaimsDbContext>();
        SqliteClaimsDbContext.Configure(sqlite, Database.ConnectionString);
        return new SqliteClaimsDbContext(sqlite.Options);
    }

    private async Task WriteHiddenRecordsAsync()
    {
        using var curator = await this.CreateClientAsync(ApiRole.Curator);

        await CreateClaimAsync(curator, DraftClaim, mentions: ["dprk"], links: [("supports", SeedClaim)]);

        var published = await CreateClaimAsync(curator, PublishedClaim, mentions: ["kpa"], links: [("contradicts", DraftClaim), ("refines", SeedClaim)]);
        await PublishAsync(curator, PublishedClaim, published);

        // Its reviews, embedded newest first then by id: two of one day, an older one, and a newer one deleted.
        foreach (var (review, on, rating) in new[] { ("ceiling-review-b", "2025-05-02", "false"), ("ceiling-review-a", "2025-05-02", "unproven"), ("ceiling-review-old", "2025-04-30", "mixture"), (DeletedReview, "2025-05-05", "true") })
        {
            await SucceedAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{PublishedClaim}/reviews", new
            {
                id = review, reviewerName = "Vérifications « Ceiling »", url = $"https://checks.example.org/{review}", reviewedOn = on, ratingText = $"Verdict {review}", rating,
                summary = rating == "false" ? null : "Checked & found wanting.",
            }));
        }

        await SucceedAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/reviews/{DeletedReview}", null, "\"1\""));

        var deleted = await PublishAsync(curator, DeletedClaim, await CreateClaimAsync(curator, DeletedClaim, mentions: ["dprk"], links: [("same-as", SeedClaim)]));
        await SucceedAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{DeletedClaim}", null, deleted));

        // A draft over the same words as the child's parent, then the child (published, cited by published claims) moved under it.
        var parent = JsonNode.Parse(await curator.GetStringAsync($"/v1/statements/{OldParent}"))!;
        await SucceedAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new JsonObject
        {
            ["id"] = DraftParent,
            ["article"] = TestPaths.SeedArticleId,
            ["speaker"] = parent["speaker"]!["id"]!.GetValue<string>(),
            ["kind"] = parent["kind"]!.GetValue<string>(),
            ["exact"] = parent["text"]!.GetValue<string>(),
        }.ToJsonString()));
        var childResponse = await curator.GetAsync($"/v1/statements/{Child}");
        var child = JsonNode.Parse(await childResponse.Content.ReadAsStringAsync())!;
        await SucceedAsync(await curator.SendJsonAsync(HttpMethod.Put, $"/v1/statements/{Child}", new JsonObject
        {
            ["article"] = TestPaths.SeedArticleId,
            ["speaker"] = child["speaker"]!["id"]!.GetValue<string>(),
            ["kind"] = child["kind"]!.GetValue<string>(),
            ["exact"] = child["text"]!.GetValue<string>(),
            ["parent"] = DraftParent,
        }.ToJsonString(), childResponse.ETag()));
    }

    private static async Task<string> CreateClaimAsync(HttpClient curator, string id, string[] mentions, (string Kind, string Claim)[] links)
    {
        var body = TestClaims.Body(id);
        body["mentions"] = new JsonArray([.. mentions.Select(m => JsonValue.Create(m))]);
        body["links"] = new JsonArray([.. links.Select(l => new JsonObject { ["kind"] = l.Kind, ["claim"] = l.Claim })]);
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());
        await SucceedAsync(response);
        return response.ETag();
    }

    /// <summary>Draft → in review → published; returns the last ETag.</summary>
    private static async Task<string> PublishAsync(HttpClient curator, string id, string etag)
    {
        foreach (var to in new[] { "in-review", "published" })
        {
            var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to }, etag);
            await SucceedAsync(response);
            etag = response.ETag();
        }

        return etag;
    }

    private static async Task SucceedAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

public sealed class SqliteCeiling() : CeilingBase(new SqliteTestDatabase());

/// <summary>On PostgreSQL where a server is configured or can be started; elsewhere nothing, and the tests skip.</summary>
public sealed class PostgresCeiling() : CeilingBase(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase());
