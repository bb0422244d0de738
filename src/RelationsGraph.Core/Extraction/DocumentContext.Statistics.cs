using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Figures: a number, the noun it counts, and what it is about.
internal sealed partial class DocumentContext
{
    // ---------------------------------------------------------------- statistics

    // the counted nouns of Lexicon/figures.tsv: folded form (one word, or two for "cooperation agreements") → metric
    private static readonly Lazy<Dictionary<string, string>> Metrics = new(() =>
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Gazetteer.Rows("Lexicon.figures.tsv"))
            if (row.Length >= 3)
                foreach (var form in row[2].Split('|', StringSplitOptions.RemoveEmptyEntries)) metrics.TryAdd(form, row[0]);
        return metrics;
    });

    /// <summary>The metric the word at <paramref name="k"/> counts, and the last token of its noun; a German dative plural ("Einwohnern", "Gästen") is its plural.</summary>
    private static (string Metric, int Last)? MetricAt(IReadOnlyList<Token> t, int k)
    {
        var m = Metrics.Value;
        if (k + 1 < t.Count && t[k + 1].IsWord && m.TryGetValue(t[k].Folded + " " + t[k + 1].Folded, out var two)) return (two, k + 1);
        if (m.TryGetValue(t[k].Folded, out var one)) return (one, k);
        var f = t[k].Folded;
        if (f.Length > 4 && f[^1] == 'n' && t[k].IsCapitalized && m.TryGetValue(f[..^1], out var dative) && f[^2] is 'e' or 'r' or 'l') return (dative, k);
        return null;
    }

    private static bool IsMetricWord(IReadOnlyList<Token> t, int k) => k < t.Count && MetricAt(t, k) is not null;

    private void RelateStatistics(ClauseMentions c)
    {
        var t = c.Tokens;
        // a figure is as of its "Stand", else of the year or month the sentence names ("im Jahr 2023"), else of the release
        var status = c.Dates.FirstOrDefault(d => d.IsStatus)?.Date;
        for (var i = 0; i < t.Count; i++)
        {
            if (c.Dates.Any(d => d.First <= i && i <= d.Last)) continue;
            if (Numbers.At(t, i, language) is not { } n) continue;
            if (n.Value is >= 1900 and <= 2100 && n.Unit is null && !t[i].Text.Contains('.')) continue;
            // the counted noun: right after the number, past a few small words ("600 japanische Unternehmen", "11.000 Japanerinnen und Japaner")
            string? metric = null;
            var k = n.Last + 1;
            var nounEnd = -1;
            for (var look = 0; look < 3 && k < t.Count && metric is null; look++, k++)
            {
                if (t[k].IsPunct) break;
                if (MetricAt(t, k) is { } found) (metric, nounEnd) = found;
            }
            // "11.000 Japanerinnen und Japaner leben ...": people named by their nationality
            if (metric is null && n.Last + 1 < t.Count && t[n.Last + 1].IsCapitalized && c.Adjectives.FirstOrDefault(a => a.First == n.Last + 1) is { IsDemonym: true }
                && !IsMetricWord(t, n.Last + 2))
            {
                metric = "residents";
                nounEnd = n.Last + 1;
            }
            // "eine rund 50-köpfige Delegation", "das 60-jährige Bestehen"
            if (metric is null && n.Last + 2 < t.Count && t[n.Last + 1].Text == "-" && t[n.Last + 2].IsWord)
            {
                if (t[n.Last + 2].Folded.StartsWith("kopfig", StringComparison.Ordinal)) { metric = "delegation members"; nounEnd = Math.Min(t.Count - 1, n.Last + 3); }
                else if (t[n.Last + 2].Folded.StartsWith("jahrig", StringComparison.Ordinal)) { metric = "years"; nounEnd = Math.Min(t.Count - 1, n.Last + 3); }
            }
            if (n.Unit is not null && metric is null)
            {
                // "ein Handelsvolumen von 2,7 Milliarden Euro": the noun before the number names the figure
                // ("exports worth almost £250m", "a rise of 25%": English nouns are not capitalized, the amount is the figure)
                var before = -1;
                for (var b = n.First - 1; b >= 0 && before < 0; b--)
                    if (t[b].IsWord && t[b].IsCapitalized && !t[b].IsAllCaps && c.PlaceAt(b) is null && c.AdjectiveAt(b) is null) before = b;
                metric = language == "de" && before >= 0 ? t[before].Text : n.Unit == "%" ? "percent" : "amount";
                nounEnd = n.Last;
            }
            if (metric is null) continue;
            // "marking 150 years of Italian immigration", "70 Jahre Städtepartnerschaft": the years of a relation being celebrated
            var celebrated = n.Last + 2 < t.Count && t[n.Last + 2].Folded is "of" or "der" or "des" && t.Any(x => x.Folded is "anniversary" or "marking" or "mark" or "celebrate" or "celebrates" or "celebrating" or "jubilaum" or "feiern" or "feiert" or "gefeiert");
            if (metric == "years" && !(n.Last + 1 < t.Count && t[n.Last + 1].Text == "-") && !(n.First > 0 && t.Take(n.First).TakeLast(3).Any(x => x.Folded is "seit" or "since" or "for")) && !celebrated) continue;
            // "another 25 years", "die nächsten fünf Jahre": years wished for are no duration; the same duration named twice is one figure
            if (metric == "years" && (n.First > 0 && Metrics.Value.TryGetValue("(before) " + t[n.First - 1].Folded, out var not) && not == "not-years"
                || statistics.Values.Any(s => s.Metric == "years" && s.Value == n.Value))) continue;
            // "the two cities", "die beiden Länder": a number word after an article refers to what was named, it counts nothing new
            if (t[n.First].IsWord && n.First > 0 && Metrics.Value.TryGetValue("(before) " + t[n.First - 1].Folded, out var article) && article == "not-word") continue;
            // "Japanerinnen und Japaner"
            if (nounEnd + 2 < t.Count && t[nounEnd + 1].Folded is "und" or "and" && t[nounEnd + 2].IsCapitalized && c.AdjectiveAt(nounEnd + 2) is { IsDemonym: true }) nounEnd += 2;
            var about = StatisticSubjects(c);
            // "earlier this year and a trade mission in 2018, involving seven companies": the date nearest the figure
            var asOf = status ?? c.Dates.Where(d => !d.IsSince && d.Date.Precision != DatePrecision.Day)
                .OrderBy(d => Math.Min(Math.Abs(d.Last - n.First), Math.Abs(d.First - n.Last))).FirstOrDefault()?.Date ?? published;
            var place = c.Places.FirstOrDefault(p => p.First > nounEnd && p.Chosen is not null && t[p.First - 1].Folded is "in" or "im");
            var subjectText = string.Join(" ", t.Skip(n.Last + 1).Take(nounEnd - n.Last).Select(x => x.Text));
            if (metric == "years") subjectText = string.Join(" ", t.Skip(nounEnd + 1).TakeWhile(x => !x.IsPunct).Take(6).Select(x => x.Text));
            var subject = place is not null ? $"{subjectText} in {place.Surface}" : subjectText;
            var id = GraphIds.Statistic(metric, about, asOf, n.Value);
            statistics.TryAdd(id, new ExtractedStatistic(id, subject, metric, n.Value, n.Qualifier, n.Unit, asOf, about, c.Range));
            i = Math.Max(i, nounEnd);
        }
    }

    private List<string> StatisticSubjects(ClauseMentions c)
    {
        var ids = c.Places.Where(p => p.Chosen is not null && p.Chosen.Kind != PlaceKind.City).Select(p => p.Chosen!.Id)
            .Concat(c.Adjectives.Select(a => a.PlaceId))
            .Concat(c.Organizations.Select(OrganizationId).Where(organizations.ContainsKey));
        return ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
