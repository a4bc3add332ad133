using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Webhooks;

/// <summary>A crash or restart mid-delivery loses no event: the delivery is sent again, with the same event id, by the next instance.</summary>
public sealed class WebhookRestartTests
{
    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnEventBeingDeliveredWhenTheApiStopsIsDeliveredByTheNextInstance(DatabaseProvider provider)
    {
        ProviderLeg.RequireProvider(provider);
        using var database = TestDatabase.Create(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => (200, n == 1 ? TimeSpan.FromMinutes(5) : TimeSpan.Zero); // the first attempt never gets its answer

        using (var first = Instance(database))
        {
            using var admin = await first.CreateClientAsync(ApiRole.Admin);
            using var curator = await first.CreateClientAsync(ApiRole.Curator);
            await WebhookDeliveryTests<ClaimsApiFactory>.SubscribeAsync(admin, receiver, ["claim.published"]);
            await WebhookDeliveryTests<ClaimsApiFactory>.PublishClaimAsync(curator);
            await receiver.WaitForAsync(1);
        } // stopped while the receiver holds the attempt

        using var second = Instance(database);
        using var admin2 = await second.CreateClientAsync(ApiRole.Admin);
        second.Clock.Advance(TimeSpan.FromMinutes(3)); // past the first attempt's lease

        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].Id, requests[1].Id);
        Assert.Equal(requests[0].Body, requests[1].Body);
        var id = (await (await admin2.GetAsync("/v1/webhooks")).ReadSuccessAsync())[0].GetProperty("id").GetString()!;
        var delivered = Assert.Single(await WebhookDeliveryTests<ClaimsApiFactory>.WaitForDeliveriesAsync(admin2, id, d => d.GetProperty("state").GetString() == "delivered"));
        Assert.Equal(requests[0].Id, delivered.GetProperty("eventId").GetString());
    }

    private static ClaimsApiFactory Instance(TestDatabase database)
    {
        var api = new ClaimsApiFactory(database, ownsDatabase: false);
        WebhookTestSettings.Apply(api.Settings);
        api.Settings["Webhooks:Timeout"] = "00:10:00";
        return api;
    }
}
