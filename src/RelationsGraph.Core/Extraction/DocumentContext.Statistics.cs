using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Figures: a number, the noun it counts, and what it is about.
internal sealed partial class DocumentContext
{
    // ---------------------------------------------------------------- statistics

    private static readonly (string Metric, string[] Stems)[] Metrics =
    [
        ("residents", ["einwohner", "einwohnerinnen", "burgerinnen", "burger", "residents", "inhabitants", "citizens", "nationals"]),
        ("people", ["menschen", "personen", "people", "persons", "pendler", "commuters"]),
        ("delegation members", ["vertreterinnen", "vertreter", "representatives", "officials", "members", "mitglieder", "teilnehmende", "teilnehmer", "participants", "abgeordnete", "abgeordneten", "delegates", "parliamentarians"]),
        ("containers", ["standardcontainer", "container", "teu", "containers"]),
        ("companies", ["unternehmen", "firmen", "betriebe", "companies", "firms", "businesses"]),
        ("employees", ["beschaftigte", "beschaftigten", "mitarbeiter", "mitarbeiterinnen", "mitarbeitende", "mitarbeitenden", "arbeitsplatze", "employees", "jobs", "workers", "staff"]),
        ("cooperations", ["kooperationen", "hochschulkooperationen", "hochschulpartnerschaften", "partnerschaften", "schulpartnerschaften", "stadtepartnerschaften", "kooperationsprojekte", "projekte", "cooperations", "partnerships", "projects", "cooperation agreements"]),
        ("universities", ["hochschulen", "universitaten", "universities"]),
        ("schools", ["schulen", "schools"]),
        ("students", ["studierende", "studierenden", "studenten", "studentinnen", "students", "schuler", "schulerinnen", "pupils"]),
        ("visitors", ["besucher", "besucherinnen", "touristen", "gaste", "ubernachtungen", "visitors", "tourists", "overnight"]),
        ("years", ["jahre", "jahren", "years"]),
    ];

    private void RelateStatistics(ClauseMentions c)
    {
        var t = c.Tokens;
        // a figure is as of its "Stand", else of the year or month the sentence names ("im Jahr 2023"), else of the release
        var asOfStatus = c.Dates.FirstOrDefault(d => d.IsStatus)?.Date
            ?? c.Dates.FirstOrDefault(d => !d.IsSince && d.Date.Precision != DatePrecision.Day)?.Date;
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
                foreach (var (name, stems) in Metrics)
                    if (stems.Contains(t[k].Folded)) { metric = name; nounEnd = k; break; }
            }
            // "11.000 Japanerinnen und Japaner leben ...": people named by their nationality
            if (metric is null && n.Last + 1 < t.Count && t[n.Last + 1].IsCapitalized && c.Adjectives.FirstOrDefault(a => a.First == n.Last + 1) is { IsDemonym: true }
                && !Metrics.Any(m => n.Last + 2 < t.Count && m.Stems.Contains(t[n.Last + 2].Folded)))
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
                var noun = t.Take(n.First).LastOrDefault(x => x.IsWord && x.IsCapitalized && !x.IsAllCaps && c.PlaceAt(t.ToList().IndexOf(x)) is null);
                if (noun is null) continue;
                metric = noun.Text;
                nounEnd = n.Last;
            }
            if (metric is null) continue;
            if (metric is null && t[n.First].IsWord && t[n.First].Folded.Contains("kopfig", StringComparison.Ordinal)) { metric = "delegation members"; nounEnd = Math.Min(t.Count - 1, n.Last + 1); }
            if (metric is null) continue;
            // "marking 150 years of Italian immigration", "70 Jahre Städtepartnerschaft": the years of a relation being celebrated
            var celebrated = n.Last + 2 < t.Count && t[n.Last + 2].Folded is "of" or "der" or "des" && t.Any(x => x.Folded is "anniversary" or "marking" or "mark" or "celebrate" or "celebrates" or "celebrating" or "jubilaum" or "feiern" or "feiert" or "gefeiert");
            if (metric == "years" && !(n.Last + 1 < t.Count && t[n.Last + 1].Text == "-") && !(n.First > 0 && t.Take(n.First).TakeLast(3).Any(x => x.Folded is "seit" or "since" or "for")) && !celebrated) continue;
            // "Japanerinnen und Japaner"
            if (nounEnd + 2 < t.Count && t[nounEnd + 1].Folded is "und" or "and" && t[nounEnd + 2].IsCapitalized && c.AdjectiveAt(nounEnd + 2) is { IsDemonym: true }) nounEnd += 2;
            var about = StatisticSubjects(c);
            var asOf = asOfStatus ?? published;
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
