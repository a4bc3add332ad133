using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Each rule of the claim-write validators, as one bad field in an otherwise valid body.</summary>
public static class ClaimWriteCases
{
    /// <summary>The field the 400 must name; the top-level property to replace; its new JSON value (null: leave it out).</summary>
    public static TheoryData<string, string, string?> Invalid => new()
    {
        { "id", "id", "\"Not An Id\"" },
        { "id", "id", Json(new string('a', Ids.MaxLength + 1)) },
        { "text", "text", null },
        { "text", "text", "\"\"" },
        { "text", "text", "\"   \"" },
        { "text", "text", Json(new string('t', Limits.ClaimText + 1)) },
        { "text", "text", "\"a bell \\u0007 rings\"" },
        { "claimant", "claimant", null },
        { "claimant", "claimant", "\"WPK CMC\"" },
        { "kind", "kind", null },
        { "article", "article", null },
        { "article", "article", "\"9C422C9DF4965FEC\"" },
        { "subject", "subject", "\" \"" },
        { "predicate", "predicate", Json(new string('p', Limits.ClaimPart + 1)) },
        { "object", "object", "\"nul \\u0000 inside\"" },
        { "evidence", "evidence", null },
        { "evidence", "evidence", "[]" },
        { "evidence", "evidence", Json(Enumerable.Repeat(new { statement = TestClaims.Statement }, 21)) },
        { "evidence[0].statement", "evidence", "[{}]" },
        { "evidence[0]", "evidence", "[null]" },
        { "evidence[1]", "evidence", "[{\"statement\":\"p3-noted-treaty\"},null]" },
        { "evidence[0].statement", "evidence", "[{\"statement\":\"P3 Noted\"}]" },
        { "evidence[1].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\"},{\"statement\":\"p3-noted-treaty\",\"exact\":\"\"}]" },
        { "evidence[0].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"prefix\":\"It is noted that \"}]" },
        { "evidence[0].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"suffix\":\" were sent\"}]" },
        { "evidence[0].prefix", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"exact\":\"North Korean\",\"prefix\":\"  \"}]" },
        { "evidence[0].suffix", "evidence", Json(new[] { new { statement = TestClaims.Statement, exact = "North Korean", suffix = new string('s', Limits.ClaimPart + 1) } }) },
        { "mentions", "mentions", Json(Enumerable.Range(0, 51).Select(i => $"entity-{i}")) },
        { "mentions", "mentions", "[\"dprk\",\"russia\",\"dprk\"]" },
        { "mentions[1]", "mentions", "[\"dprk\",\"Not An Id\"]" },
        { "qualifiers", "qualifiers", Json(Enumerable.Range(0, 21).Select(i => new { name = $"q{i}", value = "v" })) },
        { "qualifiers[0].name", "qualifiers", "[{\"value\":\"2024-06\"}]" },
        { "qualifiers[0]", "qualifiers", "[null]" },
        { "qualifiers[0].name", "qualifiers", Json(new[] { new { name = new string('n', Limits.QualifierName + 1), value = "v" } }) },
        { "qualifiers[0].value", "qualifiers", "[{\"name\":\"treaty-signed\"}]" },
        { "qualifiers[1].value", "qualifiers", Json(new[] { new { name = "a", value = "v" }, new { name = "b", value = new string('v', Limits.QualifierValue + 1) } }) },
        { "qualifiers[0].entity", "qualifiers", "[{\"name\":\"treaty\",\"value\":\"v\",\"entity\":\"The Treaty\"}]" },
        { "links", "links", Json(Enumerable.Range(0, 51).Select(i => new { kind = "supports", claim = $"claim-{i}" })) },
        { "links", "links", "[{\"kind\":\"supports\",\"claim\":\"kursk-region-liberated\"},{\"kind\":\"supports\",\"claim\":\"kursk-region-liberated\"}]" },
        { "links[1].kind", "links", "[{\"kind\":\"supports\",\"claim\":\"kursk-region-liberated\"},{\"claim\":\"dprk-troops-fought-in-kursk\"}]" },
        { "links[0].claim", "links", "[{\"kind\":\"refines\"}]" },
        { "links[0]", "links", "[null]" },
        { "links[0].claim", "links", "[{\"kind\":\"refines\",\"claim\":\"Kursk!\"}]" },
    };

