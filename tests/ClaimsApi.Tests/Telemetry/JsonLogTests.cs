using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Telemetry;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c>, as an operator sets it: the server, run as a process, writes one JSON
/// object per line, and the lines of a request carry its ids in their scopes (the caller's trace id from traceparent).
/// </summary>
public sealed partial class JsonLogTests : IDisposable
{
    private const string CallerTrace = "0af7651916cd43dd8448eb211c80319c";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("claimsapi-json-log-");
    private readonly ConcurrentQueue<string> _lines = new();
    private Process? _server;

    [Fact]
    public async Task EachLineIsAJsonObjectAndARequestsLinesCarryItsIds()
    {
        Start();
        var address = await WaitForLineAsync(line => ListeningOn().Match(line) is { Success: true } m ? m.Groups[1].Value : null);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/claims/no-such-claim");
        request.Headers.Add("traceparent", $"00-{CallerTrace}-b7ad6b7169203331-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var traceId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!;
        var finished = await WaitForLineAsync(line => line.Contains("Request finished", StringComparison.Ordinal) && line.Contains("no-such-claim", StringComparison.Ordinal) ? line : null);
        var scopes = Scopes(JsonDocument.Parse(finished).RootElement);
        Assert.Equal(CallerTrace, scopes["TraceId"]);
        Assert.Equal(traceId, $"00-{scopes["TraceId"]}-{scopes["SpanId"]}-01");
        Assert.False(string.IsNullOrEmpty(scopes["RequestId"]));
        foreach (var line in _lines)
        {
            var entry = JsonDocument.Parse(line).RootElement; // every line parses
            Assert.Matches(Timestamp(), entry.GetProperty("Timestamp").GetString());
        }
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
            _server.Dispose();
        }

        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Start()
    {
        // The content root is the test output: the app's appsettings.json is there.
        _server = Process.Start(ApiProcess.StartInfo(Path.Combine(_work.FullName, "claims.db"), AppContext.BaseDirectory,
        [
            ("Logging__Console__FormatterName", "json"),
            ("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information"),
            ("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Information"),
        ]))!;
        _server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _lines.Enqueue(line);
            }
        };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
    }

    private async Task<string> WaitForLineAsync(Func<string, string?> match)
    {
        for (var i = 0; i < 600; i++)
        {
            if (_lines.Select(match).FirstOrDefault(found => found is not null) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No such line in 60 s; the log:\n{string.Join('\n', _lines)}");
        return "";
    }

    private static Dictionary<string, string> Scopes(JsonElement entry) =>
        entry.GetProperty("Scopes").EnumerateArray()
            .Where(scope => scope.ValueKind == JsonValueKind.Object)
            .SelectMany(scope => scope.EnumerateObject())
            .Where(p => p.Name != "Message")
            .GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => g.First().Value.ToString());

    [GeneratedRegex(@"""Message"":""Now listening on: (http://127\.0\.0\.1:\d+)""")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex Timestamp();
}
