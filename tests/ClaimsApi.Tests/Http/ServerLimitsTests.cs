using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ClaimsApi.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// Kestrel's limits (docs/security.md): from configuration, with defaults that keep a flood of idle connections from
/// taking the process down. The flood itself is sent to the built API run as a process on 127.0.0.1, as an attacker
/// would send it (the in-memory test server has no connections).
/// </summary>
public sealed partial class ServerLimitsTests
{
    [Theory]
    [InlineData(1024L, 512L)]
    [InlineData(4096L, 2048L)]
    [InlineData(1_048_576L, 10_000L)]
    [InlineData(null, 10_000L)]
    public void ByDefaultHalfTheOpenFileLimitIsLeftForConnectionsAtMost10000(long? openFiles, long expected)
    {
        Assert.Equal(expected, ServerLimits.DefaultMaxConnections(openFiles));
    }

    [Fact]
    public void TheOpenFileLimitIsTheSoftLimitOfProcLimits()
    {
        string[] lines =
        [
            "Limit                     Soft Limit           Hard Limit           Units",
            "Max processes             63431                63431                processes",
            "Max open files            1024                 524288               files",
        ];

        Assert.Equal(1024, ServerLimits.ParseOpenFileLimit(lines));
        Assert.Null(ServerLimits.ParseOpenFileLimit(["Max open files            unlimited            unlimited            files"]));
    }

    [Fact]
    public void TheLimitsSectionConfiguresKestrel()
    {
        using var api = new SqliteApi();
        api.Settings["Limits:MaxConcurrentConnections"] = "123";
        api.Settings["Limits:KeepAliveTimeout"] = "00:00:07";
        api.Settings["Limits:MaxRequestHeaderCount"] = "20";

        var limits = api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal((123L, TimeSpan.FromSeconds(7), 20), (limits.Limits.MaxConcurrentConnections, limits.Limits.KeepAliveTimeout, limits.Limits.MaxRequestHeaderCount));
        Assert.Equal((TimeSpan.FromSeconds(10), 2L * 1024 * 1024), (limits.Limits.RequestHeadersTimeout, limits.Limits.MaxRequestBodySize));
        Assert.False(limits.AddServerHeader);
    }

    [Fact]
    public async Task AFloodOfIdleConnectionsNeitherKillsTheProcessNorKeepsItFromServingOnceTheyTimeOut()
    {
        var work = Directory.CreateTempSubdirectory("claimsapi-limits-");
        // The default connection limit (half the open files) at an open-file limit of 1,024 (a common default): without it, the
        // process runs out of descriptors and dies or stops accepting for good.
        var server = StartServer(work.FullName, openFiles: 1024, ("Limits__KeepAliveTimeout", "00:00:02"));
        var idle = new List<Socket>();
        try
        {
            var port = await server.PortAsync();
            for (var i = 0; i < 1500; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // Refused: the limit at work.
                }

                idle.Add(socket);
            }

            Assert.False(server.Process.HasExited, "the process died under the flood");

            // The idle connections are closed after the keep-alive timeout; then the API serves again.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            HttpStatusCode? status = null;
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                try
                {
                    status = (await http.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(server.Process.HasExited);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
            server.Dispose();
            work.Delete(recursive: true);
        }
    }

    private static RunningServer StartServer(string directory, int openFiles, params (string Name, string Value)[] settings)
    {
        var start = ApiProcess.StartInfo(Path.Combine(directory, "claims.db"), directory,
            [("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Information"), .. settings], openFiles: openFiles);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(); // drained, so the server never blocks on a full pipe
        return new RunningServer(process);
    }

    private sealed class RunningServer(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        /// <summary>The port from Kestrel's "Now listening on" line (the server was told to take any free one).</summary>
        public async Task<int> PortAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (ListeningRegex().Match(line) is { Success: true } match)
                {
                    _ = Process.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep the pipe drained
                    return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException($"the server exited (code {Process.ExitCode}) before listening");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningRegex();
}
