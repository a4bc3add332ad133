using System.Text;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>Reads seed and fixture files the way the loader does: strict UTF-8, a BOM kept as a character.</summary>
internal static class SeedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path) => StrictUtf8.GetString(File.ReadAllBytes(path));

    /// <summary>The number of code points (scalar values) in <paramref name="text"/>, counted by the BCL, independently of <c>CodePoints</c>.</summary>
    public static int CountRunes(string text) => text.EnumerateRunes().Count();

    /// <summary>The code point index of the first occurrence of <paramref name="value"/>, as Python's <c>text.index(value)</c> would give it.</summary>
    public static int CodePointIndexOf(string text, string value)
    {
        var utf16 = text.IndexOf(value, StringComparison.Ordinal);
        Assert.True(utf16 >= 0, $"test setup: '{value}' is not in the text");
        return CountRunes(text[..utf16]);
    }
}
