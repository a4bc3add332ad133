using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;
using ClaimsApi.Webhooks;

namespace ClaimsApi.Tests.Webhooks;

/// <summary>
/// What a subscription may not be, with the API as deployed (outside Development: https only, public addresses
/// only): every refusal a problem naming the field, and nothing written.
/// </summary>
public abstract class WebhookSubscriptionTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private static readonly string[] Published = ["claim.published"];

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableTheory]
    [InlineData("http://hooks.example.org/claims", "https")]
    [InlineData("https://user:secret@hooks.example.org/claims", "credentials")]
    [InlineData("ftp://hooks.example.org/claims", "http or https")]
    public async Task AUrlOfTheWrongFormIsA400NamingIt(string url, string reason)
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        var problem = await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url, events = Published }), HttpStatusCode.BadRequest, reason);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
        await AssertNoSubscriptionAsync(admin);
    }

    [SkippableTheory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost:8443/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    public async Task AUrlThatPointsIntoPrivateNetworksIsA422(string url)
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        var problem = await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url, events = Published }), HttpStatusCode.UnprocessableEntity, "only sent to public addresses");

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
        await AssertNoSubscriptionAsync(admin);
    }

    [SkippableFact]
    public async Task AHostThatDoesNotResolveIsA422()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://hooks.no-such-host.invalid/claims", events = Published }), HttpStatusCode.UnprocessableEntity, "does not resolve");
        await AssertNoSubscriptionAsync(admin);
    }

    [SkippableTheory]
    [InlineData("claim.exploded", "events", "Unknown event type 'claim.exploded'")]
    [InlineData("opinion.created", "events", "Unknown event type 'opinion.created'")]
    public async Task AnUnknownEventTypeIsA422NamingIt(string type, string field, string detail)
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        var problem = await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/hook", events = new[] { "claim.published", type } }), HttpStatusCode.UnprocessableEntity, detail);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task AFilterOnAnEntityThatDoesNotExistIsA422()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/hook", events = Published, claimant = "no-such-entity" }), HttpStatusCode.UnprocessableEntity, "'no-such-entity' does not exist");
    }

    [SkippableFact]
    public async Task NoEventsIsA400()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/hook", events = Array.Empty<string>() }), HttpStatusCode.BadRequest, "'events' is required");
    }

    [SkippableFact]
    public async Task OnlyAdminsManageWebhooks()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();

        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/hook", events = Published }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await curator.GetAsync("/v1/webhooks"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await anonymous.GetAsync("/v1/webhooks"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task APublicAddressIsAccepted()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { url = "https://203.0.113.10/hook", events = Published });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        (await admin.DeleteAsync(response.Headers.Location)).EnsureSuccessStatusCode();
    }

    private static async Task AssertNoSubscriptionAsync(HttpClient admin) =>
        Assert.Empty((await (await admin.GetAsync("/v1/webhooks")).ReadSuccessAsync()).EnumerateArray());
}

public sealed class WebhookSubscriptionTestsOnSqlite(SqliteApi api) : WebhookSubscriptionTests<SqliteApi>(api);

public sealed class WebhookSubscriptionTestsOnPostgres(PostgresApi api) : WebhookSubscriptionTests<PostgresApi>(api);

/// <summary>Which addresses webhooks are sent to.</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("203.0.113.10", true)] // documentation, but routable from here: allowed
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.9.9.9", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:192.168.1.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    public void OnlyPublicAddressesArePublic(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task AConnectionToAPrivateAddressIsRefusedAfterResolution()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await WebhookTargets.ConnectAsync(new DnsEndPoint("localhost", 9), allowPrivate: false, CancellationToken.None));

        Assert.Contains("resolves only to addresses webhooks are not sent to", refused.Message, StringComparison.Ordinal);
    }
}
