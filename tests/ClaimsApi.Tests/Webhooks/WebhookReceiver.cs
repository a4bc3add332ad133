using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its headers, body, and whether the Standard Webhooks library accepts its signature.</summary>
internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, string? VerificationError)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a free port): records every delivery, and answers as the test says
/// (a status, after a delay), so that deliveries meet a receiver that works, fails, is slow or is gone.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The URL deliveries are POSTed to.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The secret to verify signatures with (set once the subscription is made).</summary>
    public string? Secret { get; set; }

    /// <summary>How to answer the nth request (1-based): a status and how long to wait before answering.</summary>
    public Func<int, (int Status, TimeSpan Delay)> Answer { get; set; } = _ => (200, TimeSpan.Zero);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var count = 0;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var (status, delay) = receiver.Answer(Interlocked.Increment(ref count));
            string? error = null;
            try
            {
                new StandardWebhooks.StandardWebhook(receiver.Secret ?? throw new InvalidOperationException("no secret yet")).Verify(body, http.Request.Headers);
            }
            catch (Exception e)
            {
                error = e.Message;
            }

            receiver._received.Enqueue(new ReceivedWebhook(
                http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(), body, error));
            receiver._arrived.Release();
            await Task.Delay(delay, http.RequestAborted);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hook";
        return receiver;
    }

    /// <summary>Waits (up to 30 s) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_received.Count < count)
        {
            await _arrived.WaitAsync(timeout.Token);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
