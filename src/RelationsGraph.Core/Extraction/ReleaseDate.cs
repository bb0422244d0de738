using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// The date a release was published, in the forms real pages write it, most explicit first:
/// a labelled date ("Datum 13.09.2017", "Pressemitteilung vom 28.09.2010", "veröffentlicht am
/// 23.10.2016", "Published: 27 January 2015", "First published:" with the date on the next line);
/// a line near the top that is only a date ("2023/1/26", "January 26, 2023", "Nov. 24, 2006",
/// "02.03.12"); a dateline opening the text ("Hamburg, 10.01.2022 – ..."); else the first full date
/// of the content, the day the release is about, as the reference for its relative dates. A web page's
/// metadata date comes before that guess.
/// The label words are data (kind "label" in Lexicon/dates-*.tsv).
/// </summary>
internal static class ReleaseDate
{
    /// <summary>How far from the top a date line or dateline still belongs to the header.</summary>
    private const int HeaderLines = 12;

    /// <summary>Words a label or a date line may carry besides the date: "Datum: 13.09.2017", "Hamburg, 10.01.2022".</summary>
    private const int SpareTokens = 3;

    /// <param name="lines">The document's lines.</param>
    /// <param name="text">The document's text.</param>
    /// <param name="pageDate">The date a web page's markup states (<see cref="Web.WebPage.Published"/>): it counts when the
    /// text states none in its header, before the first date of the content, which is only a guess at the release date.</param>
    public static FuzzyDate? Find(List<Line> lines, string text, FuzzyDate? pageDate = null)
    {
        // lines are tokenized when a stage looks at them, once: most releases are dated in their first lines
        var tokens = new LineTokens(lines, text);
        return Labelled(lines, tokens) ?? DateLine(tokens) ?? Dateline(tokens) ?? pageDate ?? FirstDay(lines, tokens);
    }

    private sealed class LineTokens(List<Line> lines, string text)
    {
        private readonly List<Token>?[] cache = new List<Token>?[lines.Count];

        public int Count => lines.Count;

        public List<Token> this[int n] => cache[n] ??= Tokenizer.Tokenize(text, lines[n].Start, lines[n].End);

        public IEnumerable<List<Token>> Take(int count)
        {
            for (var n = 0; n < Math.Min(count, Count); n++) yield return this[n];
        }
    }

    private static FuzzyDate? Labelled(List<Line> lines, LineTokens tokens)
    {
        for (var n = 0; n < lines.Count; n++)
        {
            // only a line that opens with a label's first word is tokenized
            if (!DateLexicon.Shared.LabelStarts.Contains(FirstWord(lines[n].Text))) continue;
            var t = tokens[n];
            if (LabelLength(t) is not { } k) continue;
            var rest = t.Skip(k).SkipWhile(x => x.IsPunct).ToList();
            // the label alone on its line, the date on the next: "First published:" / "8 October 2019"
            if (rest.Count == 0 && n + 1 < lines.Count && OnlyDate(tokens[n + 1], 0) is { } next) return next;
            if (OnlyDate(rest, SpareTokens) is { } d) return d;
        }
        return null;
    }

    private static string FirstWord(string line)
    {
        var end = 0;
        while (end < line.Length && end < 40 && char.IsLetter(line[end])) end++;
        return end == 0 ? "" : Gazetteer.Fold(line[..end]);
    }

    private static int? LabelLength(List<Token> t)
    {
        foreach (var label in DateLexicon.Shared.Labels)
            if (label.Length <= t.Count && DateLexicon.EndsBefore(t, label.Length, label)) return label.Length;
        return null;
    }

    private static FuzzyDate? DateLine(LineTokens lines)
    {
        foreach (var t in lines.Take(HeaderLines))
        {
            if (OnlyDate(t, SpareTokens) is { } d) return d;
            // "02.03.12": a two-digit year, read as a date only on a line of its own
            if (t.Count == 1 && t[0].IsNumber && t[0].Text.Split('.') is [var dd, var mm, var yy] && yy.Length == 2
                && Make(2000 + Int(yy), Int(mm), Int(dd)) is { } shortYear)
                return shortYear;
        }
        return null;
    }

    // "Hamburg, 10.01.2022 – Offizieller Antrittsbesuch ...": a place, a comma, the date and a dash open the first lines
    private static FuzzyDate? Dateline(LineTokens lines)
    {
        foreach (var t in lines.Take(HeaderLines))
        {
            var comma = t.FindIndex(x => x.Text == ",");
            if (comma is < 1 or > SpareTokens || !t.Take(comma).All(x => x.IsWord && x.IsCapitalized)) continue;
            var dates = Dates.Find(t.GetRange(comma + 1, t.Count - comma - 1), null);
            if (dates is [{ First: 0, Date.Precision: DatePrecision.Day } d, ..] && comma + 2 + d.Last < t.Count && t[comma + 2 + d.Last].Text is "–" or "-" or "—")
                return d.Date;
        }
        return null;
    }

    private static FuzzyDate? FirstDay(List<Line> lines, LineTokens tokens)
    {
        for (var n = 0; n < lines.Count; n++)
        {
            if (lines[n].Role == LineRole.Boilerplate) continue;
            if (Dates.Find(tokens[n], null).FirstOrDefault(x => x.Date.Precision == DatePrecision.Day) is { } d) return d.Date;
        }
        return null;
    }

    // A line that is one day-precise date and at most `spare` other tokens.
    private static FuzzyDate? OnlyDate(List<Token> t, int spare)
    {
        var dates = Dates.Find(t, null);
        return dates is [{ Date.Precision: DatePrecision.Day } d] && t.Count - (d.Last - d.First + 1) <= spare ? d.Date : null;
    }

    private static int Int(string s) => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;

    private static FuzzyDate? Make(int y, int m, int d) =>
        y is >= 1900 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new FuzzyDate(y, m, d) : null;
}
