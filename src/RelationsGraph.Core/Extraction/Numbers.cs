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
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["zwei"] = 2,
        ["drei"] = 3,
        ["vier"] = 4,
        ["funf"] = 5,
        ["sechs"] = 6,
        ["sieben"] = 7,
        ["acht"] = 8,
        ["neun"] = 9,
        ["zehn"] = 10,
        ["elf"] = 11,
        ["zwolf"] = 12,
        ["zwanzig"] = 20,
        ["dreissig"] = 30,
        ["vierzig"] = 40,
        ["funfzig"] = 50,
        ["hundert"] = 100,
        ["tausend"] = 1000,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["hundred"] = 100,
        ["dozen"] = 12,
    };

    private static readonly Dictionary<string, decimal> Multipliers = new(StringComparer.Ordinal)
    {
        ["tausend"] = 1_000m,
        ["thousand"] = 1_000m,
        ["million"] = 1_000_000m,
        ["millionen"] = 1_000_000m,
        ["mio"] = 1_000_000m,
        ["milliarde"] = 1_000_000_000m,
        ["milliarden"] = 1_000_000_000m,
        ["mrd"] = 1_000_000_000m,
        ["billion"] = 1_000_000_000m,
        ["billionen"] = 1_000_000_000_000m,
        ["millions"] = 1_000_000m,
        ["billions"] = 1_000_000_000m,
    };

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["euro"] = "EUR",
        ["eur"] = "EUR",
        ["€"] = "EUR",
        ["dollar"] = "USD",
        ["usd"] = "USD",
        ["us dollar"] = "USD",
        ["$"] = "USD",
        ["yen"] = "JPY",
        ["prozent"] = "%",
        ["percent"] = "%",
        ["per cent"] = "%",
        ["%"] = "%",
        ["pfund"] = "GBP",
        ["pounds"] = "GBP",
    };

    private static readonly HashSet<string> CurrencyCodes = ["EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "KRW", "PLN", "CZK", "SEK", "NOK", "DKK", "INR", "BRL", "MXN", "ZAR", "HUF", "RON", "TRY"];

    public static NumberMention? At(IReadOnlyList<Token> t, int i, string language)
    {
        var tok = t[i];
        decimal value;
        if (tok.IsNumber)
        {
            if (!TryParse(tok.Text, language, out value)) return null;
            // an ordinal ("4. September") or a part of a date or phone number is not a figure
            if (i + 1 < t.Count && t[i + 1].Text == "." && (i + 2 >= t.Count || !t[i + 2].IsCapitalized || Dates.IsMonth(t[i + 2]))) return null;
        }
        else if (tok.IsWord && Words.TryGetValue(tok.Folded, out var w) && !(tok.Folded == "acht" && tok.IsCapitalized && i > 0)) value = w;
        // "eine sechsköpfige Delegation": a number word fused with "-köpfig"
        else if (tok.IsWord && !tok.IsCapitalized && tok.Folded.IndexOf("kopfig", StringComparison.Ordinal) is > 2 and var at && Words.TryGetValue(tok.Folded[..at], out var fused))
            return new NumberMention(fused, Qualifier(t, i), null, i, i);
        else return null;

        var last = i;
        if (last + 1 < t.Count && Multipliers.TryGetValue(t[last + 1].Folded, out var mult)) { value *= mult; last++; if (last + 1 < t.Count && t[last + 1].Text == ".") last++; }
        string? unit = null;
        if (last + 1 < t.Count && Units.TryGetValue(t[last + 1].Folded.Length == 0 ? t[last + 1].Text : t[last + 1].Folded, out var u)) { unit = u; last++; }
        else if (i > 0 && t[i - 1].Text is "$" or "€") unit = t[i - 1].Text == "$" ? "USD" : "EUR";
        // "EUR 45 million", "USD 8.7 billion", "CAD 2.4 billion": an ISO currency code before the amount
        else if (i > 0 && t[i - 1].IsAllCaps && t[i - 1].Text.Length == 3 && CurrencyCodes.Contains(t[i - 1].Text)) unit = t[i - 1].Text;
        return new NumberMention(value, Qualifier(t, i), unit, i, last);
    }

    private static StatisticQualifier Qualifier(IReadOnlyList<Token> t, int i)
    {
        string Prev(int k) => i - k >= 0 ? t[i - k].Folded : "";
        var p1 = Prev(1);
        var p2 = Prev(2) + " " + p1;
        if (p2 is "bis zu" or "up to") return StatisticQualifier.LessThan;
        if (p2 is "mehr als" or "more than" or "at least" or "weit uber" or "well over" || p1 is "uber" or "over" or "mindestens")
            return StatisticQualifier.MoreThan;
        if (p1 is "rund" or "etwa" or "ca" or "circa" or "ungefahr" or "annahernd" or "nahezu" or "fast" or "knapp" or "about" or "around" or "approximately" or "nearly" or "almost" or "some" or "roughly")
            return StatisticQualifier.About;
        if (p1 == "." && Prev(2) == "ca") return StatisticQualifier.About;
        if (p2 is "weniger als" or "less than" or "fewer than" || p1 is "unter" or "under") return StatisticQualifier.LessThan;
        return StatisticQualifier.Exactly;
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
