using System.Security.Cryptography;
using System.Text;

namespace ClaimsApi.Webhooks;

/// <summary>
/// Signs deliveries as the Standard Webhooks specification says (https://www.standardwebhooks.com/), so that
/// receivers can verify them with its libraries or a few lines of their own: HMAC-SHA256, keyed by the secret's
/// bytes, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent base64-encoded as <c>v1,{signature}</c>.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value of <paramref name="body"/> sent as event <paramref name="id"/> at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
