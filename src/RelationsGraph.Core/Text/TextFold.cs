using System.Globalization;
using System.Text;

namespace RelationsGraph.Text;

/// <summary>
/// Case- and accent-insensitive forms of names, for matching references ("nordrhein westfalen" =
/// "Nordrhein-Westfalen") and for deterministic ids.
/// </summary>
public static class TextFold
{
    /// <summary>Lower case, ß → ss, accents removed, punctuation to single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var decomposed = text.Replace("ß", "ss").Replace("ẞ", "ss").Normalize(NormalizationForm.FormD);
        var space = true;
        foreach (var c in decomposed)
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    /// <summary>A lower-case ASCII slug for ids: "Nordrhein-Westfalen" → "nordrhein-westfalen", "Düsseldorf" → "duesseldorf".</summary>
    public static string Slug(string text)
    {
        var german = text.Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue")
            .Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue");
        return Fold(german).Replace(' ', '-');
    }
}
