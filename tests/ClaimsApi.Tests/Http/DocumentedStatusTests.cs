using System.Net;
using System.Text.Json.Nodes;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Every operation of the committed document lists the statuses it can answer, and only those: each declared
/// status of the key and the conditional headers is checked against the route table and against what the API
/// answers, operation by operation (docs/api-guide.md#errors).
/// </summary>
public abstract class DocumentedStatusTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public void SecurityAnd403FollowTheRoleEachRouteNeeds()
    {
        var roles = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e => e.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).LastOrDefault(p => p is not null), StringComparer.Ordinal);

        Assert.All(CommittedDocument.Operations, operation =>
        {
            var role = roles[operation.Operation["operationId"]!.GetValue<string>()];
            var security = operation.Operation["security"]!.AsArray().Select(r => string.Join(",", r!.AsObject().Select(s => s.Key))).ToList();
            Assert.True(security.Contains("") == (role is null), $"{operation}: anonymous access must be allowed exactly when the route needs no role ({role})");
            Assert.True(security.Contains("bearer") && security.Contains("apiKey"), $"{operation}: both ways to send a key must be listed");
            Assert.True(operation.Declares(403) == (role is "curator" or "admin"), $"{operation}: 403 must be declared exactly where a role above reader is needed ({role})");
        });
    }

    [SkippableFact]
    public async Task EveryOperationDeclaresAndAnswers401ToAKeyThatIsNotValid()
    {
        using var client = api.CreateClient();
        var failures = new List<string>();
        foreach (var operation in CommittedDocument.Operations)
        {
            using var request = CommittedDocument.Request(operation, CommittedDocument.Fill(operation.Path, Unknown), bearer: "ck_not-a-key-of-this-api");
            using var response = await client.SendAsync(request);
            if (!operation.Declares(401) || response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{operation}: declares 401: {operation.Declares(401)}; answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task ExactlyTheOperationsThatCheckIfMatchDeclare412And428AndTheHeader()
    {
        using var client = await api.CreateClientAsync(ApiRole.Admin);
        var values = await ExistingRecordsAsync(client);
        var failures = new List<string>();
        foreach (var operation in CommittedDocument.Operations.Where(o => o.Method != "GET"))
        {
            var declared = operation.Declares(412);
            if (operation.Declares(428) != declared || operation.HasHeader("If-Match") != declared)
            {
                failures.Add($"{operation}: 412 {declared}, 428 {operation.Declares(428)} and the If-Match header {operation.HasHeader("If-Match")} must go together");
            }

            var url = CommittedDocument.Fill(operation.Path, values);
            using var stale = CommittedDocument.Request(operation, url, bearer: null);
            stale.Headers.TryAddWithoutValidation("If-Match", "\"999999\"");
            var staleStatus = (int)(await client.SendAsync(stale)).StatusCode;
            using var without = CommittedDocument.Request(operation, url, bearer: null);
            var withoutStatus = (int)(await client.SendAsync(without)).StatusCode;
            if ((staleStatus == 412) != declared || (withoutStatus == 428) != declared)
            {
                failures.Add($"{operation}: declares 412/428: {declared}; answered {staleStatus} to a stale If-Match, {withoutStatus} without one");
            }
        }

        Assert.Contains(CommittedDocument.Operations, o => o.Declares(412));
        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task ExactlyTheReadsThatAnswer304DeclareItAndIfNoneMatch()
    {
        using var client = await api.CreateClientAsync(ApiRole.Admin);
        var values = await ExistingRecordsAsync(client);
        var failures = new List<string>();
        foreach (var operation in CommittedDocument.Operations.Where(o => o.Method == "GET"))
        {
            using var request = CommittedDocument.Request(operation, CommittedDocument.Fill(operation.Path, values), bearer: null);
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
            var status = (int)(await client.SendAsync(request)).StatusCode;
            var declared = operation.Declares(304);
            if (declared != (status == 304) || declared != operation.HasHeader("If-None-Match"))
            {
                failures.Add($"{operation}: declares 304: {declared}, If-None-Match: {operation.HasHeader("If-None-Match")}; answered {status} to If-None-Match: *");
            }
        }

        Assert.Contains(CommittedDocument.Operations, o => o.Declares(304));
        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task OnlyTheExportsDeclare406AndAnswerItWhileEveryOtherReadAnswersAnyAcceptInItsOwnMediaType()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/xml");
        var failures = new List<string>();
        foreach (var operation in CommittedDocument.Operations.Where(o => o.Method == "GET"))
        {
            using var request = CommittedDocument.Request(operation, CommittedDocument.Fill(operation.Path, Unknown), bearer: null);
            using var response = await client.SendAsync(request);
            // Only the exports declare and answer 406 (in JSON); every other read answers in JSON, problems included, and
            // the Atom feed in Atom, the one media type its 200 declares.
            var export = operation.Path.EndsWith("/export", StringComparison.Ordinal);
            var answered406 = response.StatusCode == HttpStatusCode.NotAcceptable;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var declared = operation.Responses[((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?.AsObject().Select(c => c.Key) ?? [];
            if (operation.Declares(406) != export || answered406 != export
                || (mediaType?.EndsWith("json", StringComparison.Ordinal) != true && !declared.Contains(mediaType)))
            {
                failures.Add($"{operation}: declares 406: {operation.Declares(406)}; answered {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        }

        Assert.Contains(CommittedDocument.Operations, o => o.Declares(406));
        Assert.Empty(failures);
    }

    /// <summary>Path values for the records the seeds do not have: a review, a webhook and a key of this test's own.</summary>
    private async Task<Dictionary<string, string>> ExistingRecordsAsync(HttpClient client)
    {
        var review = CommittedDocument.Operations.Single(o => o.Method == "POST" && o.Path == "/v1/claims/{claimId}/reviews");
        using var create = CommittedDocument.Request(review, $"/v1/claims/{AppEndpoints.SeedClaimId}/reviews", bearer: null);
        create.Content = new StringContent("""
            {"reviewerName": "Status Checks", "url": "https://checks.example.org/status", "reviewedOn": "2025-05-02", "ratingText": "Checked", "rating": "true"}
            """, System.Text.Encoding.UTF8, "application/json");
        var created = await (await client.SendAsync(create)).ReadSuccessAsync();
        var (key, _) = await api.CreateKeyAsync(ApiRole.Reader);
        var webhook = await (await client.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/status-checks", events = (string[])["claim.published"] })).ReadSuccessAsync();
        return new(StringComparer.Ordinal)
        {
            ["reviews"] = created.GetProperty("id").GetString()!, ["webhooks"] = webhook.GetProperty("webhook").GetProperty("id").GetString()!, ["key"] = key,
        };
    }

    private static readonly Dictionary<string, string> Unknown = new(StringComparer.Ordinal) { ["reviews"] = "no-such-review", ["webhooks"] = "wh-no-such-hook", ["key"] = "no-such-key" };
}

public sealed class DocumentedStatusTestsOnSqlite(SqliteApi api) : DocumentedStatusTests<SqliteApi>(api);

public sealed class DocumentedStatusTestsOnPostgres(PostgresApi api) : DocumentedStatusTests<PostgresApi>(api);

/// <summary>With Auth:RequireReaderKey the served document says that reads need a key too.</summary>
public abstract class ReaderKeyDocumentTests<TApi> : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api;

    protected ReaderKeyDocumentTests(TApi fixture, DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        api = fixture;
    }

    [SkippableFact]
    public async Task NoOperationAllowsAnonymousAccess()
    {
        using var client = api.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var read = document["paths"]!["/v1/claims"]!["get"]!;
        Assert.DoesNotContain(read["security"]!.AsArray(), r => r!.AsObject().Count == 0);
        Assert.Contains("Needs an API key (any role).", read["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()), op =>
            Assert.DoesNotContain(op.Value!["security"]!.AsArray(), r => r!.AsObject().Count == 0));
    }
}

public sealed class ReaderKeyDocumentTestsOnSqlite(SqliteApiRequiringReaderKey api) : ReaderKeyDocumentTests<SqliteApiRequiringReaderKey>(api, DatabaseProvider.Sqlite);

public sealed class ReaderKeyDocumentTestsOnPostgres(PostgresApiRequiringReaderKey api) : ReaderKeyDocumentTests<PostgresApiRequiringReaderKey>(api, DatabaseProvider.Postgres);
