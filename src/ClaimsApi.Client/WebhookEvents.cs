using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimsApi.Client.Models;
using Microsoft.Kiota.Serialization.Json;

namespace ClaimsApi.Client;

/// <summary>A verified webhook delivery: its event id (de-duplicate by it), its type and the change it tells of.</summary>
/// <param name="Id">The <c>webhook-id</c> header: the same on every retry and replay of the event.</param>
/// <param name="Type">The event type, such as <c>claim.published</c>.</param>
/// <param name="Change">The change, as the change feed gives it.</param>
public sealed record WebhookEvent(string Id, string Type, ChangeResponse Change);

/// <summary>
/// Verifies a webhook delivery as docs/webhooks.md says (Standard Webhooks: HMAC-SHA256 with the subscription's
/// secret over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the timestamp within five minutes) and reads its event.
/// In an ASP.NET Core receiver the <c>StandardWebhooks</c> package does the same from the request's headers; this
/// one needs only the BCL, so that any .NET receiver can use it.
/// </summary>
public static class WebhookEvents
{
    /// <summary>How far a delivery's timestamp may be from the receiver's clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The event of a delivery whose headers (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>)
    /// and body (the exact bytes received, as UTF-8 text) verify with <paramref name="secret"/> (<c>whsec_…</c>, shown
    /// once when the subscription was made); null when they do not: answer such a request with 400 and do nothing.
    /// </summary>
    public static WebhookEvent? Verify(string secret, string? id, string? timestamp, string? signature, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(id) || signature is null || !long.TryParse(timestamp, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return null;
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        var signed = signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => TryDecode(s[3..], out var given) && CryptographicOperations.FixedTimeEquals(given, expected));
        if (!signed)
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        var change = new JsonParseNode(json.RootElement.GetProperty("data")).GetObjectValue(ChangeResponse.CreateFromDiscriminatorValue);
        return new WebhookEvent(id, json.RootElement.GetProperty("type").GetString()!, change);
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
