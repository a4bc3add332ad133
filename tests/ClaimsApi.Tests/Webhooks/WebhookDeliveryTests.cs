using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Webhooks;

/// <summary>
/// Webhook deliveries to real receivers on 127.0.0.1 (decision 0034): signed as Standard Webhooks says, one per
/// public change a subscription asks for, retried with backoff after a failure or a timeout, failed and paused after
/// the retry period or at a 410, replayable, and not lost when the API stops mid-delivery.
/// </summary>
public abstract class WebhookDeliveryTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task APublicationIsDeliveredOnceSignedAndLogged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        if (DateTimeOffset.UtcNow > api.Clock.GetUtcNow())
        {
            api.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the Standard Webhooks library checks the timestamp against the real clock
        }

        var (id, secret) = await SubscribeAsync(admin, receiver, ["claim.created", "claim.published"]);
        var claim = await PublishClaimAsync(curator);

        var delivery = Assert.Single(await receiver.WaitForAsync(1));
        var body = delivery.Json;
        Assert.Equal("claim.published", body.GetProperty("type").GetString());
        Assert.Equal(claim, body.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("published", body.GetProperty("data").GetProperty("change").GetString());
        Assert.Equal($"/v1/claims/{claim}", body.GetProperty("data").GetProperty("href").GetString());
        Assert.Equal($"evt_{body.GetProperty("data").GetProperty("position").GetInt64()}", delivery.Id);

        // Verified by the Standard Webhooks library, and by hand as docs/webhooks.md says.
        Assert.Null(delivery.VerificationError);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        Assert.Equal($"v1,{expected}", delivery.Signature);

        var logged = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "delivered"));
        Assert.Equal((delivery.Id, 1, 200), (logged.GetProperty("eventId").GetString(), logged.GetProperty("attempts").GetInt32(), logged.GetProperty("lastStatus").GetInt32()));
        Assert.Single(receiver.Received); // the draft's creation was never public: not delivered
    }

    [SkippableFact]
    public async Task AFailingReceiverIsRetriedWithBackoffUntilItAcceptsWithTheSameEventId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => (n == 1 ? 500 : 204, TimeSpan.Zero);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (id, _) = await SubscribeAsync(admin, receiver, ["claim.published"]);
        await PublishClaimAsync(curator);

        var failed = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("attempts").GetInt32() == 1));
        Assert.Equal("pending", failed.GetProperty("state").GetString());
        Assert.Equal(500, failed.GetProperty("lastStatus").GetInt32());
        Assert.Contains("500", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var retryIn = failed.GetProperty("nextAttemptAt").GetDateTimeOffset() - api.Clock.GetUtcNow();
        Assert.InRange(retryIn, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)); // half to all of the first delay (1 min here)

        api.Clock.Advance(TimeSpan.FromMinutes(1));
        var delivered = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "delivered"));
        Assert.Equal((2, 204), (delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("lastStatus").GetInt32()));
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].Id, requests[1].Id);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [SkippableFact]
    public async Task ASlowReceiverTimesOutAndIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => (200, n == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (id, _) = await SubscribeAsync(admin, receiver, ["claim.published"]);
        await PublishClaimAsync(curator);

        var timedOut = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("attempts").GetInt32() == 1));
        Assert.Equal("pending", timedOut.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, timedOut.GetProperty("lastStatus").ValueKind);
        Assert.Contains("no answer within 1 s", timedOut.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        api.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "delivered"));
    }

    [SkippableFact]
    public async Task AReceiverThatAnswers410PausesItsSubscriptionAndAResumeDeliversWhatWaited()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => (n == 1 ? 410 : 200, TimeSpan.Zero);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (id, _) = await SubscribeAsync(admin, receiver, ["claim.published"]);
        await PublishClaimAsync(curator);

        Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "failed"));
        var paused = await (await admin.GetAsync($"/v1/webhooks/{id}")).ReadSuccessAsync();
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Contains("410 Gone", paused.GetProperty("pausedReason").GetString(), StringComparison.Ordinal);

        var waited = await PublishClaimAsync(curator); // while paused: not sent
        await Task.Delay(300);
        Assert.Single(receiver.Received);

        var resumed = await (await admin.PostAsync($"/v1/webhooks/{id}/resume", null)).ReadSuccessAsync();
        Assert.Equal("active", resumed.GetProperty("state").GetString());
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(waited, requests[1].Json.GetProperty("data").GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task ADeliveryFailingForTheWholeRetryPeriodFailsPausesTheSubscriptionAndCanBeReplayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var healthy = false;
        receiver.Answer = _ => (healthy ? 200 : 503, TimeSpan.Zero);
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (id, _) = await SubscribeAsync(admin, receiver, ["claim.published"]);
        await PublishClaimAsync(curator);
        await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("attempts").GetInt32() == 1);

        api.Clock.Advance(TimeSpan.FromHours(25));
        var failed = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "failed"));
        Assert.Equal(2, failed.GetProperty("attempts").GetInt32());
        var paused = await (await admin.GetAsync($"/v1/webhooks/{id}")).ReadSuccessAsync();
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Contains("could not be delivered in 24 h", paused.GetProperty("pausedReason").GetString(), StringComparison.Ordinal);

        healthy = true;
        var replay = await admin.PostAsync($"/v1/webhooks/{id}/deliveries/{failed.GetProperty("id").GetInt64()}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        (await admin.PostAsync($"/v1/webhooks/{id}/resume", null)).EnsureSuccessStatusCode();
        var delivered = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "delivered"));
        Assert.Equal(failed.GetProperty("eventId").GetString(), delivered.GetProperty("eventId").GetString());
    }

    [SkippableFact]
    public async Task AClaimantFilterDeliversOnlyThatClaimantsClaims()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (id, _) = await SubscribeAsync(admin, receiver, ["claim.published"], claimant: "russia");
        await PublishClaimAsync(curator, claimant: "wpk-cmc");
        var wanted = await PublishClaimAsync(curator, claimant: "russia");

        Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.GetProperty("state").GetString() == "delivered"));
        Assert.Equal(wanted, Assert.Single(receiver.Received).Json.GetProperty("data").GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task TheSecretIsShownOnceAndAnAdminCanPauseListAndDelete()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var (id, _) = await SubscribeAsync(admin, receiver, ["review.created"]);

        var read = await admin.GetAsync($"/v1/webhooks/{id}");
        Assert.DoesNotContain("whsec_", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var paused = await (await admin.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/pause", new { reason = "Moving servers." })).ReadSuccessAsync();
        Assert.Equal(("paused", "Moving servers."), (paused.GetProperty("state").GetString(), paused.GetProperty("pausedReason").GetString()));
        var list = await (await admin.GetAsync("/v1/webhooks")).ReadSuccessAsync();
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        Assert.DoesNotContain("whsec_", list.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/webhooks/{id}")).StatusCode);
        await Problem.AssertAsync(await admin.GetAsync($"/v1/webhooks/{id}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await admin.GetAsync($"/v1/webhooks/{id}/deliveries"), HttpStatusCode.NotFound);
    }

    internal static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient admin, WebhookReceiver receiver, string[] events, string? claimant = null)
    {
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = receiver.Url, events, claimant });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadSuccessAsync();
        var secret = created.GetProperty("secret").GetString()!;
        receiver.Secret = secret;
        return (created.GetProperty("webhook").GetProperty("id").GetString()!, secret);
    }

    internal static async Task<string> PublishClaimAsync(HttpClient curator, string claimant = "wpk-cmc")
    {
        var id = await EntityWriteTests<TApi>.CreateClaimAsync(curator, claimant, mentions: ["dprk"]);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "in-review" }, "\"1\"")).EnsureSuccessStatusCode();
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{id}/workflow", new { to = "published" }, "\"2\"")).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>The subscription's deliveries once one of them matches (up to 30 s).</summary>
    internal static async Task<List<JsonElement>> WaitForDeliveriesAsync(HttpClient admin, string id, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await (await admin.GetAsync($"/v1/webhooks/{id}/deliveries")).ReadSuccessAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Any(done))
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < until, $"no delivery of {id} got there in 30 s: {page}");
            await Task.Delay(50);
        }
    }
}

