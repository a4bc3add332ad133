using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// One fuzz pass: requests built by <see cref="FuzzRequests"/> for every operation of the document in turn, until the
/// budget is spent, each answer checked (<see cref="FuzzChecks"/>), and the database compared before and after every
/// write the server refused.
/// </summary>
internal sealed class FuzzRun : IAsyncDisposable
{
    private const int MaxFailures = 40;

    /// <summary>The smallest body limit of any operation (POST /v1/claims/match).</summary>
    private const int SmallestBodyLimit = ClaimsApi.Features.Claims.ClaimMatcher.MaxBodyBytes;

    private readonly ClaimsApiFactory api;
    private readonly FuzzSettings settings;
    private readonly HttpClient client;
    private readonly FuzzPools pools = new();
    private readonly Dictionary<FuzzIdentity, string> keys = [];
    private readonly SortedDictionary<int, int> statuses = [];
    private readonly Dictionary<string, int> perOperation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> timePerOperation = new(StringComparer.Ordinal);
    private readonly List<(TimeSpan Time, string Request)> slowest = [];
    private readonly SortedDictionary<string, int> refusedByKestrel = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> mutated = new(StringComparer.Ordinal);
    private CommitMarker marker = null!;
    private IReadOnlyDictionary<string, List<string>>? snapshot;
    private string? snapshotMarker;
    private TimeSpan snapshotTime;
    private int snapshots;
    private int cutOff;

