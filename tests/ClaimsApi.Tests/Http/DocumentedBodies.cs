using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimsApi.Tests.Http;

/// <summary>The JSON request bodies of the committed document, and where to send them (for RequiredFieldsTests and FieldLimitsTests).</summary>
internal static class DocumentedBodies
{
    /// <summary>
    /// Each JSON request body schema of the document (the article's is inline, in two operations), with the operation
    /// to send it to: one that checks If-Match where there is one, so that a body that passes validation is answered
    /// 428 (or 404) and nothing is written.
    /// </summary>
    public static IEnumerable<(string Name, JsonObject Schema, DocumentedOperation Operation)> Schemas() =>
        CommittedDocument.Operations.Where(o => o.BodySchema is not null)
            .GroupBy(o => CommittedDocument.NameOf(o.BodySchema!, o.Path.StartsWith("/v1/articles", StringComparison.Ordinal) ? "ArticleWrite" : o.Path == "/v1/extract" ? "ExtractRequest" : o.ToString()))
            .Select(g => (g.Key, g.OrderByDescending(o => o.Declares(428)).First()))
            .Select(g => (g.Key.Replace(" (inline)", "", StringComparison.Ordinal), g.Item2.BodySchema!, g.Item2));

    /// <summary>The operation's path with records that exist (and a review and a key that do not).</summary>
    public static string Url(DocumentedOperation operation) =>
        CommittedDocument.Fill(operation.Path, new Dictionary<string, string>(StringComparer.Ordinal) { ["reviews"] = "no-such-review", ["webhooks"] = "wh-no-such-hook", ["key"] = "no-such-key" });
}

/// <summary>An operation at a URL, with a key that may call it.</summary>
internal sealed record BodyTarget(HttpClient Client, DocumentedOperation Operation, string Url)
{
    /// <summary>Sends <paramref name="body"/> as JSON: the status, and the fields a 400 names.</summary>
    public Task<(HttpStatusCode Status, HashSet<string> Errors)> SendAsync(JsonObject body) =>
        SendAsync(new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Sends <paramref name="content"/>, with <paramref name="query"/> after the URL: the status, and the fields a 400 names.</summary>
    public async Task<(HttpStatusCode Status, HashSet<string> Errors)> SendAsync(HttpContent? content, string query = "")
    {
        using var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url + query) { Content = content };
        using var response = await Client.SendAsync(request);
        var errors = new HashSet<string>(StringComparer.Ordinal);
        if (response.StatusCode == HttpStatusCode.BadRequest &&
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("errors", out var named))
        {
            errors.UnionWith(named.EnumerateObject().Select(e => e.Name));
        }

        return (response.StatusCode, errors);
    }
}
