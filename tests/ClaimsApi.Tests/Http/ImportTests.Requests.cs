using System.Net;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary><c>POST /v1/import</c> as a request: who may send it, its media type, its parameters and an empty body.</summary>
public abstract partial class ImportTests<TApi>
{
    [SkippableFact]
    public async Task AReaderKeyIsForbiddenAndNoKeyIsUnauthorized()
    {
        using var reader = await api.CreateClientAsync(ApiRole.Reader);
        using var anonymous = api.CreateClient();
        var set = new Records();

        await Problem.AssertAsync(await ImportAsync(reader, [set.EntityLine]), HttpStatusCode.Forbidden);
        var unauthorized = await ImportAsync(anonymous, [set.EntityLine]);
        await Problem.AssertAsync(unauthorized, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", unauthorized.Headers.WwwAuthenticate.Single().Scheme);
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{set.Entity}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task ABodyThatIsNotNdjsonIs415AndABadBatchSizeIs400()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var json = await curator.PostAsync("/v1/import", new StringContent(set.EntityLine, Encoding.UTF8, "application/json"));
        var batch = await ImportAsync(curator, [set.EntityLine], "?batch=0");
        var workflow = await ImportAsync(curator, [set.EntityLine], "?workflow=review");

        await Problem.AssertAsync(json, HttpStatusCode.UnsupportedMediaType, "application/x-ndjson");
        var invalid = await Problem.AssertAsync(batch, HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("batch", out _));
        Assert.True((await Problem.AssertAsync(workflow, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("workflow", out _));
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{set.Entity}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task BlankLinesAreSkippedButCountedInLineNumbers()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var set = new Records();

        var response = await ImportAsync(curator, [set.EntityLine, "", "   ", Line("entity", new { id = "Bad Id", name = "X", kind = "person" })]);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, problem.GetProperty("report").GetProperty("lines").GetInt32());
        Assert.Equal(4, problem.GetProperty("rejected")[0].GetProperty("line").GetInt32());
    }

    [SkippableFact]
    public async Task AnEmptyBodyIsA400NamingTheBody()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);

        var empty = await curator.PostAsync("/v1/import", new StringContent("", Encoding.UTF8, "application/x-ndjson"));
        var blank = await ImportAsync(curator, ["", "   "]);

        Assert.True((await Problem.AssertAsync(empty, HttpStatusCode.BadRequest, "empty")).GetProperty("errors").TryGetProperty("body", out _));
        Assert.True((await Problem.AssertAsync(blank, HttpStatusCode.BadRequest, "empty")).GetProperty("errors").TryGetProperty("body", out _));
    }
}
