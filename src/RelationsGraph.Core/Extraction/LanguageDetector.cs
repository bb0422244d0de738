using System.Globalization;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>
/// Tells which language a press release is written in, cheaply: the script of its letters, then the share of
/// the commonest function words of German, English and the other languages releases of the genre come in.
/// Only German and English are extracted; anything else is reported, not guessed at.
/// </summary>
public static class LanguageDetector
{
    /// <summary>ISO 639-2 "undetermined": too little text, or no language's function words.</summary>
    public const string Undetermined = "und";

    private static readonly (string Code, HashSet<string> Words)[] Stopwords =
    [
        ("de", ["der", "die", "das", "und", "mit", "von", "den", "dem", "ist", "ein", "eine", "einer", "im", "des", "auch", "sich", "fur", "zu", "nicht", "wird", "werden", "wurde", "auf", "bei", "sowie", "uber", "zum", "zur", "sind", "hat", "haben", "am", "vom", "als"]),
        ("en", ["the", "and", "of", "to", "with", "is", "in", "for", "was", "were", "has", "have", "on", "this", "by", "will", "that", "an", "from", "at", "which", "its", "their", "be", "been", "are"]),
        ("fr", ["le", "la", "les", "et", "des", "du", "un", "une", "est", "dans", "pour", "avec", "sur", "au", "aux", "qui", "que", "par", "ce", "cette", "ont", "sont", "entre", "leur"]),
        ("es", ["el", "la", "los", "las", "y", "del", "un", "una", "es", "en", "para", "con", "por", "que", "se", "su", "sus", "al", "como", "entre", "este", "esta", "fue"]),
        ("it", ["il", "lo", "gli", "della", "delle", "dei", "degli", "e", "un", "una", "che", "per", "con", "nel", "nella", "sono", "ha", "tra", "questo", "anche", "alla", "al"]),
        ("nl", ["het", "een", "en", "van", "de", "voor", "met", "op", "zijn", "wordt", "werd", "ook", "naar", "bij", "dat", "niet", "om", "tussen", "heeft"]),
        ("pt", ["o", "os", "as", "e", "do", "da", "dos", "das", "um", "uma", "para", "com", "por", "que", "no", "na", "foi", "entre", "sua", "seu", "ao"]),
        ("pl", ["i", "w", "z", "na", "do", "sie", "jest", "oraz", "nie", "od", "przez", "dla", "ze", "po", "ktory", "ktora"]),
    ];

    /// <summary>The language of a text as an ISO 639-1 code ("de", "en", "fr", "ja", ...), or <see cref="Undetermined"/>.</summary>
    public static string Detect(string text)
    {
        // Scripts first: a text mostly in kana, Hangul, Han, Cyrillic, Arabic ... letters is not German or English.
        int latin = 0, kana = 0, hangul = 0, han = 0, cyrillic = 0, arabic = 0, other = 0;
        foreach (var ch in text)
        {
            if (!char.IsLetter(ch)) continue;
            if (ch < 0x0250 || ch is >= '\u1E00' and <= '\u1EFF') latin++;
            else if (ch is >= '\u3040' and <= '\u30FF') kana++;
            else if (ch is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF') hangul++;
            else if (ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF') han++;
            else if (ch is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (ch is >= '\u0600' and <= '\u06FF') arabic++;
            else other++;
        }
        var letters = latin + kana + hangul + han + cyrillic + arabic + other;
        if (letters == 0) return Undetermined;
        if (latin * 2 < letters)
        {
            if (kana > 0 && kana + han >= letters / 2) return "ja";
            if (hangul >= letters / 2) return "ko";
            if (han >= letters / 2) return "zh";
            if (cyrillic >= letters / 2) return "ru";
            if (arabic >= letters / 2) return "ar";
            return Undetermined;
        }

        // Then function words: the language whose commonest words make up the largest share of the text's words.
        var counts = new int[Stopwords.Length];
        var words = 0;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = TextFold.Fold(raw.Trim('.', ',', ';', ':', '!', '?', '"', '„', '“', '”', '(', ')', '\'', '«', '»'));
            if (w.Length == 0 || !char.IsLetter(w[0])) continue;
            words++;
            for (var k = 0; k < Stopwords.Length; k++)
                if (Stopwords[k].Words.Contains(w)) counts[k]++;
            if (words >= 600) break;
        }
        var best = 0;
        for (var k = 1; k < counts.Length; k++)
            if (counts[k] > counts[best]) best = k;
        // a handful of words proves nothing; a share of function words under 5% is no running text in that language
        if (counts[best] == 0 || counts[best] * 20 < words) return Undetermined;
        return Stopwords[best].Code;
    }

    /// <summary>"German", "French", ... for messages.</summary>
    public static string Name(string code) => code == Undetermined
        ? "undetermined"
        : CultureInfo.GetCultureInfo(code).EnglishName;
}
