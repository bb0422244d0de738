using System.Globalization;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

internal sealed record NumberMention(decimal Value, StatisticQualifier Qualifier, string? Unit, int First, int Last);

/// <summary>
/// Numbers in German and English notation with their qualifiers: "rund 12.500", "über 300",
/// "2,7 Milliarden Euro", "more than 1,200", "Fünf".
/// </summary>
internal static class Numbers
{
    private sealed record Tables(
        Dictionary<string, decimal> Words, Dictionary<string, decimal> Scales, Dictionary<string, decimal> SignScales,
        Dictionary<string, string> Units, Dictionary<string, string> Signs, Dictionary<string, StatisticQualifier> Qualifiers);

    // the words are those of Lexicon/numbers.tsv; languages share one table, as releases mix them ("EUR 45 Mio.")
    private static readonly Lazy<Tables> Data = new(Load);

    public static NumberMention? At(IReadOnlyList<Token> t, int i, string language)
    {
        var d = Data.Value;
        var tok = t[i];
        decimal value;
        var sign = i > 0 && d.Signs.TryGetValue(t[i - 1].Text, out var code) && (t[i - 1].IsPunct || t[i - 1].IsAllCaps) ? code : null;
        if (tok.IsNumber)
        {
            if (!TryParse(tok.Text, language, out value)) return null;
            // an ordinal ("4. September") or a part of a date or phone number is not a figure; an amount ("£670,000.") is
            if (sign is null && i + 1 < t.Count && t[i + 1].Text == "." && (i + 2 >= t.Count || !t[i + 2].IsCapitalized || Dates.IsMonth(t[i + 2]))) return null;
        }
        // "Acht" capitalized inside a sentence is attention ("in Acht nehmen"), not eight
        else if (tok.IsWord && d.Words.TryGetValue(tok.Folded, out var w) && !(tok.Folded == "acht" && tok.IsCapitalized && i > 0)) value = w;
        // "eine sechsköpfige Delegation": a number word fused with "-köpfig"
        else if (tok.IsWord && !tok.IsCapitalized && tok.Folded.IndexOf("kopfig", StringComparison.Ordinal) is > 2 and var at && d.Words.TryGetValue(tok.Folded[..at], out var fused))
            return new NumberMention(fused, Qualifier(t, i), null, i, i);
        else return null;

        var last = i;
        // "£250m", "$1.2bn": a short scale counts only after a currency sign
        if (last + 1 < t.Count && (d.Scales.TryGetValue(t[last + 1].Folded, out var mult) || (sign is not null && d.SignScales.TryGetValue(t[last + 1].Folded, out mult))))
        {
            value *= mult;
            last++;
            if (last + 1 < t.Count && t[last + 1].Text == ".") last++;
        }
        string? unit = null;
        if (last + 1 < t.Count && d.Units.TryGetValue(t[last + 1].Folded.Length == 0 ? t[last + 1].Text : t[last + 1].Folded, out var u)) { unit = u; last++; }
        else unit = sign;
        return new NumberMention(value, Qualifier(t, i), unit, i, last);
    }

    private static StatisticQualifier Qualifier(IReadOnlyList<Token> t, int i)
    {
        var q = Data.Value.Qualifiers;
        // past a currency sign and the dot of an abbreviation: "more than £670,000", "ca. 60"
        var k = i - 1;
        if (k >= 0 && Data.Value.Signs.ContainsKey(t[k].Text)) k--;
        if (k >= 0 && t[k].Text == ".") k--;
        if (k < 0) return StatisticQualifier.Exactly;
        if (k >= 1 && q.TryGetValue(t[k - 1].Folded + " " + t[k].Folded, out var two)) return two;
        return q.TryGetValue(t[k].Folded, out var one) ? one : StatisticQualifier.Exactly;
    }

    private static Tables Load()
    {
        var t = new Tables(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var row in Gazetteer.Rows("Lexicon.numbers.tsv"))
        {
            if (row.Length < 4) continue;
            var (kind, form, value) = (row[0], row[2], row[3]);
            switch (kind)
            {
                case "word": t.Words[form] = decimal.Parse(value, CultureInfo.InvariantCulture); break;
                case "scale": t.Scales[form] = decimal.Parse(value, CultureInfo.InvariantCulture); break;
                case "signscale": t.SignScales[form] = decimal.Parse(value, CultureInfo.InvariantCulture); break;
                case "unit": t.Units[form] = value; break;
                case "sign": t.Signs[form] = value; break;
                case "about": t.Qualifiers[form] = StatisticQualifier.About; break;
                case "more": t.Qualifiers[form] = StatisticQualifier.MoreThan; break;
                case "less" or "upto": t.Qualifiers[form] = StatisticQualifier.LessThan; break;
            }
        }
        return t;
    }

    public static bool TryParse(string text, string language, out decimal value)
    {
        value = 0;
        var s = text;
        // German: 11.000 and 2,7; English: 1,200 and 2.7. A group of exactly three digits after the separator is a thousands group.
        var thousands = language == "en" ? ',' : '.';
        var dec = language == "en" ? '.' : ',';
        var parts = s.Split(thousands);
        if (parts.Length > 1 && parts.Skip(1).All(p => p.Split(dec)[0].Length == 3)) s = string.Concat(parts);
        else if (s.Contains(thousands) && !s.Contains(dec))
        {
            // a separator that is not a thousands group is a decimal point written the other way ("2.7" in German text)
            if (s.Count(c => c == thousands) > 1) return false;
            s = s.Replace(thousands, dec);
        }
        s = s.Replace(dec, '.');
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
