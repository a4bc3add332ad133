using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ClaimsApi.Http;

/// <summary>
/// What one client may hold of the server (configuration section <c>Limits</c>; docs/security.md). Each value is
/// generous for a real client and bounds what an idle or slow one can take: a connection costs a file descriptor,
/// and a process that runs out of them stops accepting anything, or dies.
/// </summary>
public sealed class ServerLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Open connections at most; more are refused at once. Left out: half the process's open-file limit
    /// (<c>ulimit -n</c>), so the database, logs and the runtime keep the other half, and at most 10,000.
    /// </summary>
    public long? MaxConcurrentConnections { get; set; }

    /// <summary>How long a connection may sit idle between requests (and before its first) before it is closed.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client has to send a request's headers, once it has started.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest request line (method, path and query string): long enough for a 10,000-character query to reach validation, which names the parameter.</summary>
    public int MaxRequestLineSize { get; set; } = 64 * 1024;

    /// <summary>All request headers together.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Request headers at most.</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>Any request body; each operation has its own, smaller limit (1 MB for an article, 64 KB for the others).</summary>
    public long MaxRequestBodySize { get; set; } = 2 * 1024 * 1024;

    /// <summary>A client that sends its body slower than this (bytes per second, after a 5-second grace) is cut off.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>A client that reads its response slower than this (bytes per second, after a 5-second grace) is cut off.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>HTTP/2 streams one connection may have open at once.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;
}

public static class ServerLimits
{
    private const long MaxDefaultConnections = 10_000;

    /// <summary>Kestrel's limits from the <c>Limits</c> section; no <c>Server</c> header (it tells an attacker what to aim at, and a client nothing).</summary>
    public static WebApplicationBuilder ConfigureServerLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerLimitsOptions.Section).Get<ServerLimitsOptions>() ?? new ServerLimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxConcurrentConnections = options.MaxConcurrentConnections ?? DefaultMaxConnections(OpenFileLimit());
            limits.MaxConcurrentUpgradedConnections = limits.MaxConcurrentConnections;
            limits.KeepAliveTimeout = options.KeepAliveTimeout;
            limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            limits.MaxRequestLineSize = options.MaxRequestLineSize;
            limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize;
            limits.MaxRequestHeaderCount = options.MaxRequestHeaderCount;
            limits.MaxRequestBodySize = options.MaxRequestBodySize;
            limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(options.MinResponseBytesPerSecond, TimeSpan.FromSeconds(5));
            limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        });
        return builder;
    }

    /// <summary>Half the open-file limit, at most 10,000; 10,000 where the limit is unknown or unlimited.</summary>
    public static long DefaultMaxConnections(long? openFileLimit) =>
        openFileLimit is { } limit and > 0 ? Math.Clamp(limit / 2, 1, MaxDefaultConnections) : MaxDefaultConnections;

    /// <summary>The soft limit on open files (<c>ulimit -n</c>) on Linux, from /proc; null elsewhere, or when unlimited.</summary>
    public static long? OpenFileLimit()
    {
        const string File = "/proc/self/limits";
        try
        {
            return System.IO.File.Exists(File) ? ParseOpenFileLimit(System.IO.File.ReadLines(File)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The soft limit from the lines of /proc/self/limits ("Max open files   1024   4096   files").</summary>
    public static long? ParseOpenFileLimit(IEnumerable<string> lines)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
