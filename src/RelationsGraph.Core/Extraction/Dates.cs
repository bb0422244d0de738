using System.Globalization;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>A date found in text, with its token range and what introduced it.</summary>
internal sealed record DateMention(FuzzyDate Date, int First, int Last, bool IsStatus, bool IsSince)
{
    /// <summary>Set for a bare weekday ("am Donnerstag"): its date depends on the days the text is about.</summary>
    public DayOfWeek? BareWeekday { get; init; }
}

/// <summary>
/// Dates with their precision, in German and English: "4. September 2020", "am Freitag, 4. September
/// 2020", "im Oktober 2019", "September 4, 2020", "04.09.2020", "(Stand: Juni 2020)", "im Jahr 2019",
/// "am 3. Mai" (year from the publication date), "12.–15. März" (its first day), "gestern", "last Tuesday".
/// </summary>
internal static class Dates
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["januar"] = 1,
        ["janner"] = 1,
        ["january"] = 1,
        ["jan"] = 1,
        ["februar"] = 2,
        ["february"] = 2,
        ["feb"] = 2,
        ["marz"] = 3,
        ["march"] = 3,
        ["mar"] = 3,
        ["april"] = 4,
        ["apr"] = 4,
        ["mai"] = 5,
        ["may"] = 5,
        ["juni"] = 6,
        ["june"] = 6,
        ["jun"] = 6,
        ["juli"] = 7,
        ["july"] = 7,
        ["jul"] = 7,
        ["august"] = 8,
        ["aug"] = 8,
        ["september"] = 9,
        ["sept"] = 9,
        ["sep"] = 9,
        ["oktober"] = 10,
        ["october"] = 10,
        ["okt"] = 10,
        ["oct"] = 10,
        ["november"] = 11,
        ["nov"] = 11,
        ["dezember"] = 12,
        ["december"] = 12,
        ["dez"] = 12,
        ["dec"] = 12,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["montag"] = DayOfWeek.Monday,
        ["dienstag"] = DayOfWeek.Tuesday,
        ["mittwoch"] = DayOfWeek.Wednesday,
        ["donnerstag"] = DayOfWeek.Thursday,
        ["freitag"] = DayOfWeek.Friday,
        ["samstag"] = DayOfWeek.Saturday,
        ["sonnabend"] = DayOfWeek.Saturday,
        ["sonntag"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Seasons = new(StringComparer.Ordinal)
    {
        ["fruhjahr"] = 3,
        ["fruhling"] = 3,
        ["spring"] = 3,
        ["sommer"] = 6,
        ["summer"] = 6,
        ["herbst"] = 9,
        ["autumn"] = 9,
        ["fall"] = 9,
        ["winter"] = 12,
    };

    public static bool IsMonth(Token t) => t.IsWord && t.IsCapitalized && Months.ContainsKey(t.Folded);

    /// <summary>All dates in a token list, left to right, without overlaps.</summary>
    public static List<DateMention> Find(IReadOnlyList<Token> tokens, FuzzyDate? published)
    {
        var found = new List<DateMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (TryAt(tokens, i, published) is not { } m) continue;
            var status = i > 0 && (tokens[i - 1].Folded is "stand" || (tokens[i - 1].Text == ":" && i > 1 && tokens[i - 2].Folded is "stand")
                || (i > 1 && tokens[i - 1].Folded == "of" && tokens[i - 2].Folded == "as"));
            var since = i > 0 && tokens[Math.Max(0, m.First - 1)].Folded is "seit" or "since" or "ab";
            found.Add(m with { IsStatus = status, IsSince = since });
            i = m.Last;
        }
        return found;
    }

    private static DateMention? TryAt(IReadOnlyList<Token> t, int i, FuzzyDate? published)
    {
        var tok = t[i];
        // 04.09.2020 / 4.9.2020
        if (tok.IsNumber && tok.Text.Count(c => c == '.') == 2)
        {
            var p = tok.Text.Split('.');
            if (p[2].Length == 4 && Make(Int(p[2]), Int(p[1]), Int(p[0])) is { } d) return new(d, i, i, false, false);
        }
        // 2020-09-04 / 2020-09
        if (IsYear(tok) && i + 2 < t.Count && t[i + 1].Text == "-" && t[i + 2].IsNumber && t[i + 2].Text.Length == 2)
        {
            var month = Int(t[i + 2].Text);
            if (i + 4 < t.Count && t[i + 3].Text == "-" && t[i + 4].IsNumber && t[i + 4].Text.Length == 2 && Make(Int(tok.Text), month, Int(t[i + 4].Text)) is { } d3)
                return new(d3, i, i + 4, false, false);
            if (Make(Int(tok.Text), month, null) is { } d2) return new(d2, i, i + 2, false, false);
        }
        // 4. September 2020 / 4 September 2020 / 12.–15. März 2021 / am 3. Mai
        if (tok.IsNumber && tok.Text.Length <= 2 && !tok.Text.Contains('.'))
        {
            var j = i + 1;
            if (j < t.Count && t[j].Text == ".") j++;
            // a range ("12.–15. März", "vom 12. bis 15. März", "from 5 to 8 November") stands for its first day
            if (j + 1 < t.Count && (t[j].Text is "–" or "-" or "—" || t[j].Folded is "bis" or "to" or "until" or "und" or "and") && t[j + 1].IsNumber && t[j + 1].Text.Length <= 2)
            {
                j += 2;
                if (j < t.Count && t[j].Text == ".") j++;
            }
            if (j < t.Count && t[j].Folded == "of") j++;
            if (j < t.Count && IsMonth(t[j]))
            {
                var month = Months[t[j].Folded];
                if (j + 1 < t.Count && IsYear(t[j + 1]) && Make(Int(t[j + 1].Text), month, Int(tok.Text)) is { } d)
                    return new(d, i, j + 1, false, false);
                // "vom 13. April bis 13. Oktober 2025", "from 28 January to 2 February 2025": the year at the range's end is its start's too
                if (RangeEndYear(t, j + 1) is { } rangeYear && Make(rangeYear, month, Int(tok.Text)) is { } dr)
                    return new(dr, i, j, false, false);
                if (published is { } pub && Make(NearestYear(pub, month), month, Int(tok.Text)) is { } dy)
                    return new(dy, i, j, false, false);
            }
        }
        if (IsMonth(tok))
        {
            var month = Months[tok.Folded];
            // September 4, 2020 / September 4
            if (i + 1 < t.Count && t[i + 1].IsNumber && t[i + 1].Text.Length <= 2)
            {
                var k = i + 2;
                if (k < t.Count && t[k].Text == ",") k++;
                if (k < t.Count && IsYear(t[k]) && Make(Int(t[k].Text), month, Int(t[i + 1].Text)) is { } d) return new(d, i, k, false, false);
                if (published is { } pub && Make(NearestYear(pub, month), month, Int(t[i + 1].Text)) is { } dy) return new(dy, i, i + 1, false, false);
            }
            // Oktober 2019 / June 2020
            if (i + 1 < t.Count && IsYear(t[i + 1]) && Make(Int(t[i + 1].Text), month, null) is { } m) return new(m, i, i + 1, false, false);
        }
        // "im Oktober", "in October", "für März": a month without a year is the one nearest the release
        if (IsMonth(tok) && published is { } pm && i > 0 && t[i - 1].Folded is "im" or "in" or "fur" or "for" or "ab" or "bis" or "anfang" or "ende" or "mitte" or "early" or "late" or "mid" or "kommenden" or "next"
            && !(i + 1 < t.Count && (IsYear(t[i + 1]) || t[i + 1].IsNumber)))
        {
            var month = Months[tok.Folded];
            var year = t[i - 1].Folded is "kommenden" or "next" && month <= (pm.Month ?? 12) ? pm.Year + 1 : NearestYear(pm, month);
            return new(new FuzzyDate(year, month), i, i, false, false);
        }
        // "im Herbst 2024", "im kommenden Frühjahr", "in the autumn": a season is known to its year
        if (Seasons.TryGetValue(tok.Folded, out var seasonMonth) && i > 0 && t[i - 1].Folded is "im" or "in" or "the" or "kommenden" or "nachsten" or "next" or "this" or "diesem" or "den" or "das" or "for" or "fur" or "until" or "bis" or "late" or "early")
        {
            if (i + 1 < t.Count && IsYear(t[i + 1])) return new(new FuzzyDate(Int(t[i + 1].Text)), i, i + 1, false, false);
            if (published is { } ps)
            {
                var next = t[i - 1].Folded is "kommenden" or "nachsten" or "next";
                var year = next && seasonMonth <= (ps.Month ?? 12) ? ps.Year + 1 : ps.Year;
                return new(new FuzzyDate(year), i, i, false, false);
            }
        }
        // "im kommenden Jahr", "next year", "im vergangenen Jahr", "last year"
        if (tok.Folded is "jahr" or "year" && i > 0 && published is { } py)
        {
            var prev = t[i - 1].Folded;
            if (prev is "kommenden" or "nachsten" or "next" or "folgenden") return new(new FuzzyDate(py.Year + 1), i - 1, i, false, false);
            if (prev is "vergangenen" or "letzten" or "last" or "previous" or "vorigen") return new(new FuzzyDate(py.Year - 1), i - 1, i, false, false);
            if (prev is "diesem" or "this" or "laufenden") return new(new FuzzyDate(py.Year), i - 1, i, false, false);
        }
        // im Jahr 2019 / in 2019 / Stand: 2019 / (Stand 2019)
        if (IsYear(tok) && i > 0)
        {
            var prev = t[i - 1].Folded;
            var prev2 = i > 1 ? t[i - 2].Folded : "";
            if (prev is "jahr" or "jahre" or "in" or "im" or "stand" or "seit" or "since" or "year" or "of" or "bis" or "until" or "ab"
                || (t[i - 1].Text == ":" && prev2 == "stand"))
                return new(new FuzzyDate(Int(tok.Text)), i, i, false, false);
        }
        // heute / gestern / today / yesterday / am Montag / last Tuesday / am kommenden Donnerstag
        if (published is { } p0)
        {
            var pd = p0.Start;
            if (p0.Precision != DatePrecision.Day) return null;
            // "am heutigen Mittwoch", "am gestrigen Dienstag": the weekday that follows only confirms the day
            if (tok.Folded is "heute" or "today" or "heutigen") return new(FuzzyDate.FromDate(pd), i, i + (tok.Folded == "heutigen" && i + 1 < t.Count && Weekdays.ContainsKey(t[i + 1].Folded) ? 1 : 0), false, false);
            if (tok.Folded is "gestern" or "yesterday" or "gestrigen") return new(FuzzyDate.FromDate(pd.AddDays(-1)), i, i + (tok.Folded == "gestrigen" && i + 1 < t.Count && Weekdays.ContainsKey(t[i + 1].Folded) ? 1 : 0), false, false);
            if (tok.Folded is "morgen" or "tomorrow" && tok.Text != "Morgen") return new(FuzzyDate.FromDate(pd.AddDays(1)), i, i, false, false);
            if (tok.IsCapitalized && Weekdays.TryGetValue(tok.Folded, out var wd))
            {
                // a weekday followed by a date is part of that date, not a date of its own
                if (i + 2 < t.Count && t[i + 1].Text == "," && (t[i + 2].IsNumber || IsMonth(t[i + 2]))) return null;
                var prev = i > 0 ? t[i - 1].Folded : "";
                if (prev is "this" or "diesen" or "diesem")
                    return new(FuzzyDate.FromDate(pd.AddDays((7 + (int)wd - (int)pd.DayOfWeek) % 7 - ((int)wd < (int)pd.DayOfWeek ? 7 : 0))), i - 1, i, false, false);
                var future = prev is "kommenden" or "nachsten" or "next" or "coming";
                var past = prev is "vergangenen" or "letzten" or "last" or "vorigen";
                if (!future && !past && prev is not ("am" or "on")) return null;
                var d = pd;
                if (future) { do d = d.AddDays(1); while (d.DayOfWeek != wd); }
                else { do d = d.AddDays(-1); while (d.DayOfWeek != wd); }
                var first = future || past ? i - 1 : i;
                return new(FuzzyDate.FromDate(d), first, i, false, false) { BareWeekday = future || past ? null : wd };
            }
        }
        return null;
    }

    private static int? RangeEndYear(IReadOnlyList<Token> t, int k)
    {
        if (k + 2 >= t.Count || !(t[k].Text is "–" or "-" or "—" || t[k].Folded is "bis" or "to" or "until")) return null;
        k++;
        if (!t[k].IsNumber || t[k].Text.Length > 2) return null;
        k++;
        if (k < t.Count && t[k].Text == ".") k++;
        if (k + 1 < t.Count && IsMonth(t[k]) && IsYear(t[k + 1])) return Int(t[k + 1].Text);
        return null;
    }

    private static int NearestYear(FuzzyDate published, int month)
    {
        // "am 3. Mai" in a release of 20 December means May of that year; "am 3. Januar" in late December, next January.
        var y = published.Year;
        var pm = published.Month ?? 6;
        if (month - pm > 6) return y - 1;
        if (pm - month > 6) return y + 1;
        return y;
    }

    private static bool IsYear(Token t) => t.IsNumber && t.Text.Length == 4 && !t.Text.Contains('.') && !t.Text.Contains(',') && Int(t.Text) is >= 1900 and <= 2100;

    private static int Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;

    private static FuzzyDate? Make(int y, int m, int? d)
    {
        if (y is < 1900 or > 2100 || m is < 1 or > 12) return null;
        if (d is not null && (d < 1 || d > DateTime.DaysInMonth(y, m))) return null;
        return new FuzzyDate(y, m, d);
    }
}
