using System.Net.Http.Json;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Statements;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Articles and statements that a test writes for itself through the API, so it owns its data.</summary>
public static class TestArticles
{
    /// <summary>An article in the seed format with a unique lead and title (so a unique id), then <paramref name="paragraphs"/>.</summary>
    public static string Text(params string[] paragraphs)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        return $" date 2025-05-01 Lead {marker}\n\nTitle {marker}\n\n{string.Join("\n\n", paragraphs)}";
    }

    /// <summary>Sends <paramref name="text"/> as text/plain (UTF-8).</summary>
    public static Task<HttpResponseMessage> SendTextAsync(this HttpClient client, HttpMethod method, string url, string text, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(text, Encoding.UTF8, "text/plain") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>Posts a new article made of <paramref name="paragraphs"/> and reads it back.</summary>
    public static async Task<ArticleDetail> PostArticleAsync(this HttpClient curator, params string[] paragraphs)
    {
        var response = await curator.SendTextAsync(HttpMethod.Post, "/v1/articles", Text(paragraphs));
        await response.ReadSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<ArticleDetail>(ClaimsApiFactory.Json))!;
    }

    /// <summary>Posts a statement quoting <paramref name="exact"/> (a draft) and reads it back.</summary>
    public static async Task<StatementResponse> PostStatementAsync(this HttpClient curator, string articleId, string exact, string? prefix = null, string? suffix = null, string? parent = null, string speaker = "dprk")
    {
        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/statements", new StatementWrite(
            $"st-{Guid.NewGuid():N}"[..20], articleId, speaker, StatementKind.ReportedSpeech, null, exact, prefix, suffix, parent, null));
        await response.ReadSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<StatementResponse>(ClaimsApiFactory.Json))!;
    }

    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> response) => await (await response).ReadAsync<T>();

    /// <summary>Reads a successful JSON response as <typeparamref name="T"/>, failing with the body otherwise.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        await response.ReadSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<T>(ClaimsApiFactory.Json))!;
    }
}
