using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Explanation: what the extractor decided for each candidate, and which rule or lexicon entry decided it.
internal sealed partial class DocumentContext
{
    private List<ExtractionDecision>? trace;

    /// <summary>Starts recording decisions; <see cref="Explanation"/> returns them in text order.</summary>
    public void RecordDecisions() => trace = [];

    private void Explain(ClauseMentions c, string kind, int first, int last, bool kept, string reason) =>
        trace?.Add(Decision(c, kind, first, last, kept, reason));

    private ExtractionDecision Decision(ClauseMentions c, string kind, int first, int last, bool kept, string reason)
    {
        var range = new TextRange(c.Tokens[first].Start, c.Tokens[last].End);
        return new ExtractionDecision(kind, text[range.Start..range.End], range, kept, reason);
    }

    private static string Span(ClauseMentions c, int first, int last) => string.Join(" ", c.Tokens.Skip(first).Take(last - first + 1).Select(x => x.Text));

    /// <summary>
    /// The decisions about dates, names and numbers, read from what the stages found and made of it, with the
    /// decisions the event stage recorded as it went; in text order.
    /// </summary>
    public IReadOnlyList<ExtractionDecision> Explanation(IEnumerable<ClauseMentions> clauses)
    {
        if (trace is null) return [];
        var all = new List<ExtractionDecision>(trace);
        void Add(ClauseMentions c, string kind, int first, int last, bool kept, string reason) => all.Add(Decision(c, kind, first, last, kept, reason));
        foreach (var c in clauses)
        {
            var t = c.Tokens;
            var eventDate = c.Clause.InHeading ? null : EventDate(c);
            foreach (var d in c.Dates)
            {
                var reason = d.IsStatus ? "a status date (\"Stand\", \"as of\"): dates the figures of the clause, not an event"
                    : d.IsSince ? "a start (\"seit\", \"since\"): dates a standing relation, not an event"
                    : c.Clause.InHeading ? "in a heading: headings are not related"
                    : eventDate == d.Date ? "the date of what the clause reports"
                    : IsAttribute(t, d) ? "dates the noun after it (\"die im Jahr 2015 geschlossene Vereinbarung\"), not the clause"
                    : "not the first date of the clause that can date it";
                Add(c, "date", d.First, d.Last, !d.IsStatus && !d.IsSince && eventDate == d.Date, $"{d.Date} ({d.Date.Precision.ToString().ToLowerInvariant()}): {reason}");
            }
            foreach (var p in c.Persons)
            {
                var id = PersonId(p);
                var full = id is not null && persons.TryGetValue(id, out var person) ? person.Name : p.Name;
                var how = p.Office is { } o ? $"named with the title \"{o.Title}\" (Lexicon/offices.tsv role {o.Form.Role})" : "named after an honorific (Herr, Frau, Mr, Ms ...)";
                Add(c, "name", p.First, p.Last, true, $"person \"{full}\"{(full != p.Name ? $" (the fullest form of \"{p.Name}\" in the release)" : "")}: {how}");
            }
            for (var i = 0; i < t.Count; i++)
            {
                if (c.Dates.Any(d => d.First <= i && i <= d.Last) || Numbers.At(t, i, language) is not { } n) continue;
                var stat = statistics.Values.FirstOrDefault(s => s.Value == n.Value && s.Quote.Start <= t[i].Start && t[i].End <= s.Quote.End);
                Add(c, "number", n.First, n.Last, stat is not null, stat is not null
                    ? $"figure {n.Value} {stat.Metric} ({stat.Subject}), as of {stat.AsOf?.ToString() ?? "unknown"}"
                    : n.Value is >= 1900 and <= 2100 && n.Unit is null ? "a year, not a figure" : "no counted noun or unit that the figure lexicon knows follows it");
                i = n.Last;
            }
        }
        return all.OrderBy(x => x.Range.Start).ThenBy(x => x.Kind, StringComparer.Ordinal).ToList();
    }
}
