using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>Creating, replacing, deleting, restoring and merging entities through the curation API.</summary>
public abstract class EntityWriteTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task CreatingAnEntityAnswers201WithItsLocationETagAndRepresentation()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = Unique("ministry");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new
        {
            id,
            name = "Ministry of Silly Walks",
            kind = "organisation",
            aliases = (string[])["MoSW", "the Ministry"],
            description = "A government department.",
            wikidata = "Q1234",
            partOf = "dprk",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/entities/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, response.ETagRevision());
        var body = await response.ReadSuccessAsync();
        Assert.Equal("Ministry of Silly Walks", body.GetProperty("name").GetString());
        Assert.Equal("organisation", body.GetProperty("kind").GetString());
        Assert.Equal(["MoSW", "the Ministry"], body.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("Q1234", body.GetProperty("wikidataId").GetString());
        Assert.Equal("dprk", body.GetProperty("partOf").GetProperty("id").GetString());

        using var anonymous = api.CreateClient();
        var read = await anonymous.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, read.ETagRevision());
    }

    [SkippableFact]
    public async Task AnEntityCreatedWithoutAnIdGetsOneMadeFromItsName()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var body = await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = "Ünïted Façade Front", kind = "organisation" })).ReadSuccessAsync();

        Assert.Matches("^united-facade-front-[0-9a-f]{6}$", body.GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task CreatingAnEntityWithATakenIdIsAConflictEvenWhenTheOtherIsDeleted()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Short-lived Party");
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{id}", null, "\"1\"")).StatusCode);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id = "dprk", name = "Another", kind = "state" }), HttpStatusCode.Conflict, "'dprk'");
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id, name = "Again", kind = "organisation" }), HttpStatusCode.Conflict, "deleted");
    }

    [SkippableFact]
    public async Task AnonymousClientsCannotWriteEntities()
    {
        using var anonymous = api.CreateClient();

        await Problem.AssertAsync(await anonymous.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = "Nobody", kind = "person" }), HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [InlineData("""{"kind":"person"}""", "name")]
    [InlineData("""{"name":"   ","kind":"person"}""", "name")]
    [InlineData("""{"name":"Somebody"}""", "kind")]
    [InlineData("""{"name":"Somebody","kind":"wizard"}""", "kind")]
    [InlineData("""{"id":"Not An Id","name":"Somebody","kind":"person"}""", "id")]
    [InlineData("""{"name":"Somebody","kind":"person","aliases":[""]}""", "aliases[0]")]
    [InlineData("""{"name":"Somebody","kind":"person","aliases":["Sb",null]}""", "aliases[1]")]
    [InlineData("""{"name":"Somebody","kind":"person","aliases":["the DPRK","The  dprk"]}""", "aliases[1]")]
    [InlineData("""{"name":"Somebody","kind":"person","aliases":["SOMEBODY"]}""", "aliases[0]")]
    [InlineData("""{"name":"Somebody","kind":"person","wikidata":"423"}""", "wikidata")]
    [InlineData("""{"name":"Somebody","kind":"person","wikidata":"Q123456789012345678901"}""", "wikidata")]
    [InlineData("""{"name":"Somebody","kind":"person","partOf":"Bad Id"}""", "partOf")]
    [InlineData("""{"name":"Somebody","kind":"person","colour":"blue"}""", "colour")]
    public async Task InvalidEntityBodiesAreRejectedNamingTheField(string body, string field)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [SkippableTheory]
    [InlineData("name", 301)]
    [InlineData("description", 2001)]
    public async Task OverlongValuesAreRejectedNamingTheField(string field, int length)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var body = new Dictionary<string, object> { ["name"] = "Somebody", ["kind"] = "person", [field] = new string('x', length) };

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task AnEntityPartOfAnUnknownEntityIsUnprocessable()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var problem = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = "Orphan Article", kind = "treaty-article", partOf = Unique("no-such-treaty") }),
            HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("partOf", out _), problem.ToString());
    }

    [SkippableFact]
    public async Task ReplacingAnEntityChangesEveryFieldAsANewRevisionInTheHistory()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Old Name", aliases: ["Old Alias", "Kept Alias"]);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}",
            new { name = "New Name", kind = "publication", aliases = (string[])["Kept Alias", "New Alias"], description = "Renamed.", partOf = "dprk" }, "\"1\"");

        var body = await response.ReadSuccessAsync();
        Assert.Equal(2, response.ETagRevision());
        Assert.Equal("New Name", body.GetProperty("name").GetString());
        Assert.Equal("publication", body.GetProperty("kind").GetString());
        Assert.Equal(["Kept Alias", "New Alias"], body.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("dprk", body.GetProperty("partOf").GetProperty("id").GetString());
        var byNewAlias = await api.GetJsonAsync<JsonElement>("/v1/entities?name=new%20alias");
        Assert.Equal([id], byNewAlias.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var byOldAlias = await api.GetJsonAsync<JsonElement>("/v1/entities?name=old%20alias");
        Assert.Empty(byOldAlias.GetProperty("items").EnumerateArray());

        var revision = await (await curator.GetAsync($"/v1/entities/{id}/history/2")).ReadSuccessAsync();
        Assert.Equal("update", revision.GetProperty("action").GetString());
        Assert.Equal("Old Name", revision.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("New Name", revision.GetProperty("after").GetProperty("name").GetString());
        Assert.Contains("aliases", revision.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [SkippableTheory]
    [InlineData(null, HttpStatusCode.PreconditionRequired)]
    [InlineData("\"7\"", HttpStatusCode.PreconditionFailed)]
    public async Task ReplacingAnEntityNeedsItsCurrentETag(string? ifMatch, HttpStatusCode status)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Steady Entity");

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { name = "Changed", kind = "organisation" }, ifMatch), status);

        var entity = await api.GetJsonAsync<JsonElement>($"/v1/entities/{id}");
        Assert.Equal("Steady Entity", entity.GetProperty("name").GetString());
        Assert.Equal(1, entity.GetProperty("revision").GetInt32());
    }

    [SkippableFact]
    public async Task ABodyIdOtherThanTheEntitysIsUnprocessable()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Fixed Id");

        var problem = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { id = "dprk", name = "Fixed Id", kind = "organisation" }, "\"1\""),
            HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [SkippableFact]
    public async Task PartOfThatWouldGoRoundInACircleIsUnprocessable()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var treaty = await CreateEntityAsync(curator, "Circle Treaty", kind: "treaty");
        var article = await CreateEntityAsync(curator, "Circle Treaty Article 1", kind: "treaty-article", partOf: treaty);

        var circle = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{treaty}", new { name = "Circle Treaty", kind = "treaty", partOf = article }, "\"1\""),
            HttpStatusCode.UnprocessableEntity, $"{treaty} → {article} → {treaty}");
        var itself = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{treaty}", new { name = "Circle Treaty", kind = "treaty", partOf = treaty }, "\"1\""),
            HttpStatusCode.UnprocessableEntity, "itself");

        Assert.True(circle.GetProperty("errors").TryGetProperty("partOf", out _));
        Assert.True(itself.GetProperty("errors").TryGetProperty("partOf", out _));
    }

    [SkippableFact]
    public async Task DeletingAnEntityThatRecordsReferToIsAConflictThatSuggestsMerging()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var entity = await CreateEntityAsync(curator, "Referenced Council");
        var part = await CreateEntityAsync(curator, "Referenced Council Committee", partOf: entity);
        var claim = await CreateClaimAsync(curator, claimant: entity, mentions: [entity]);

        var problem = await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{entity}", null, "\"1\""), HttpStatusCode.Conflict, "merge");

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{claim}' (as claimant)", detail, StringComparison.Ordinal);
        Assert.Contains($"'{claim}' (as mention)", detail, StringComparison.Ordinal);
        Assert.Contains($"'{part}' (as partOf)", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/entities/{entity}")).StatusCode);
    }

    [SkippableFact]
    public async Task DeletingAnUnreferencedEntityHidesItAndRecordsTheDeletion()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Unreferenced Club");

        var response = await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{id}", null, "\"1\"");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{id}"), HttpStatusCode.NotFound);
        var history = await (await curator.GetAsync($"/v1/entities/{id}/history")).ReadSuccessAsync();
        Assert.Equal(["create", "delete"], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [SkippableFact]
    public async Task OnlyAnAdminCanRestoreADeletedEntity()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await ClientAsync(api, ApiRole.Admin);
        var id = await CreateEntityAsync(curator, "Restorable Society", aliases: ["RS"]);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{id}", null, "\"1\"")).StatusCode);

        await Problem.AssertAsync(await curator.PostAsync($"/v1/entities/{id}/restore", null), HttpStatusCode.Forbidden);
        var restored = await admin.PostAsync($"/v1/entities/{id}/restore", null);

        var body = await restored.ReadSuccessAsync();
        Assert.Equal(3, restored.ETagRevision());
        Assert.Equal(["RS"], body.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/entities/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task AnEntityCannotBeRestoredWhileWhatItIsPartOfIsDeleted()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await ClientAsync(api, ApiRole.Admin);
        var whole = await CreateEntityAsync(curator, "Deleted Whole");
        var part = await CreateEntityAsync(curator, "Deleted Part", partOf: whole);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{part}", null, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{whole}", null, "\"1\"")).StatusCode);

        await Problem.AssertAsync(await admin.PostAsync($"/v1/entities/{part}/restore", null), HttpStatusCode.Conflict, whole);
    }

    [SkippableFact]
    public async Task MergingCarriesTheNamesOverAndRepointsEveryReference()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var graph = await BuildGraphAsync(curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{graph.Merged}/merge", new { into = graph.Target }, "\"1\"");

        var target = await response.ReadSuccessAsync();
        Assert.Equal(graph.Target, target.GetProperty("id").GetString());
        Assert.Equal(2, response.ETagRevision());
        // The merged name and its aliases are added; what folds to an existing name or alias is not repeated.
        Assert.Equal(
            new[] { $"Merged Bureau {graph.Suffix}", "shared  alias", "TB", $"the bureau {graph.Suffix}" }.Order(StringComparer.Ordinal),
            target.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));

        var claim = await (await curator.GetAsync($"/v1/claims/{graph.Claim}")).ReadSuccessAsync();
        Assert.Equal(graph.Target, claim.GetProperty("claimant").GetProperty("id").GetString());
        Assert.Equal([graph.Target], claim.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(graph.Target, claim.GetProperty("qualifiers")[0].GetProperty("entity").GetProperty("id").GetString());
        var statement = await (await curator.GetAsync($"/v1/statements/{graph.Statement}")).ReadSuccessAsync();
        Assert.Equal(graph.Target, statement.GetProperty("speaker").GetProperty("id").GetString());
        Assert.Equal(graph.Target, statement.GetProperty("source").GetProperty("id").GetString());
        var article = await (await curator.GetAsync($"/v1/articles/{graph.Article}")).ReadSuccessAsync();
        Assert.Equal(graph.Target, article.GetProperty("publisher").GetProperty("id").GetString());
        var part = await (await curator.GetAsync($"/v1/entities/{graph.Part}")).ReadSuccessAsync();
        Assert.Equal(graph.Target, part.GetProperty("partOf").GetProperty("id").GetString());
        var claims = await (await curator.GetAsync($"/v1/entities/{graph.Target}/claims")).ReadSuccessAsync();
        Assert.Contains(graph.Claim, claims.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [SkippableFact]
    public async Task MergingRecordsAMergeInTheHistoryOfEveryChangedRecord()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var graph = await BuildGraphAsync(curator);

        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{graph.Merged}/merge", new { into = graph.Target }, "\"1\"")).EnsureSuccessStatusCode();

        var claim = await LastChangeAsync(curator, $"/v1/claims/{graph.Claim}");
        Assert.Equal(graph.Merged, claim.GetProperty("before").GetProperty("claimant").GetProperty("id").GetString());
        Assert.Equal(graph.Target, claim.GetProperty("after").GetProperty("claimant").GetProperty("id").GetString());
        Assert.Contains("mentions", claim.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var target = await LastChangeAsync(curator, $"/v1/entities/{graph.Target}");
        Assert.Contains("aliases", target.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var part = await LastChangeAsync(curator, $"/v1/entities/{graph.Part}");
        Assert.Equal(graph.Target, part.GetProperty("after").GetProperty("partOf").GetProperty("id").GetString());
        var merged = await LastChangeAsync(curator, $"/v1/entities/{graph.Merged}");
        Assert.Equal($"Merged Bureau {graph.Suffix}", merged.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, merged.GetProperty("after").ValueKind);

        // Statements and articles are rendered the same way; their history endpoints belong to their own writes,
        // so their entries are read from the table here.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var entries = await db.History.AsNoTracking()
            .Where(h => (h.ResourceType == "statement" && h.ResourceId == graph.Statement) || (h.ResourceType == "article" && h.ResourceId == graph.Article))
            .ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("merge", e.Action);
            Assert.Equal(2, e.Revision);
            Assert.Contains(graph.Target, e.After, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task MergingRepointsDeletedRecordsTooSoThatTheyCanStillBeRestored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await ClientAsync(api, ApiRole.Admin);
        var merged = await CreateEntityAsync(curator, "Dissolved Press Office");
        var target = await CreateEntityAsync(curator, "Continuing Press Office");
        var claim = await CreateClaimAsync(curator, claimant: merged, mentions: [merged]);
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/claims/{claim}", null, "\"1\"")).EnsureSuccessStatusCode();

        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = target }, "\"1\"")).EnsureSuccessStatusCode();
        var restored = await (await admin.PostAsync($"/v1/claims/{claim}/restore", null)).ReadSuccessAsync();

        Assert.Equal(target, restored.GetProperty("claimant").GetProperty("id").GetString());
        Assert.Equal([target], restored.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var history = await (await curator.GetAsync($"/v1/claims/{claim}/history")).ReadSuccessAsync();
        Assert.Equal(["create", "delete", "merge", "restore"], history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [SkippableFact]
    public async Task AMergedEntityRedirectsToTheEntityItWasMergedInto()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var merged = await CreateEntityAsync(curator, "Redirected Office");
        var target = await CreateEntityAsync(curator, "Surviving Office");
        var deleted = await CreateEntityAsync(curator, "Plainly Deleted Office");
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = target }, "\"1\"")).EnsureSuccessStatusCode();
        (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{deleted}", null, "\"1\"")).EnsureSuccessStatusCode();
        using var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/v1/entities/{merged}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/v1/entities/{target}", response.Headers.Location?.OriginalString);
        await Problem.AssertAsync(await client.GetAsync($"/v1/entities/{deleted}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task SearchRecognisesTheTargetByTheMergedNameStraightAfterTheMerge()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var merged = await CreateEntityAsync(curator, $"Quibbling Directorate {suffix}");
        var target = await CreateEntityAsync(curator, $"Harmonised Directorate {suffix}");
        var query = $"/v1/search?q={Uri.EscapeDataString($"Quibbling Directorate {suffix}")}";
        Assert.Equal([merged], await RecognisedAsync(query)); // the aliases are cached now

        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = target }, "\"1\"")).EnsureSuccessStatusCode();

        Assert.Equal([target], await RecognisedAsync(query));
        var byName = await api.GetJsonAsync<JsonElement>($"/v1/entities?name={Uri.EscapeDataString($"quibbling directorate {suffix}")}");
        Assert.Equal([target], byName.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [SkippableFact]
    public async Task SearchRecognisesANewEntityStraightAfterItIsCreated()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var name = $"Fresh Syndicate {Guid.NewGuid().ToString("N")[..8]}";
        var query = $"/v1/search?q={Uri.EscapeDataString(name)}";
        Assert.Empty(await RecognisedAsync(query)); // the aliases are cached now

        var id = await CreateEntityAsync(curator, name);

        Assert.Equal([id], await RecognisedAsync(query));
    }

    [SkippableTheory]
    [InlineData("self")]
    [InlineData("unknown")]
    public async Task MergingIntoItselfOrAnUnknownEntityIsUnprocessable(string into)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await CreateEntityAsync(curator, "Unmergeable Agency");

        var problem = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{id}/merge", new { into = into == "self" ? id : Unique("nobody") }, "\"1\""),
            HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("into", out _));
        Assert.Equal(1, (await api.GetJsonAsync<JsonElement>($"/v1/entities/{id}")).GetProperty("revision").GetInt32());
    }

    [SkippableFact]
    public async Task MergingIntoAPartOfTheEntityIsAConflict()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var whole = await CreateEntityAsync(curator, "Whole Alliance");
        var part = await CreateEntityAsync(curator, "Alliance Wing", partOf: whole);
        var subpart = await CreateEntityAsync(curator, "Alliance Wing Cell", partOf: part);

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{whole}/merge", new { into = subpart }, "\"1\""), HttpStatusCode.Conflict, "part of");

        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/entities/{whole}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData(null, HttpStatusCode.PreconditionRequired)]
    [InlineData("\"2\"", HttpStatusCode.PreconditionFailed)]
    public async Task MergingNeedsTheMergedEntitysCurrentETag(string? ifMatch, HttpStatusCode status)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var merged = await CreateEntityAsync(curator, "Hesitant Union");
        var target = await CreateEntityAsync(curator, "Patient Union");

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = target }, ifMatch), status);

        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync($"/v1/entities/{merged}")).StatusCode);
    }

    [SkippableFact]
    public async Task AMergedEntityCannotBeRestored()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await ClientAsync(api, ApiRole.Admin);
        var merged = await CreateEntityAsync(curator, "Absorbed Guild");
        var target = await CreateEntityAsync(curator, "Absorbing Guild");
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = target }, "\"1\"")).EnsureSuccessStatusCode();

        await Problem.AssertAsync(await admin.PostAsync($"/v1/entities/{merged}/restore", null), HttpStatusCode.Conflict, "merged into");
    }

    private sealed record Graph(string Suffix, string Merged, string Target, string Part, string Claim, string Statement, string Article);

    /// <summary>
    /// Two entities and records of this test that refer to the one to be merged: a part of it, a claim (claimant,
    /// mention beside the target, qualifier), and a statement and an article, which are put in the database
    /// directly as this branch has no writes for them.
    /// </summary>
    private async Task<Graph> BuildGraphAsync(HttpClient curator)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var merged = await CreateEntityAsync(curator, $"Merged Bureau {suffix}", aliases: [$"the bureau {suffix}", "Shared Alias", $"TARGET BUREAU {suffix}"]);
        var target = await CreateEntityAsync(curator, $"Target Bureau {suffix}", aliases: ["shared  alias", "TB"]);
        var part = await CreateEntityAsync(curator, $"Bureau Desk {suffix}", partOf: merged);
        var claim = await CreateClaimAsync(curator, claimant: merged, mentions: [merged, target], qualifierEntity: merged);

        var article = $"art-{suffix}";
        var statement = $"st-{suffix}";
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
            db.Articles.Add(new Article
            {
                Id = article, Title = "A test article", Lead = "", PublishedOn = new DateOnly(2025, 5, 1), PublishedOnPrecision = DatePrecision.Day,
                Text = "The bureau said so.", Language = "en", PublisherId = merged, ContentSha256 = new string('0', 64),
            });
            db.Statements.Add(new Statement
            {
                Id = statement, ArticleId = article, SpeakerId = merged, SourceId = merged, Kind = StatementKind.ReportedSpeech, Text = "The bureau said so.", Start = 0, End = 19,
            });
            await db.SaveChangesAsync();
        }

        return new Graph(suffix, merged, target, part, claim, statement, article);
    }

    private async Task<IReadOnlyList<string?>> RecognisedAsync(string query)
    {
        var response = await api.GetJsonAsync<JsonElement>(query);
        return [.. response.GetProperty("query").GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity").GetProperty("id").GetString())];
    }

    private static async Task<JsonElement> LastChangeAsync(HttpClient curator, string path)
    {
        var history = await (await curator.GetAsync($"{path}/history")).ReadSuccessAsync();
        var last = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal("merge", last.GetProperty("action").GetString());
        return await (await curator.GetAsync($"{path}/history/{last.GetProperty("revision").GetInt32()}")).ReadSuccessAsync();
    }

    /// <summary>A client with a new key of <paramref name="role"/> (named here: on this branch the shared helper cuts reader and admin key names past their end).</summary>
    internal static async Task<HttpClient> ClientAsync(ClaimsApiFactory api, ApiRole role)
    {
        var (_, key) = await api.CreateKeyAsync(role, Unique(EnumNames.Of(role)));
        return api.CreateClientWithKey(key);
    }

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    internal static async Task<string> CreateEntityAsync(HttpClient curator, string name, string kind = "organisation", string[]? aliases = null, string? partOf = null)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name, kind, aliases, partOf });
        return (await response.ReadSuccessAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>A draft claim of this test's own, with a seed statement as evidence.</summary>
    internal static async Task<string> CreateClaimAsync(HttpClient curator, string claimant, string[] mentions, string? qualifierEntity = null)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", new
        {
            text = $"A claim made for a test {Guid.NewGuid():N}.",
            claimant,
            kind = "factual",
            article = TestPaths.SeedArticleId,
            evidence = new[] { new { statement = "p3-noted-treaty" } },
            mentions,
            qualifiers = qualifierEntity is null ? null : new[] { new { name = "party", value = "the party", entity = qualifierEntity } },
        });
        return (await response.ReadSuccessAsync()).GetProperty("id").GetString()!;
    }
}

public sealed class EntityWriteTestsOnSqlite(SqliteApi api) : EntityWriteTests<SqliteApi>(api);

public sealed class EntityWriteTestsOnPostgres(PostgresApi api) : EntityWriteTests<PostgresApi>(api);