    /// <summary>The field the 400 must name and the whole workflow-move body.</summary>
    public static TheoryData<string, string> InvalidMoves => new()
    {
        { "to", "{}" },
        { "to", "{\"to\":null}" },
        { "to", "{\"to\":\"flying\"}" },
        { "to", "{\"to\":3}" },
        { "reason", "{\"to\":\"retracted\"}" },
        { "reason", "{\"to\":\"retracted\",\"reason\":\"   \"}" },
        { "reason", $"{{\"to\":\"retracted\",\"reason\":{Json(new string('r', Limits.Reason + 1))}}}" },
        { "reason", "{\"to\":\"in-review\",\"reason\":\"\"}" },
        { "reason", "{\"to\":\"in-review\",\"reason\":5}" },
        { "reason", "{\"to\":\"in-review\",\"reason\":\"Ready for the desk.\"}" }, // only a retraction keeps a reason
        { "colour", "{\"to\":\"in-review\",\"colour\":\"red\"}" },
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

/// <summary>
/// Validation of claim writes: 400 naming each bad field (FluentValidation, unknown and mistyped JSON fields),
/// 413 and 415 for bodies the API does not take, 422 naming each field that does not fit the knowledge base, and
/// no trace of any failed write.
/// </summary>
public abstract class ClaimWriteValidationTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [MemberData(nameof(ClaimWriteCases.Invalid), MemberType = typeof(ClaimWriteCases))]
    public async Task ACreationBreakingARuleIsAValidationProblemNamingTheField(string field, string property, string? value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("invalid");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", With(TestClaims.Body(id), property, value));

        await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(ClaimWriteCases.Invalid), MemberType = typeof(ClaimWriteCases))]
    public async Task AReplacementBreakingARuleIsAValidationProblemNamingTheField(string field, string property, string? value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("invalid-put");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        var body = With(TestClaims.Body(property == "id" ? null : id), property, value);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", body, etag);

        await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
        await AssertAtRevisionOneAsync(curator, id);
    }

    [SkippableTheory]
    [MemberData(nameof(ClaimWriteCases.InvalidMoves), MemberType = typeof(ClaimWriteCases))]
    public async Task AWorkflowMoveBreakingARuleIsAValidationProblemNamingTheField(string field, string body)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("invalid-move");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", body, etag);