/// <summary>The API as webhook tests run it: receivers on 127.0.0.1 over http allowed, a fast pace, short timeouts.</summary>
public static class WebhookTestSettings
{
    public static void Apply(Dictionary<string, string?> settings)
    {
        settings["Webhooks:AllowHttp"] = "true";
        settings["Webhooks:AllowPrivateNetworks"] = "true";
        settings["Webhooks:PollInterval"] = "00:00:00.050";
        settings["Webhooks:Timeout"] = "00:00:01";
        settings["Webhooks:FirstRetryDelay"] = "00:01:00";
    }
}

public sealed class SqliteWebhookApi : ClaimsApiFactory
{
    public SqliteWebhookApi()
        : base(new SqliteTestDatabase(), ownsDatabase: true) => WebhookTestSettings.Apply(Settings);
}

public sealed class PostgresWebhookApi : ClaimsApiFactory, IPostgresLeg
{
    public PostgresWebhookApi()
        : base(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase(), ownsDatabase: true) => WebhookTestSettings.Apply(Settings);
}

public sealed class WebhookDeliveryTestsOnSqlite(SqliteWebhookApi api) : WebhookDeliveryTests<SqliteWebhookApi>(api);

public sealed class WebhookDeliveryTestsOnPostgres(PostgresWebhookApi api) : WebhookDeliveryTests<PostgresWebhookApi>(api);
