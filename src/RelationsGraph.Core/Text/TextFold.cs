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
        var replaced = text.Replace("ß", "ss").Replace("ẞ", "ss");
        // A lone surrogate (half an emoji, a hostile ref) cannot be normalized; it folds like punctuation.
        var decomposed = HasLoneSurrogate(replaced) ? replaced : replaced.Normalize(NormalizationForm.FormD);
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

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }

    /// <summary>A lower-case ASCII slug for ids: "Nordrhein-Westfalen" → "nordrhein-westfalen", "Düsseldorf" → "duesseldorf".</summary>
    public static string Slug(string text)
    {
        var german = text.Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue")
            .Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue");
        return Fold(german).Replace(' ', '-');
    }
}