        await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
        await AssertAtRevisionOneAsync(curator, id);
    }

    [SkippableTheory]
    [InlineData("colour", "{\"colour\":\"red\"}")]
    [InlineData("evidence[0].colour", "{\"evidence\":[{\"statement\":\"p3-noted-treaty\",\"colour\":\"red\"}]}")]
    [InlineData("qualifiers[0].unit", "{\"qualifiers\":[{\"name\":\"n\",\"value\":\"v\",\"unit\":\"km\"}]}")]
    [InlineData("claimedon", "{\"claimedon\":\"2025-04-28\"}")] // names are exact: not claimedOn
    [InlineData("Text", "{\"Text\":\"Another text.\"}")]
    public async Task AnUnknownJsonFieldIsABadRequestNamingIt(string field, string extra)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var body = TestClaims.Body(TestClaims.NewId("unknown-field"));
        foreach (var (name, value) in JsonNode.Parse(extra)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());

        var problem = await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Contains("unknown fields are rejected", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("text", "\"text\":\"Another sentence.\",")]
    [InlineData("evidence[0].statement", "\"evidence\":[{\"statement\":\"lead-cmc-confirmed\",\"statement\":\"p3-noted-treaty\"}],")]
    public async Task ADuplicatedJsonFieldIsABadRequestNamingIt(string field, string duplicate)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("duplicate-field");
        var body = "{" + duplicate + TestClaims.Body(id).ToJsonString()[1..];

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body);

        var problem = await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Contains("more than once", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ClaimsApi", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("text", "text", "5")]
    [InlineData("text", "text", "[\"a\"]")]
    [InlineData("kind", "kind", "\"banana\"")]
    [InlineData("kind", "kind", "0")]
    [InlineData("status", "status", "\"true-ish\"")]
    [InlineData("claimedOn", "claimedOn", "\"yesterday\"")]
    [InlineData("claimedOn", "claimedOn", "\"2025-02-30\"")]
    [InlineData("evidence", "evidence", "\"p3-noted-treaty\"")]
    [InlineData("evidence[0].statement", "evidence", "[{\"statement\":3}]")]
    [InlineData("mentions[0]", "mentions", "[1]")]
    [InlineData("links[0].kind", "links", "[{\"kind\":\"agrees\",\"claim\":\"kursk-region-liberated\"}]")]
    public async Task AValueOfTheWrongTypeIsABadRequestNamingTheField(string field, string property, string value)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", With(TestClaims.Body(TestClaims.NewId("wrong-type")), property, value));

        await AssertErrorsAsync(response, HttpStatusCode.BadRequest, field);
    }

    [SkippableTheory]
    [InlineData("{")]
    [InlineData("{\"text\": \"unterminated}")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task AMalformedBodyIsABadRequestProblem(string body)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task AMalformedBodyIsABadRequestProblemWhateverTheClientAccepts()
    {
        // Found by the fuzz pass: for Accept: application/xml the 400 had no body at all.
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        curator.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/xml");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", "{");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task ABodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem(string contentType)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("not-json");

        var response = await curator.PostAsync("/v1/claims", new StringContent(TestClaims.Body(id).ToJsonString(), Encoding.UTF8, contentType));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task ABodyOver64KbIsAContentTooLargeProblem()
    {
        // The test server does not enforce request size limits; Kestrel does, so this one goes over a real socket.
        var (_, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var kestrel = new ClaimsApiFactory(api.Database, ownsDatabase: false);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClientWithKey(key);
        var id = TestClaims.NewId("too-large");
        var body = TestClaims.Body(id);
        body["subject"] = new string('s', WriteLimits.JsonBodyBytes);

        var response = await client.PostAsync("/v1/claims", JsonContent.Create(body));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var fits = TestClaims.Body(TestClaims.NewId("fits"));
        fits["subject"] = new string('s', Limits.ClaimPart);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/v1/claims", JsonContent.Create(fits))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("claimant", "claimant", "\"nobody-at-all\"", "There is no entity 'nobody-at-all'")]
    [InlineData("article", "article", "\"no-such-article\"", "There is no article 'no-such-article'")]
    [InlineData("mentions[1]", "mentions", "[\"dprk\",\"atlantis\"]", "There is no entity 'atlantis'")]
    [InlineData("qualifiers[0].entity", "qualifiers", "[{\"name\":\"place\",\"value\":\"Atlantis\",\"entity\":\"atlantis\"}]", "There is no entity 'atlantis'")]
    [InlineData("evidence[0].statement", "evidence", "[{\"statement\":\"no-such-statement\"}]", "There is no statement 'no-such-statement'")]
    [InlineData("evidence[0].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"exact\":\"Kursk region\"}]", "was not found in statement 'p3-noted-treaty'")]
    [InlineData("evidence[0].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"exact\":\"North Korean\",\"prefix\":\"South \"}]", "was not found with the given prefix/suffix")]
    [InlineData("evidence[0].exact", "evidence", "[{\"statement\":\"p3-noted-treaty\",\"exact\":\"the\"}]", "occurs 2 times in statement 'p3-noted-treaty'")]
    [InlineData("links[0].claim", "links", "[{\"kind\":\"supports\",\"claim\":\"no-such-claim\"}]", "There is no claim 'no-such-claim'")]
    public async Task ABodyThatDoesNotFitTheKnowledgeBaseIsUnprocessableNamingTheField(string field, string property, string value, string message)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("unfit");

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", With(TestClaims.Body(id), property, value));

        var problem = await AssertErrorsAsync(response, HttpStatusCode.UnprocessableEntity, field);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task AClaimLinkingToItselfIsUnprocessable()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("self-link");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        var newId = TestClaims.NewId("self-link");
        var selfLinked = new JsonArray(new JsonObject { ["kind"] = "same-as", ["claim"] = newId });

        var created = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", With(TestClaims.Body(newId), "links", selfLinked.ToJsonString()));
        var replaced = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", With(TestClaims.Body(id), "links", $"[{{\"kind\":\"refines\",\"claim\":\"{id}\"}}]"), etag);

        foreach (var response in new[] { created, replaced })
        {
            var problem = await AssertErrorsAsync(response, HttpStatusCode.UnprocessableEntity, "links[0].claim");
            Assert.Contains("cannot link to itself", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/v1/claims/{newId}")).StatusCode);
        await AssertAtRevisionOneAsync(curator, id);
    }

    [SkippableFact]
    public async Task EveryFieldThatDoesNotFitIsNamedAtOnce()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var body = TestClaims.Body(TestClaims.NewId("many-unfit"));
        body["claimant"] = "nobody-at-all";
        body["mentions"] = new JsonArray("dprk", "atlantis");
        body["evidence"] = new JsonArray(new JsonObject { ["statement"] = TestClaims.Statement }, new JsonObject { ["statement"] = "no-such-statement" });
        body["links"] = new JsonArray(new JsonObject { ["kind"] = "supports", ["claim"] = "no-such-claim" });

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", body.ToJsonString());

        await AssertErrorsAsync(response, HttpStatusCode.UnprocessableEntity, "claimant", "mentions[1]", "evidence[1].statement", "links[0].claim");
    }

    [SkippableFact]
    public async Task AReplacementWhoseIdDiffersFromTheRouteIsUnprocessable()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = TestClaims.NewId("rename");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);

        var response = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(TestClaims.NewId("renamed")).ToJsonString(), etag);

        await AssertErrorsAsync(response, HttpStatusCode.UnprocessableEntity, "id");
        await AssertAtRevisionOneAsync(curator, id);
    }

    [SkippableTheory]
    [InlineData("400 invalid body")]
    [InlineData("409 existing id")]
    [InlineData("412 stale If-Match")]
    [InlineData("422 unknown claimant")]
    [InlineData("422 quote not found on replace")]
    [InlineData("428 no If-Match")]
    [InlineData("409 workflow move not allowed")]
    [InlineData("409 restoring a live claim")]
    public async Task AFailingWriteLeavesNoTrace(string failure)
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var id = TestClaims.NewId("no-trace");
        var (_, etag) = await TestClaims.CreateAsync(curator, id);
        var before = await DatabaseSnapshot.TakeAsync(api.Database);

        var response = failure switch
        {
            "400 invalid body" => await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", With(TestClaims.Body(id), "text", "\"\""), etag),
            "409 existing id" => await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(id, "Another claim with the same id.").ToJsonString()),
            "412 stale If-Match" => await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, "Late.").ToJsonString(), "\"0\""),
            "422 unknown claimant" => await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", With(TestClaims.Body(id), "claimant", "\"nobody-at-all\""), etag),
            "422 quote not found on replace" => await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", With(TestClaims.Body(id), "evidence", "[{\"statement\":\"p3-noted-treaty\",\"exact\":\"Kursk\"}]"), etag),
            "428 no If-Match" => await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{id}", TestClaims.Body(id, "Blind.").ToJsonString()),
            "409 workflow move not allowed" => await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "published" }, etag),
            "409 restoring a live claim" => await admin.PostAsync($"/v1/claims/{id}/restore", null),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
        };

        var status = (HttpStatusCode)int.Parse(failure[..3], System.Globalization.CultureInfo.InvariantCulture);
        await Problem.AssertAsync(response, status);
        var after = await DatabaseSnapshot.TakeAsync(api.Database);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var table in before.Keys)
        {
            Assert.True(before[table].SequenceEqual(after[table]), $"table {table} changed");
        }
    }

    private static string With(JsonObject body, string property, string? value)
    {
        if (value is null)
        {
            body.Remove(property);
        }
        else
        {
            body[property] = JsonNode.Parse(value);
        }

        return body.ToJsonString();
    }

    private static async Task<JsonElement> AssertErrorsAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var problem = await Problem.AssertAsync(response, status);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        return problem;
    }

    private static async Task AssertAtRevisionOneAsync(HttpClient curator, string id)
    {
        var current = await (await curator.GetAsync($"/v1/claims/{id}")).ReadSuccessAsync();
        Assert.Equal(1, current.GetProperty("revision").GetInt32());
        var history = await (await curator.GetAsync($"/v1/claims/{id}/history")).ReadSuccessAsync();
        Assert.Equal(1, history.GetProperty("items").GetArrayLength());
    }
}

public sealed class ClaimWriteValidationTestsOnSqlite(SqliteApi api) : ClaimWriteValidationTests<SqliteApi>(api);

public sealed class ClaimWriteValidationTestsOnPostgres(PostgresApi api) : ClaimWriteValidationTests<PostgresApi>(api);
