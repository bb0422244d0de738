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
/// 2020", "im Oktober 2019", "September 4, 2020", "Nov. 24, 2006", "April 20th 2018", "04.09.2020",
/// "14/01/2022", "2023/3/8", "(Stand: Juni 2020)", "im Jahr 2019", "12.–15. März" (its first day), and
/// dates relative to a reference date (the release's): "am 3. Mai", "(22.3.)", "im vergangenen Oktober",
/// "gestern", "last Tuesday", "vergangene Woche", "next year". The words are data: <see cref="DateLexicon"/>.
/// </summary>
internal static class Dates
{
    private static DateLexicon L => DateLexicon.Shared;

    public static bool IsMonth(Token t) => t.IsWord && t.IsCapitalized && L.Months.ContainsKey(t.Folded);

    /// <summary>All dates in a token list, left to right, without overlaps; relative ones resolved against <paramref name="reference"/>.</summary>
    public static List<DateMention> Find(IReadOnlyList<Token> tokens, FuzzyDate? reference)
    {
        var found = new List<DateMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (TryAt(tokens, i, reference) is not { } m) continue;
            var since = m.First > 0 && L.SinceWords.Contains(tokens[m.First - 1].Folded);
            found.Add(m with { IsStatus = IsStatus(tokens, m.First), IsSince = since });
            i = m.Last;
        }
        return found;
    }

    // "Stand 2019", "(Stand: Juni 2020)", "as of March 2024"
    private static bool IsStatus(IReadOnlyList<Token> t, int first)
    {
        var end = first > 0 && t[first - 1].Text == ":" ? first - 1 : first;
        return L.StatusPhrases.Any(p => DateLexicon.EndsBefore(t, end, p));
    }

    private static DateMention? TryAt(IReadOnlyList<Token> t, int i, FuzzyDate? reference)
    {
        var tok = t[i];
        // 04.09.2020 / 4.9.2020
        if (tok.IsNumber && tok.Text.Count(c => c == '.') == 2)
        {
            var p = tok.Text.Split('.');
            if (p[2].Length == 4 && Make(Int(p[2]), Int(p[1]), Int(p[0])) is { } d) return At(d, i, i);
        }
        if (Slashed(t, i) is { } slashed) return slashed;
        // 2020-09-04 / 2020-09
        if (IsYear(tok) && i + 2 < t.Count && t[i + 1].Text == "-" && t[i + 2].IsNumber && t[i + 2].Text.Length == 2)
        {
            var month = Int(t[i + 2].Text);
            if (i + 4 < t.Count && t[i + 3].Text == "-" && t[i + 4].IsNumber && t[i + 4].Text.Length == 2 && Make(Int(tok.Text), month, Int(t[i + 4].Text)) is { } d3)
                return At(d3, i, i + 4);
            if (Make(Int(tok.Text), month, null) is { } d2) return At(d2, i, i + 2);
        }
        if (IsDay(tok) && DayFirst(t, i, reference) is { } dayFirst) return dayFirst;
        if (IsMonth(tok) && MonthFirst(t, i, reference) is { } monthFirst) return monthFirst;
        var prev = i > 0 ? t[i - 1].Folded : "";
        var shift = i > 0 && L.Shifts.TryGetValue(prev, out var s) ? s : (int?)null;
        var season = L.Seasons.TryGetValue(tok.Folded, out var seasonMonth) && i > 0 && (shift is not null || L.SeasonPreps.Contains(prev));
        // "im Herbst 2024": a season is known to its year
        if (season && i + 1 < t.Count && IsYear(t[i + 1])) return At(new FuzzyDate(Int(t[i + 1].Text)), i, i + 1);
        if (reference is not { } r) return YearAfterPreposition(t, i);
        // "(22.3.)", "am 22.3.": day and month, the year from the reference
        if (DayMonth(t, i, r) is { } dayMonth) return dayMonth;
        // "im vergangenen Oktober", "next March": the month's last or next occurrence; "im Oktober", "für März": the nearest one
        if (IsMonth(tok) && !(i + 1 < t.Count && (IsYear(t[i + 1]) || t[i + 1].IsNumber)))
        {
            var month = L.Months[tok.Folded];
            var refMonth = r.Month ?? 12;
            if (shift is { } sm)
            {
                var year = sm > 0 ? (month <= refMonth ? r.Year + 1 : r.Year) : sm < 0 ? (month >= refMonth ? r.Year - 1 : r.Year) : r.Year;
                return At(new FuzzyDate(year, month), i - 1, i);
            }
            if (L.MonthPreps.Contains(prev)) return At(new FuzzyDate(NearestYear(r, month), month), i, i);
        }
        // "im kommenden Frühjahr", "in the autumn": the season's year from the reference
        if (season)
        {
            var refMonth = r.Month ?? 12;
            var year = shift > 0 && seasonMonth <= refMonth ? r.Year + 1 : shift < 0 && seasonMonth >= refMonth ? r.Year - 1 : r.Year;
            return At(new FuzzyDate(year), i, i);
        }
        // "im kommenden Jahr", "last month", "vergangene Woche"
        if (shift is { } su && L.Units.TryGetValue(tok.Folded, out var unit) && Shifted(r, unit, su) is { } shifted) return At(shifted, i - 1, i);
        if (YearAfterPreposition(t, i) is { } year4) return year4;
        if (r.Precision != DatePrecision.Day) return null;
        var pd = r.Start;
        // heute / gestern / today / yesterday; "am heutigen Mittwoch", "am gestrigen Dienstag": the weekday that follows only confirms the day
        if (L.RelativeDays.TryGetValue(tok.Folded, out var days) && !(tok.IsCapitalized && L.LowerCaseOnly.Contains(tok.Folded)))
            return At(FuzzyDate.FromDate(pd.AddDays(days)), i, i + (i + 1 < t.Count && L.Weekdays.ContainsKey(t[i + 1].Folded) ? 1 : 0));
        // am Montag / last Tuesday / am kommenden Donnerstag / this Friday
        if (tok.IsCapitalized && L.Weekdays.TryGetValue(tok.Folded, out var wd))
        {
            // a weekday followed by a date is part of that date, not a date of its own: "Freitag, 4. September", "Montag, den 10. Januar",
            // "am Dienstag (25. September 2018)", "Am Montag (22.3.)"
            var k = i + 1;
            if (k < t.Count && t[k].Text is "," or "(") k++;
            if (k < t.Count && t[k].Folded is "den" or "the") k++;
            if (k > i + 1 && k < t.Count && (t[k].IsNumber || IsMonth(t[k]))) return null;
            if (shift == 0)
                return At(FuzzyDate.FromDate(pd.AddDays((7 + (int)wd - (int)pd.DayOfWeek) % 7 - ((int)wd < (int)pd.DayOfWeek ? 7 : 0))), i - 1, i);
            if (shift is null && !L.DayPreps.Contains(prev)) return null;
            var d = pd;
            // "On Thursday ..." in a release of a Thursday: that day; else the last such day before the release
            if (shift > 0) { do d = d.AddDays(1); while (d.DayOfWeek != wd); }
            else if (!(shift is null && pd.DayOfWeek == wd)) { do d = d.AddDays(-1); while (d.DayOfWeek != wd); }
            return shift is null
                ? At(FuzzyDate.FromDate(d), i, i) with { BareWeekday = wd }
                : At(FuzzyDate.FromDate(d), i - 1, i);
        }
        return null;
    }

    private static DateMention At(FuzzyDate d, int first, int last) => new(d, first, last, false, false);

    private static bool IsDay(Token t) => t.IsNumber && t.Text.Length <= 2 && !t.Text.Contains('.');

    // "20th", "1st": the suffix is a token of its own, written against the number
    private static int SkipOrdinal(IReadOnlyList<Token> t, int k) =>
        k < t.Count && k > 0 && t[k].Start == t[k - 1].End && t[k - 1].IsNumber && L.Ordinals.Contains(t[k].Folded) ? k + 1 : k;

    // "Nov. 24": the period of an abbreviated month
    private static int SkipAbbreviationPeriod(IReadOnlyList<Token> t, int month) =>
        month + 1 < t.Count && t[month + 1].Text == "." && t[month].Text.Length <= 4 ? month + 2 : month + 1;

    // 4. September 2020 / 4 September 2020 / 20th April 2018 / 12.–15. März 2021 / am 3. Mai
    private static DateMention? DayFirst(IReadOnlyList<Token> t, int i, FuzzyDate? reference)
    {
        var j = SkipOrdinal(t, i + 1);
        if (j < t.Count && t[j].Text == ".") j++;
        // a range ("12.–15. März", "vom 12. bis 15. März", "vom 4. bis zum 6. September", "from 5 to 8 November") stands for its first day
        var rangeEnd = j;
        while (rangeEnd < t.Count && L.RangeWords.Contains(t[rangeEnd].Folded)) rangeEnd++;
        if (rangeEnd == j && j < t.Count && t[j].Text is "–" or "-" or "—") rangeEnd++;
        if (rangeEnd > j && rangeEnd < t.Count && IsDay(t[rangeEnd]))
        {
            j = SkipOrdinal(t, rangeEnd + 1);
            if (j < t.Count && t[j].Text == ".") j++;
        }
        if (j < t.Count && t[j].Folded == "of") j++;
        if (j >= t.Count || !IsMonth(t[j])) return null;
        var month = L.Months[t[j].Folded];
        var day = Int(t[i].Text);
        var y = SkipAbbreviationPeriod(t, j);
        if (y < t.Count && t[y].Text == "," && y + 1 < t.Count && IsYear(t[y + 1])) y++;
        if (y < t.Count && IsYear(t[y]) && Make(Int(t[y].Text), month, day) is { } d) return At(d, i, y);
        // "vom 13. April bis 13. Oktober 2025", "from 28 January to 2 February 2025": the year at the range's end is its start's too
        if (RangeEndYear(t, j + 1) is { } rangeYear && Make(rangeYear, month, day) is { } dr) return At(dr, i, j);
        if (reference is { } pub && Make(NearestYear(pub, month), month, day) is { } dy) return At(dy, i, j);
        return null;
    }

    // September 4, 2020 / Nov. 24, 2006 / April 20th 2018 / January 18-26, 2015 / September 4 / Oktober 2019 / June, 2017
    private static DateMention? MonthFirst(IReadOnlyList<Token> t, int i, FuzzyDate? reference)
    {
        var month = L.Months[t[i].Folded];
        var k = SkipAbbreviationPeriod(t, i);
        if (k < t.Count && IsDay(t[k]))
        {
            var day = Int(t[k].Text);
            var dayIndex = k;
            k = SkipOrdinal(t, k + 1);
            if (k + 1 < t.Count && (t[k].Text is "–" or "-" or "—") && IsDay(t[k + 1])) k = SkipOrdinal(t, k + 2);
            if (k < t.Count && t[k].Text == ",") k++;
            if (k < t.Count && IsYear(t[k]) && Make(Int(t[k].Text), month, day) is { } d) return At(d, i, k);
            if (reference is { } pub && Make(NearestYear(pub, month), month, day) is { } dy) return At(dy, i, dayIndex);
            return null;
        }
        if (k < t.Count && t[k].Text == "," && k + 1 < t.Count && IsYear(t[k + 1])) k++;
        if (k < t.Count && IsYear(t[k]) && Make(Int(t[k].Text), month, null) is { } m) return At(m, i, k);
        return null;
    }

    // 14/01/2022 (day first, as European pages write it; month first where the day cannot be one) / 2023/03/08 / 2018/9/4
    private static DateMention? Slashed(IReadOnlyList<Token> t, int i)
    {
        if (i + 4 >= t.Count || !t[i].IsNumber || t[i + 1].Text != "/" || t[i + 3].Text != "/" || !t[i + 2].IsNumber || !t[i + 4].IsNumber) return null;
        if (t[i + 1].Start != t[i].End || t[i + 2].Start != t[i + 1].End || t[i + 3].Start != t[i + 2].End || t[i + 4].Start != t[i + 3].End) return null;
        var (a, b, c) = (Int(t[i].Text), Int(t[i + 2].Text), Int(t[i + 4].Text));
        if (t[i + 2].Text.Length > 2) return null;
        var d = IsYear(t[i]) && t[i + 4].Text.Length <= 2 ? Make(a, b, c)
            : IsYear(t[i + 4]) && t[i].Text.Length <= 2 ? Make(c, b, a) ?? Make(c, a, b)
            : null;
        return d is null ? null : At(d.Value, i, i + 4);
    }

    private static DateMention? DayMonth(IReadOnlyList<Token> t, int i, FuzzyDate reference)
    {
        var tok = t[i];
        if (!tok.IsNumber || tok.Text.Count(c => c == '.') != 1 || i + 1 >= t.Count || t[i + 1].Text != "." || t[i + 1].Start != tok.End) return null;
        if (i == 0 || !(t[i - 1].Text == "(" || L.DayPreps.Contains(t[i - 1].Folded))) return null;
        if (i + 2 < t.Count && IsYear(t[i + 2])) return null;
        var p = tok.Text.Split('.');
        if (p[0].Length > 2 || p[1].Length > 2) return null;
        var month = Int(p[1]);
        return month is >= 1 and <= 12 && Make(NearestYear(reference, month), month, Int(p[0])) is { } d ? At(d, i, i + 1) : null;
    }

    // im Jahr 2019 / in 2019 / seit 2004 / Stand: 2019 / (Stand 2019)
    private static DateMention? YearAfterPreposition(IReadOnlyList<Token> t, int i)
    {
        if (!IsYear(t[i])) return null;
        // "1994 unterzeichneten beide Regionen ...": a year that opens a sentence before its verb dates it
        if (i == 0) return t.Count > 1 && t[1].IsWord && !t[1].IsCapitalized && t[1].Folded.Length > 3 ? At(new FuzzyDate(Int(t[0].Text)), 0, 0) : null;
        return L.YearPreps.Contains(t[i - 1].Folded) || IsStatus(t, i) ? At(new FuzzyDate(Int(t[i].Text)), i, i) : null;
    }

    // the year, month or week a shift word moves the reference date to; a week is known to its month, or its year
    // (this week: the reference's month)
    private static FuzzyDate? Shifted(FuzzyDate r, string unit, int shift)
    {
        switch (unit)
        {
            case "year": return new FuzzyDate(r.Year + shift);
            case "month" when r.Month is { } m:
                var first = new DateOnly(r.Year, m, 1).AddMonths(shift);
                return new FuzzyDate(first.Year, first.Month);
            case "week" when r.Precision == DatePrecision.Day:
                var day = r.Start.AddDays(7 * shift);
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                var sunday = monday.AddDays(6);
                // "this week" holds the reference day: what happens in it is reported in the reference's month
                return monday.Month == sunday.Month || shift == 0 ? new FuzzyDate(day.Year, day.Month)
                    : monday.Year == sunday.Year ? new FuzzyDate(monday.Year) : null;
            default: return null;
        }
    }

    private static int? RangeEndYear(IReadOnlyList<Token> t, int k)
    {
        if (k + 2 >= t.Count || !(t[k].Text is "–" or "-" or "—" || L.RangeWords.Contains(t[k].Folded))) return null;
        k++;
        while (k + 1 < t.Count && L.RangeWords.Contains(t[k].Folded)) k++;
        if (!IsDay(t[k])) return null;
        k = SkipOrdinal(t, k + 1);
        if (k < t.Count && t[k].Text == ".") k++;
        if (k + 1 < t.Count && IsMonth(t[k]))
        {
            var y = SkipAbbreviationPeriod(t, k);
            if (y < t.Count && IsYear(t[y])) return Int(t[y].Text);
        }
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