    private FuzzRun(ClaimsApiFactory api, FuzzSettings settings, Uri server)
    {
        this.api = api;
        this.settings = settings;
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8, // send non-ASCII header values as they are
            Expect100ContinueTimeout = TimeSpan.FromSeconds(10), // on a busy machine the default second can pass before a 413
        })
        { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
    }

    public List<string> Failures { get; } = [];

    public int Requests { get; private set; }

    public int WritesCompared { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public static async Task<FuzzRun> StartAsync(ClaimsApiFactory api, FuzzSettings settings)
    {
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var run = new FuzzRun(api, settings, new Uri(address)) { marker = await CommitMarker.OpenAsync(api.Database) };
        foreach (var (identity, role) in new[] { (FuzzIdentity.Admin, ApiRole.Admin), (FuzzIdentity.Curator, ApiRole.Curator), (FuzzIdentity.Reader, ApiRole.Reader) })
        {
            var (name, key) = await api.CreateKeyAsync(role, $"fuzz-{EnumNames.Of(role)}");
            run.keys[identity] = key;
            run.pools.ProtectedKeys.Add(name);
        }

        await run.LearnRecordsAsync();
        return run;
    }

    public async Task RunAsync()
    {
        var operations = ApiOperations.All;
        var requests = new FuzzRequests(pools);
        var seeds = new Random(settings.Seed);
        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < settings.Budget && Failures.Count < MaxFailures; n++)
        {
            var random = new Random(seeds.Next());
            var index = n % (operations.Count + 1);
            var request = index == operations.Count
                ? FuzzRequests.NextUndeclared(random, operations, n)
                : requests.Next(random, operations[index], n);
            await SendAndCheckAsync(request, index < operations.Count ? operations[index] : null);
        }

        Elapsed = clock.Elapsed;
    }

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fuzz pass on {api.Provider}: seed {settings.Seed}, budget {settings.Budget.TotalSeconds:0} s, {Elapsed.TotalSeconds:0.0} s spent ({snapshots} full database snapshots, {snapshotTime.TotalSeconds:0.0} s).");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Requests} requests ({statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} answered 5xx), {WritesCompared} refused writes compared with the database before them, {Failures.Count} failures.");
        text.AppendLine("Requests by what was mutated: " + string.Join(", ", mutated.Select(m => $"{m.Key} ×{m.Value}")));
        text.AppendLine("By status: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        text.AppendLine(CultureInfo.InvariantCulture, $"Oversized chunked uploads cut off by the server: {cutOff}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Refused by Kestrel before the app (bare 400): {refusedByKestrel.Values.Sum()} ({string.Join(", ", refusedByKestrel.Select(r => $"{r.Key} ×{r.Value}"))})");
        text.AppendLine("By operation: " + string.Join(", ", perOperation.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} ×{o.Value}")));
        text.AppendLine("Most time: " + string.Join(", ", timePerOperation.OrderByDescending(t => t.Value).Take(5).Select(t => $"{t.Key} {t.Value.TotalSeconds:0.0} s")));
        text.AppendLine("Slowest: " + string.Join(" | ", slowest.OrderByDescending(s => s.Time).Take(3).Select(s => $"{s.Time.TotalMilliseconds:0} ms {s.Request}")));
        text.Append("Replay: " + settings.Replay);
        return text.ToString();
    }

    public string Report() =>
        $"{Failures.Count} failures (seed {settings.Seed}; replay with {settings.Replay}):\n\n{string.Join("\n\n", Failures)}\n\n{Summary()}";

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await marker.DisposeAsync();
    }

    private async Task SendAndCheckAsync(FuzzRequest request, ApiOperation? operation)
    {
        string? ifMatch = request.ETagOf is null ? null : await CurrentETagAsync(request.ETagOf);
        using var message = Message(request, ifMatch);
        if (message is null)
        {
            return; // a target System.Uri cannot hold even without canonicalisation: nothing was sent
        }

        if (request.IsWrite)
        {
            // The state before the write: the last snapshot, unless something may have been committed since.
            var now = await marker.ReadAsync();
            if (snapshot is null || now != snapshotMarker)
            {
                snapshot = await SnapshotAsync();
                snapshotMarker = now;
            }
        }

        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await client.SendAsync(message);
            body = await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException) when (request.IsWrite && request.Chunked && request.Body!.Length > SmallestBodyLimit)
        {
            // The server answers an oversized chunked upload once it has read past the limit, and closes the
            // connection rather than read the rest: the client, still sending, sees the connection go. Refused all
            // the same, so it must have left nothing behind.
            cutOff++;
            await CheckUnchangedAsync(request, "the upload was cut off");
            return;
        }
        catch (HttpRequestException e)
        {
            Fail(request, $"no answer: {e.Message}");
            snapshot = null;
            return;
        }
        catch (TaskCanceledException)
        {
            Fail(request, $"no answer within {client.Timeout.TotalSeconds:0} s");
            snapshot = null;
            return;
        }

        using (response)
        {
            Requests++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            perOperation[request.Operation] = perOperation.GetValueOrDefault(request.Operation) + 1;
            foreach (var part in request.Operation == FuzzRequests.Undeclared ? ["route or method"] : request.Mutations.Select(Part).DefaultIfEmpty("none").Distinct())
            {
                mutated[part] = mutated.GetValueOrDefault(part) + 1;
            }

            Slow(clock.Elapsed, request);
            timePerOperation[request.Operation] = timePerOperation.GetValueOrDefault(request.Operation) + clock.Elapsed;

            if (FuzzChecks.IsRefusedByKestrel(response))
            {
                var what = request.Mutations.FirstOrDefault(m => m.StartsWith('{')) ?? string.Join("; ", request.Mutations);
                refusedByKestrel[what] = refusedByKestrel.GetValueOrDefault(what) + 1;
            }
            else if (FuzzChecks.Check(request, operation, response, body) is { } failure)
            {
                Fail(request, failure, response, body);
            }

            if (request.IsWrite && status >= 400 && FuzzChecks.SaysWhatItCommitted(body))
            {
                snapshot = null; // an import refused some lines and says which of its batches it committed
            }
            else if (request.IsWrite && status >= 400)
            {
                await CheckUnchangedAsync(request, $"the write was refused with {status}", response, body);
            }
            else if (request.IsWrite)
            {
                snapshot = null;
                Learn(request, response, body);
            }
            else if (status == 200)
            {
                Learn(request, response, body);
            }
        }
    }

    /// <summary>Fails the request if the database is not as it was before it (compared in full only when a commit may have happened).</summary>
    private async Task CheckUnchangedAsync(FuzzRequest request, string refusal, HttpResponseMessage? response = null, byte[]? body = null)
    {
        WritesCompared++;
        var now = await marker.ReadAsync();
        if (now == snapshotMarker)
        {
            return;
        }

        var after = await SnapshotAsync();
        if (FuzzChecks.Difference(snapshot!, after) is { } difference)
        {
            Fail(request, $"the database changed although {refusal}: {difference}", response, body);
        }

        snapshot = after;
        snapshotMarker = now;
    }

    private HttpRequestMessage? Message(FuzzRequest request, string? ifMatch)
    {
        if (!Uri.TryCreate(client.BaseAddress + request.Target.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out var uri))
        {
            return null;
        }

        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        var authorization = request.Identity switch
        {
            FuzzIdentity.Anonymous => null,
            FuzzIdentity.BadKey => request.Authorization ?? "Bearer ck_" + new string('A', 43),
            var identity => "Bearer " + keys[identity],
        };
        if (authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (ifMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Body is not null)
        {
            var headers = message.Content?.Headers.ToList() ?? [];
            message.Content = new ByteArrayContent(request.Body);
            foreach (var (name, values) in headers)
            {
                message.Content.Headers.TryAddWithoutValidation(name, values);
            }

            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            message.Headers.TransferEncodingChunked = request.Chunked;

            // As a client should: a large body waits for the server's go-ahead, so a 413 is read, not cut off mid-upload.
            message.Headers.ExpectContinue = request.Body.Length > SmallestBodyLimit;
        }

        return message;
    }

    private async Task<IReadOnlyDictionary<string, List<string>>> SnapshotAsync()
    {
        var clock = Stopwatch.StartNew();
        var taken = await DatabaseSnapshot.TakeAsync(api.Database);
        snapshotTime += clock.Elapsed;
        snapshots++;
        return taken;
    }

    /// <summary>The record's current ETag, read with the admin key (null when it cannot be read).</summary>
    private async Task<string?> CurrentETagAsync(string url)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[FuzzIdentity.Admin]);
        using var response = await client.SendAsync(message);
        return response.IsSuccessStatusCode ? response.Headers.ETag?.ToString() : null;
    }

    /// <summary>The ids, cursors and key names in an answer, so later requests can use them.</summary>
    private void Learn(FuzzRequest request, HttpResponseMessage response, byte[] body)
    {
        if (response.StatusCode == HttpStatusCode.Created && response.Headers.Location?.OriginalString is { } location
            && location.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["v1", var kind, .., var id])
        {
            pools.Add(kind, Uri.UnescapeDataString(id));
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/json" && request.Method == "GET" && body.Length < 1_000_000)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String)
                {
                    pools.AddCursor(cursor.GetString()!);
                }
            }
            catch (JsonException)
            {
                // FuzzChecks reports a body that is not JSON.
            }
        }
    }

    /// <summary>Fills the pools with the records the seeds made, as the admin sees them.</summary>
    private async Task LearnRecordsAsync()
    {
        foreach (var kind in new[] { "claims", "entities", "statements", "articles" })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, $"/v1/{kind}?limit=100");
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[FuzzIdentity.Admin]);
            using var response = await client.SendAsync(message);
            var page = await response.ReadSuccessAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                pools.Add(kind, item.GetProperty("id").GetString()!);
            }
        }

        Assert.True(pools.Count("claims") > 0 && pools.Count("statements") > 0, "the seeds gave the fuzzer no records to work on");
    }

    private void Fail(FuzzRequest request, string failure, HttpResponseMessage? response = null, byte[]? body = null)
    {
        var answer = response is null ? "" : $"\n    answer: {(int)response.StatusCode} {response.Content.Headers.ContentType} {Shorten(Encoding.UTF8.GetString(body ?? []))}";
        Failures.Add($"{failure}\n  {request.Describe()}{answer}");
    }

    private void Slow(TimeSpan time, FuzzRequest request)
    {
        slowest.Add((time, $"case {request.Case} {request.Method} {Shorten(request.Target, 80)} [{string.Join("; ", request.Mutations)}]"));
        if (slowest.Count > 20)
        {
            slowest.Sort((a, b) => b.Time.CompareTo(a.Time));
            slowest.RemoveRange(10, slowest.Count - 10);
        }
    }

    /// <summary>The part of the request a mutation changed, for the summary.</summary>
    private static string Part(string mutation) => mutation switch
    {
        _ when mutation.StartsWith('{') => "path",
        _ when mutation.StartsWith('?') => "query",
        _ when mutation.StartsWith("body", StringComparison.Ordinal) || mutation.StartsWith("text", StringComparison.Ordinal) || mutation.StartsWith("a body", StringComparison.Ordinal) => "body",
        _ when mutation.StartsWith("Content-", StringComparison.Ordinal) || mutation == "chunked" => "content type or encoding",
        _ when mutation.StartsWith("If-Match", StringComparison.Ordinal) => "If-Match",
        _ when mutation.StartsWith("as ", StringComparison.Ordinal) || mutation.StartsWith("Authorization", StringComparison.Ordinal) || mutation.StartsWith("X-Api-Key", StringComparison.Ordinal) => "key",
        _ => "other headers",
    };

    private static string Shorten(string value, int length = 600) => value.Length <= length ? value : value[..length] + "…";
}
