using System.Net;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>Key management over HTTP (/v1/keys): admins only, the key shown once, revocation at once.</summary>
public abstract class KeyEndpointTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    private static string NewName() => $"desk-{Guid.NewGuid():N}"[..20];

    [SkippableFact]
    public async Task AnAdminCreatesAKeyThatWorksAndIsShownOnlyInTheCreation()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var name = NewName();

        var created = await admin.SendJsonAsync(HttpMethod.Post, "/v1/keys", new { name, role = "curator" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/keys/{name}", created.Headers.Location?.ToString());
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var body = await created.ReadSuccessAsync();
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal("curator", body.GetProperty("info").GetProperty("role").GetString());
        using var curator = api.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync("/v1/claims/dprk-troops-fought-in-kursk/history")).StatusCode);

        var one = await (await admin.GetAsync(created.Headers.Location)).ReadSuccessAsync();
        Assert.Equal(name, one.GetProperty("name").GetString());
        Assert.DoesNotContain(key, one.GetRawText(), StringComparison.Ordinal);
        var list = await (await admin.GetAsync("/v1/keys")).ReadSuccessAsync();
        var listed = Assert.Single(list.EnumerateArray(), k => k.GetProperty("name").GetString() == name);
        Assert.Equal(key[..11], listed.GetProperty("prefix").GetString());
        Assert.DoesNotContain(key, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
    }

    [SkippableFact]
    public async Task RevokingAKeyRefusesItAtOnceAndKeepsItListed()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);
        var (name, key) = await api.CreateKeyAsync(ApiRole.Curator, NewName());
        using var curator = api.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync("/v1/claims")).StatusCode);

        var revoked = await admin.DeleteAsync($"/v1/keys/{name}");

        Assert.NotEqual(JsonValueKind.Null, (await revoked.ReadSuccessAsync()).GetProperty("revokedAt").ValueKind);
        await Problem.AssertAsync(await curator.GetAsync("/v1/claims"), HttpStatusCode.Unauthorized, "not known or has been revoked");
        var again = await admin.SendJsonAsync(HttpMethod.Post, "/v1/keys", new { name, role = "reader" });
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, name);
    }

    [SkippableFact]
    public async Task RevokingAnUnknownKeyIsNotFound()
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        await Problem.AssertAsync(await admin.DeleteAsync($"/v1/keys/{NewName()}"), HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [InlineData("""{"role":"curator"}""", "name")]
    [InlineData("""{"name":"","role":"curator"}""", "name")]
    [InlineData("""{"name":"-starts-with-a-dash","role":"curator"}""", "name")]
    [InlineData("""{"name":"has space","role":"curator"}""", "name")]
    [InlineData("""{"name":"desk"}""", "role")]
    [InlineData("""{"name":"desk","role":"owner"}""", "role")]
    [InlineData("""{"name":"desk","role":"curator","scopes":[]}""", "scopes")]
    public async Task AnInvalidRequestIsABadRequestNamingTheField(string body, string field)
    {
        using var admin = await api.CreateClientAsync(ApiRole.Admin);

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/v1/keys", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [SkippableFact]
    public async Task ACuratorCannotManageKeys()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        await Problem.AssertAsync(await curator.GetAsync("/v1/keys"), HttpStatusCode.Forbidden, "role admin");
        await Problem.AssertAsync(await curator.SendJsonAsync(HttpMethod.Post, "/v1/keys", new { name = NewName(), role = "admin" }), HttpStatusCode.Forbidden, "role admin");
    }
}

public sealed class KeyEndpointTestsOnSqlite(SqliteApi api) : KeyEndpointTests<SqliteApi>(api);

public sealed class KeyEndpointTestsOnPostgres(PostgresApi api) : KeyEndpointTests<PostgresApi>(api);
