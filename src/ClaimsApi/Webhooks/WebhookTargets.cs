using System.Net;
using System.Net.Sockets;

namespace ClaimsApi.Webhooks;

/// <summary>
/// Where webhooks may be sent (decision 0034): absolute http(s) URLs without credentials, https unless http is
/// allowed, and never to a non-public address unless private networks are allowed. The address check runs when a
/// subscription is made (on every address the host resolves to) and again on the address each connection is made
/// to (<see cref="ConnectAsync"/>), so a name that later resolves to an internal address (DNS rebinding) is refused
/// too. Redirects are never followed.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> cannot be a target by its form alone, or null.</summary>
    public static string? RefuseForm(string url, bool allowHttp)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "'url' must be an absolute http or https URL.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp)
        {
            return "'url' must be https: deliveries carry signed events, which plain http would expose to anyone on the way.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "'url' must not carry credentials or a fragment; authenticate deliveries by their signature.";
        }

        return null;
    }

    /// <summary>
    /// How long the check of a new subscription waits for DNS: a name answers in milliseconds or its resolver is
    /// retrying, and the admin's request should not hang for the resolver's own five seconds.
    /// </summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Why the host of <paramref name="url"/> cannot be a target: it does not resolve (within <see cref="ResolveTimeout"/>), or it
    /// resolves to an address that is not public while private networks are not allowed. Null when it can.
    /// </summary>
    public static async Task<string?> RefuseHostAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        var host = new Uri(url).IdnHost;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (SocketException)
        {
            return $"'url' cannot be reached: its host '{host}' does not resolve.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"'url' cannot be reached: its host '{host}' did not resolve within {ResolveTimeout.TotalSeconds:0.#} s; try again.";
        }

        if (addresses.Length == 0)
        {
            return $"'url' cannot be reached: its host '{host}' has no address.";
        }

        return !allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } internalAddress
            ? $"'url' points at {internalAddress}, a loopback, private or reserved address: webhooks are only sent to public addresses."
            : null;
    }

    /// <summary>
    /// Connects a delivery: resolves the host, refuses every non-public address unless private networks are allowed,
    /// and connects to the first allowed one. The <c>SocketsHttpHandler.ConnectCallback</c> of the webhook client.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"'{endpoint.Host}' resolves only to addresses webhooks are not sent to ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.Select(a => (EndPoint)new IPEndPoint(a, endpoint.Port)).First(), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="address"/> is a public unicast address (not loopback, private, link-local, shared, multicast or reserved).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata services
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))); // benchmarking
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) // NAT64, which can reach IPv4 private addresses
                || b[0] == 0); // ::/8, reserved (IPv4-compatible and the unspecified address)
        }

        return false;
    }
}
