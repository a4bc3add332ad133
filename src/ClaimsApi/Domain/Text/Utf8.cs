using System.Text;

namespace ClaimsApi.Domain.Text;

/// <summary>UTF-8 that refuses what is not UTF-8: seed files, article bodies and hashes all read and write text through it.</summary>
public static class Utf8
{
    /// <summary>No byte-order mark; invalid bytes throw (<see cref="DecoderFallbackException"/>) instead of becoming U+FFFD.</summary>
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
