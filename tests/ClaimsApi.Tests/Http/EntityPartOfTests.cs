using System.Net;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>partOf through the API: the rules of Domain/Rules/PartOfRules, with the API's messages.</summary>
public abstract class EntityPartOfTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task PartOfItselfOrAnUnknownEntityIsUnprocessableWithTheReason()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await EntityWriteTests<TApi>.CreateEntityAsync(curator, "Self Contained Council");
        var nobody = $"nobody-{Guid.NewGuid().ToString("N")[..8]}";

        await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { name = "Self Contained Council", kind = "organisation", partOf = id }, "\"1\""),
            HttpStatusCode.UnprocessableEntity, "An entity cannot be part of itself.");
        await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { name = "Self Contained Council", kind = "organisation", partOf = nobody }, "\"1\""),
            HttpStatusCode.UnprocessableEntity, $"There is no entity '{nobody}'.");
    }

    [SkippableFact]
    public async Task AnEntityCannotBePartOfADeletedEntity()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var deleted = await EntityWriteTests<TApi>.CreateEntityAsync(curator, "Dissolved Ministry", partOf: "dprk");
        Assert.Equal(HttpStatusCode.NoContent, (await curator.SendJsonAsync(HttpMethod.Delete, $"/v1/entities/{deleted}", null, "\"1\"")).StatusCode);

        var problem = await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { name = "Dissolved Ministry Office", kind = "organisation", partOf = deleted }),
            HttpStatusCode.UnprocessableEntity, $"There is no entity '{deleted}'.");

        Assert.True(problem.GetProperty("errors").TryGetProperty("partOf", out _));
    }

    [SkippableFact]
    public async Task MergingAnEntityIntoOneOfItsPartsIsAConflictNamingTheChain()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var treaty = await EntityWriteTests<TApi>.CreateEntityAsync(curator, "Merge Circle Treaty", kind: "treaty");
        var part = await EntityWriteTests<TApi>.CreateEntityAsync(curator, "Merge Circle Treaty Article 1", kind: "treaty-article", partOf: treaty);
        var clause = await EntityWriteTests<TApi>.CreateEntityAsync(curator, "Merge Circle Treaty Article 1 Clause 2", kind: "treaty-article", partOf: part);

        await Problem.AssertAsync(
            await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{treaty}/merge", new { into = clause }, "\"1\""),
            HttpStatusCode.Conflict,
            $"Entity '{clause}' is part of '{treaty}' ({clause} → {part} → {treaty}); merging would make it part of itself. Change its partOf first.");
    }
}

public sealed class EntityPartOfTestsOnSqlite(SqliteApi api) : EntityPartOfTests<SqliteApi>(api);

public sealed class EntityPartOfTestsOnPostgres(PostgresApi api) : EntityPartOfTests<PostgresApi>(api);
