using RelationsGraph.Model;

namespace RelationsGraph.Relations;

/// <summary>
/// A person in an office, from the first to the last date the evidence shows them holding it,
/// across all documents. These are the dates of the evidence, not the legal start and end of the term:
/// a consul general seen in 2019 and in 2021 is known to have held the office from 2019 to 2021.
/// <paramref name="StatedTitle"/> is the office's title as the evidence words it for this holder (the HOLDS
/// edge's <see cref="GraphEdge.Title"/>).
/// </summary>
public sealed record OfficeTerm(Person Person, Office Office, FuzzyDate? From, FuzzyDate? To, IReadOnlyList<EvidenceSpan> Evidence, string? StatedTitle = null)
{
    /// <summary>The title to show with the person: the evidence's wording for them, else the office's own title.</summary>
    public string Title => StatedTitle ?? Office.Title;

    /// <summary>True when the evidence shows the office held at (some time within) the date.</summary>
    public bool Covers(FuzzyDate at) => From is { } f && To is { } t && f.Start <= at.End && at.Start <= t.End;

    /// <summary>
    /// Who held an office at a date: the holder whose evidence covers the date; failing that, the
    /// last holder seen before the date when nobody else was seen in between. Null when unknown.
    /// </summary>
    public static OfficeTerm? HolderAt(IReadOnlyList<OfficeTerm> terms, FuzzyDate at)
    {
        var covering = terms.Where(t => t.Covers(at)).ToList();
        if (covering.Count == 1) return covering[0];
        if (covering.Count > 1) return null;
        return terms.Where(t => t.From is { } f && f.Start <= at.Start).OrderBy(t => t.To).LastOrDefault();
    }

    /// <summary>
    /// The stricter question the write path asks: the one holder whose evidence covers the date; failing
    /// that, the one holder whose evidence lies within <paramref name="maxGapDays"/> of it. None when
    /// there are several or none.
    /// </summary>
    public static OfficeTerm? HolderNear(IReadOnlyList<OfficeTerm> terms, FuzzyDate date, int maxGapDays)
    {
        static OfficeTerm? Single(IEnumerable<OfficeTerm> candidates)
        {
            var people = candidates.GroupBy(t => t.Person.Id).ToList();
            return people.Count == 1 ? people[0].First() : null;
        }
        var covering = terms.Where(t => t.Covers(date)).ToList();
        if (covering.Count > 0) return Single(covering);
        return Single(terms.Where(t => t.From is { } f && t.To is { } to
            && f.Start.DayNumber - maxGapDays <= date.End.DayNumber && date.Start.DayNumber <= to.End.DayNumber + maxGapDays));
    }
}
