using System.Buffers.Text;
using System.Text;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// The values the fuzzer sends where a string, a number or a header goes: each with a label, so that a failure
/// says what was sent. Values that JSON or .NET strings cannot carry (lone surrogates, invalid UTF-8, number
/// literals out of range) are <see cref="FuzzText"/> tokens, spliced into the bytes after serialisation.
/// </summary>
internal static class HostileValues
{
    /// <summary>Strings: control characters, SQL and full-text syntax, bidirectional and invisible text, long text.</summary>
    public static readonly (string Label, string Value)[] Strings =
    [
        ("empty", ""),
        ("blank", " \t "),
        ("newline", "\n"),
        ("x-newline", "x\n"),
        ("crlf", "a\r\nb"),
        ("nul", "a\0b"),
        ("bell", "\a"),
        ("escape", "\u001b[31mred"),
        ("del", "\u007f"),
        ("c1", "\u0085\u009b"),
        ("line-separators", "a\u2028b\u2029c"),
        ("sql-or", "' OR 1=1 --"),
        ("sql-drop", "'; DROP TABLE claims; --"),
        ("sql-union", "x' UNION SELECT hash FROM api_keys --"),
        ("quote", "\""),
        ("quotes", "\"\"'''"),
        ("backslash", "\\"),
        ("fts-near", "NEAR("),
        ("fts-near-full", "NEAR(north korea, 2)"),
        ("fts-star", "*"),
        ("fts-prefix", "kur*"),
        ("fts-operators", "AND OR NOT"),
        ("fts-not", "NOT treaty"),
        ("fts-column", "text:kursk"),
        ("fts-group", "(treaty OR"),
        ("fts-caret", "^kursk"),
        ("fts-braces", "{text title}: kursk"),
        ("tsquery", "kursk & !treaty | <-> :* ''"),
        ("like", "%_%"),
        ("rtl-override", "\u202Eevil\u202C"),
        ("rtl-text", "שלום עולם مرحبا"),
        ("zero-width", "a\u200B\u200C\u200Db\u2060"),
        ("bom-inside", "a\uFEFFb"),
        ("combining", "e\u0301\u0301\u0301\u0301"),
        ("emoji", "🇰🇵👍🏽👨‍👩‍👧"),
        ("non-bmp", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎"),
        ("tag-characters", "\U000E0041\U000E0042"),
        ("noncharacters", "\uFFFE\uFFFF\uFDD0"),
        ("confusable", "dрrk"), // Cyrillic р
        ("fullwidth", "ｄｐｒｋ"),
        ("upper", "DPRK"),
        ("dots", ".."),
        ("traversal", "../../etc/passwd"),
        ("slash", "a/b"),
        ("percent", "%2F%00%0A"),
        ("markup", "<script>alert(1)</script>"),
        ("javascript-url", "javascript:alert(1)"),
        ("template", "${jndi:ldap://127.0.0.1/x}{{7*7}}"),
        ("format", "%s%n{0}"),
        ("number-text", "-1"),
        ("huge-number-text", "99999999999999999999"),
        ("nan-text", "NaN"),
        ("bad-date", "2025-02-30"),
        ("year-zero", "0000-01-01"),
        ("far-date", "9999-12-31"),
        ("datetime", "2025-04-28T00:00:00Z"),
        ("long-81", new string('a', 81)),
        ("long-501", new string('b', 501)),
        ("long-2001", new string('c', 2001)),
        ("long-10000", string.Concat(Enumerable.Repeat("kursk ", 1700))),
        ("many-words", string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"))),
        ("lone-high", FuzzText.LoneHigh),
        ("lone-low", FuzzText.LoneLow),
        ("reversed-pair", FuzzText.ReversedPair),
        ("invalid-utf8", FuzzText.InvalidUtf8),
        ("overlong-utf8", FuzzText.OverlongUtf8),
        ("encoded-surrogate", FuzzText.EncodedSurrogate),
    ];

    /// <summary>Changes to a valid value that must not make it another valid value (a trailing newline, a confusable …).</summary>
    public static readonly (string Label, Func<string, string> Change)[] Transforms =
    [
        ("+newline", v => v + "\n"),
        ("+crlf", v => v + "\r\n"),
        ("+space", v => v + " "),
        ("space+", v => " " + v),
        ("+tab", v => v + "\t"),
        ("+nul", v => v + "\0"),
        ("+zero-width", v => v + "\u200B"),
        ("rtl+", v => "\u202E" + v),
        ("upper", v => v.ToUpperInvariant()),
        ("confusable", v => v.Replace('a', 'а').Replace('o', 'ο').Replace('e', 'е')), // Cyrillic а, Greek ο, Cyrillic е
        ("+combining", v => v + "\u0301"),
        ("+lone-high", v => v + FuzzText.LoneHigh),
        ("+invalid-utf8", v => v + FuzzText.InvalidUtf8),
        ("+sql", v => v + "' OR '1'='1"),
        ("+star", v => v + "*"),
        ("doubled", v => v + v),
        ("cut", v => v.Length > 1 ? v[..(v.Length / 2)] : ""),
        ("+81", v => v + new string('x', 81)),
    ];

    /// <summary>JSON values of every type, for a field that expects another (raw JSON text).</summary>
    public static readonly (string Label, string Json)[] WrongTypes =
    [
        ("null", "null"),
        ("true", "true"),
        ("zero", "0"),
        ("negative", "-1"),
        ("fraction", "1.5"),
        ("int-max+1", "2147483648"),
        ("long-min-1", "-9223372036854775809"),
        ("huge", "1e309"),
        ("tiny", "-1e-400"),
        ("big-integer", "123456789012345678901234567890"),
        ("string", "\"text\""),
        ("empty-string", "\"\""),
        ("empty-array", "[]"),
        ("nested-array", "[[[]]]"),
        ("array-of-numbers", "[1,2,3]"),
        ("empty-object", "{}"),
        ("object", "{\"a\":1}"),
        ("escaped-lone-surrogate", "\"\\ud800\""),
    ];

    public static readonly (string Label, string? Value)[] IfMatch =
    [
        ("missing", null),
        ("star", "*"),
        ("zero", "\"0\""),
        ("negative", "\"-1\""),
        ("weak", "W/\"1\""),
        ("unquoted", "1"),
        ("garbage", "abc"),
        ("empty", ""),
        ("two", "\"1\", \"2\""),
        ("huge", "\"99999999999999999999\""),
        ("int-max+1", "\"2147483648\""),
        ("quoted-text", "\"' OR 1=1 --\""),
        ("long", "\"" + new string('9', 5000) + "\""),
        ("utf8", "\"é\""),
    ];

    public static readonly (string Label, string Value)[] Accept =
    [
        ("html", "text/html"),
        ("xml", "application/xml"),
        ("any", "*/*"),
        ("garbage", ";;;==="),
        ("problem", "application/problem+json"),
        ("quality", "application/json;q=0, text/html;q=1"),
    ];

    /// <summary>Content types for a body, declared or not.</summary>
    public static readonly (string Label, string? Value)[] ContentTypes =
    [
        ("missing", null),
        ("text-plain", "text/plain"),
        ("xml", "application/xml"),
        ("form", "application/x-www-form-urlencoded"),
        ("multipart", "multipart/form-data; boundary=x"),
        ("klingon", "application/json; charset=klingon"),
        ("utf-16", "application/json; charset=utf-16"),
        ("utf-32", "application/json; charset=utf-32"),
        ("latin-1", "application/json; charset=iso-8859-1"),
        ("quoted-utf-8", "application/json; charset=\"UTF-8\""),
        ("empty-charset", "application/json; charset="),
        ("json-suffix", "application/problem+json"),
        ("text-json", "text/json"),
        ("wildcard", "*/*"),
        ("garbage", "json"),
        ("long-parameter", "application/json; x=" + new string('y', 3000)),
        ("text-klingon", "text/plain; charset=klingon"),
        ("text-utf-16", "text/plain; charset=utf-16"),
    ];

    /// <summary>Path segments for an id or a name (already percent-encoded where they need it).</summary>
    public static readonly (string Label, string Segment)[] PathSegments =
    [
        ("newline", "x%0A"),
        ("crlf", "x%0D%0A"),
        ("slash", "a%2Fb"),
        ("dots", ".."),
        ("encoded-dots", "%2e%2e"),
        ("nul", "%00"),
        ("x-nul", "x%00"),
        ("invalid-utf8", "%FF%FE"),
        ("overlong-utf8", "%C0%AF"),
        ("encoded-surrogate", "%ED%A0%80"),
        ("bad-escape", "%zz"),
        ("percent", "%"),
        ("space", "a%20b"),
        ("plus", "a+b"),
        ("upper", "DPRK"),
        ("unicode", "d%C3%A9j%C3%A0"),
        ("rtl", "%E2%80%AEx"),
        ("zero-width", "dprk%E2%80%8B"),
        ("sql", "x'%20OR%201=1%20--"),
        ("star", "*"),
        ("semicolon", "x;y"),
        ("long-81", new string('a', 81)),
        ("long-5000", new string('a', 5000)),
        ("number", "-1"),
        ("huge-number", "99999999999999999999"),
        ("int-max+1", "2147483648"),
        ("fraction", "1.5"),
        ("zero", "0"),
        ("exponent", "1e3"),
    ];

    /// <summary>Query values (already percent-encoded where they need it) for any parameter.</summary>
    public static readonly (string Label, string Value)[] RawQueryValues =
    [
        ("empty", ""),
        ("invalid-utf8", "%FF"),
        ("truncated-utf8", "%E2%82"),
        ("bad-escape", "%zz"),
        ("lone-percent", "%"),
        ("nul", "%00"),
        ("newline", "x%0A"),
        ("plus", "a+b"),
        ("hash-encoded", "%23x"),
    ];

    public static readonly (string Label, string Value)[] Numbers =
    [
        ("zero", "0"),
        ("negative", "-1"),
        ("int-min", "-2147483648"),
        ("int-max+1", "2147483648"),
        ("huge", "99999999999999999999"),
        ("exponent", "1e3"),
        ("fraction", "2.5"),
        ("hex", "0x10"),
        ("plus", "+5"),
        ("leading-zero", "007"),
        ("space", " 5"),
        ("word", "ten"),
    ];

    /// <summary>Cursors that are not the server's: garbage, truncated, or well-formed base64url JSON with hostile contents.</summary>
    public static readonly (string Label, string Value)[] Cursors =
    [
        ("garbage", "not-a-cursor"),
        ("not-base64", "!!!"),
        ("base64-garbage", Encode("\u0001\u0002garbage")),
        ("json-array", Encode("[1,2]")),
        ("wrong-types", Encode("{\"s\":1,\"k\":[],\"i\":{}}")),
        ("sql-key", Encode("{\"s\":\"-claimedOn\",\"k\":\"' OR 1=1 --\",\"i\":\"dprk\"}")),
        ("sql-id", Encode("{\"s\":\"id\",\"k\":null,\"i\":\"' OR 1=1 --\"}")),
        ("newline-id", Encode("{\"s\":\"id\",\"k\":null,\"i\":\"x\\n\"}")),
        ("bad-date-key", Encode("{\"s\":\"-claimedOn\",\"k\":\"2025-02-30\",\"i\":\"x\"}")),
        ("far-date-key", Encode("{\"s\":\"claimedOn\",\"k\":\"9999-12-31\",\"i\":\"x\"}")),
        ("huge-number-key", Encode("{\"s\":\"-score\",\"k\":\"1e309\",\"i\":\"x\"}")),
        ("lone-surrogate-key", Encode("{\"s\":\"id\",\"k\":\"\\ud800\",\"i\":\"x\"}")),
        ("deep", Encode(new string('[', 5000) + new string(']', 5000))),
        ("long", new string('A', 5000)),
        ("padding", "eyJzIjoiaWQifQ=="),
    ];

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
