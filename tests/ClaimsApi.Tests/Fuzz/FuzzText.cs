using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// Text a .NET string cannot carry to the wire as it is: lone surrogates (an escaped <c>\ud800</c> in JSON),
/// invalid UTF-8 bytes and raw JSON (a number out of range, a nested array). Each is a token inside an ordinary
/// string, written out by <see cref="Json"/>, <see cref="Plain"/> or <see cref="Url"/> as that medium allows.
/// </summary>
internal static partial class FuzzText
{
    public const string LoneHigh = "\u0001LH\u0001";
    public const string LoneLow = "\u0001LL\u0001";
    public const string ReversedPair = "\u0001RP\u0001";
    public const string InvalidUtf8 = "\u0001IU\u0001";
    public const string OverlongUtf8 = "\u0001OU\u0001";
    public const string EncodedSurrogate = "\u0001ES\u0001";

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How each token is escaped in JSON text (null: not expressible there, sent as bytes).</summary>
    private static readonly Dictionary<string, string?> JsonEscapes = new(StringComparer.Ordinal)
    {
        ["LH"] = "\\ud800",
        ["LL"] = "\\udc00",
        ["RP"] = "\\udc00\\ud800",
        ["IU"] = null,
        ["OU"] = null,
        ["ES"] = null,
    };

    /// <summary>Each token as bytes on the wire: UTF-8 that is not valid UTF-8.</summary>
    private static readonly Dictionary<string, byte[]> Bytes = new(StringComparer.Ordinal)
    {
        ["LH"] = [0xED, 0xA0, 0x80],
        ["LL"] = [0xED, 0xB0, 0x80],
        ["RP"] = [0xED, 0xB0, 0x80, 0xED, 0xA0, 0x80],
        ["IU"] = [0xFF, 0xC3, 0x28],
        ["OU"] = [0xC0, 0xAF],
        ["ES"] = [0xED, 0xA0, 0x80],
    };

    /// <summary>A token standing for <paramref name="json"/> at a value's place (the value's quotes included).</summary>
    public static string Raw(string json) => "\u0001R" + Convert.ToHexString(Encoding.UTF8.GetBytes(json)) + "\u0001";

    public static byte[] Json(JsonNode? node)
    {
        var text = node?.ToJsonString(Options) ?? "null";
        text = RawToken().Replace(text, m => Encoding.UTF8.GetString(Convert.FromHexString(m.Groups[1].Value)));
        text = EscapedToken().Replace(text, m => JsonEscapes[m.Groups[1].Value] ?? m.Value);
        return Splice(Encoding.UTF8.GetBytes(text), EscapedToken());
    }

    /// <summary>Text as UTF-8, with each token as its bytes.</summary>
    public static byte[] Plain(string text) => Splice(Encoding.UTF8.GetBytes(text), PlainToken());

    /// <summary>A query or path value, percent-encoded, with each token as its bytes percent-encoded.</summary>
    public static string Url(string value)
    {
        var url = new StringBuilder();
        var at = 0;
        foreach (Match token in PlainToken().Matches(value))
        {
            url.Append(Uri.EscapeDataString(value[at..token.Index]));
            foreach (var b in Bytes[token.Groups[1].Value])
            {
                url.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            at = token.Index + token.Length;
        }

        return url.Append(Uri.EscapeDataString(value[at..])).ToString();
    }

    /// <summary>A value for a header, where none of this can go: tokens become '?'.</summary>
    public static string Header(string value) => PlainToken().Replace(value, "?");

    /// <summary>Replaces each token in <paramref name="utf8"/> (ASCII, so found in the bytes) with its bytes.</summary>
    private static byte[] Splice(byte[] utf8, Regex token)
    {
        var text = Encoding.Latin1.GetString(utf8); // one char per byte, so indices are byte offsets
        var matches = token.Matches(text);
        if (matches.Count == 0)
        {
            return utf8;
        }

        using var output = new MemoryStream(utf8.Length);
        var at = 0;
        foreach (Match m in matches)
        {
            output.Write(utf8, at, m.Index - at);
            output.Write(Bytes[m.Groups[1].Value]);
            at = m.Index + m.Length;
        }

        output.Write(utf8, at, utf8.Length - at);
        return output.ToArray();
    }

    [GeneratedRegex("\"\\\\u0001R([0-9A-F]*)\\\\u0001\"")]
    private static partial Regex RawToken();

    [GeneratedRegex("\\\\u0001(LH|LL|RP|IU|OU|ES)\\\\u0001")]
    private static partial Regex EscapedToken();

    [GeneratedRegex("\u0001(LH|LL|RP|IU|OU|ES)\u0001")]
    private static partial Regex PlainToken();
}
