using System.Globalization;
using System.Text;

namespace ClaimsApi.Domain;

/// <summary>
/// Folds text for matching names: case, diacritics, curly quotes and runs of white space do not count,
/// so "the DPRK", "The  DPRK" and "thé dprk" are one key.
/// </summary>
public static class TextFolding
{
    public static string Fold(string value)
    {
        var decomposed = Decompose(value);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '`' => '\'',
                '\u201C' or '\u201D' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }

        return Compose(builder.ToString());
    }

    /// <summary>FormKD, after dropping what Unicode normalisation refuses (noncharacters such as U+FFFE, lone surrogates).</summary>
    private static string Decompose(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return Normalizable(value).Normalize(NormalizationForm.FormKD);
        }
    }

    private static string Compose(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return Normalizable(value).Normalize(NormalizationForm.FormC);
        }
    }

    private static string Normalizable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            // EnumerateRunes turns lone surrogates into U+FFFD; noncharacters end in FFFE or FFFF in every plane.
            if ((rune.Value & 0xFFFE) != 0xFFFE && rune.Value is not (>= 0xFDD0 and <= 0xFDEF))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
