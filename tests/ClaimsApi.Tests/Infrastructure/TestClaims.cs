using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Claims that tests write through the API: valid bodies on the seed article, with ids no other test uses.</summary>
internal static class TestClaims
{
    /// <summary>A statement of the seed article that every claim written by tests quotes.</summary>
    public const string Statement = "p3-noted-treaty";

    /// <summary>A new id, unique to the calling test: <paramref name="stem"/> and 8 random hex digits.</summary>
    public static string NewId(string stem = "test-claim") => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A valid claim body: the WPK CMC's factual claim, carried by <see cref="Statement"/>.</summary>
    public static JsonObject Body(string? id, string text = "North Korean troops were sent to the war under the mutual defence treaty.") => new()
    {
        ["id"] = id,
        ["text"] = text,
        ["claimant"] = "wpk-cmc",
        ["kind"] = "factual",
        ["article"] = TestPaths.SeedArticleId,
        ["evidence"] = new JsonArray(new JsonObject { ["statement"] = Statement }),
    };

    /// <summary>Creates a claim (as a draft) and returns it as the API answered, with its ETag.</summary>
    public static async Task<(JsonElement Claim, string ETag)> CreateAsync(HttpClient curator, string id, string? text = null)
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", (text is null ? Body(id) : Body(id, text)).ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal($"/v1/claims/{id}", response.Headers.Location?.OriginalString);
        return (await response.ReadSuccessAsync(), response.ETag());
    }
}
