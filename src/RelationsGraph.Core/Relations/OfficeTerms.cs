using RelationsGraph.Model;

namespace RelationsGraph.Relations;

/// <summary>
/// A person in an office, from the first to the last date the evidence shows them holding it,
/// across all documents. These are the dates of the evidence, not the legal start and end of the term:
/// a consul general seen in 2019 and in 2021 is known to have held the office from 2019 to 2021.
/// </summary>
public sealed record OfficeTerm(Person Person, Office Office, FuzzyDate? From, FuzzyDate? To, IReadOnlyList<EvidenceSpan> Evidence)
{
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
}
