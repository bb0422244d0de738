using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// Finds places, adjectives of places, offices with their jurisdiction, persons, institutions and
/// dates in a clause, from the gazetteer and the patterns of the genre.
/// </summary>
internal sealed partial class Recognizer(Gazetteer gazetteer, string language, FuzzyDate? published, string? homeStateId, string? homeCountryId)
{
    // a city-state's Land is its city: the "Bürgermeister" of a release from Hamburg is Hamburg's
    private readonly string? homeCityId = homeStateId is not null && (gazetteer.Find(homeStateId)?.Kind == PlaceKind.City || gazetteer.IsCityState(homeStateId)) ? homeStateId : null;
    private readonly string? homeRegionId = homeStateId is not null && gazetteer.Find(homeStateId) is { Kind: PlaceKind.City } city ? city.ParentId : homeStateId;

    // "Präfektur", "Woiwodschaft", "Province (of)": data, Lexicon/place-kinds.tsv
    private Dictionary<string, PlaceKind> KindWords => gazetteer.KindWordsBefore;

    // honorifics, words that are never names and name particles: data in Lexicon/honorifics.tsv and name-words.tsv
    private readonly NameLexicon names = NameLexicon.Shared;

    private static IReadOnlySet<string> NotNames => NameLexicon.Shared.NotNames;

    public ClauseMentions Recognize(Clause clause)
    {
        var m = new ClauseMentions(clause);
        var t = clause.Tokens;
        FindPlaces(m, t);
        FindAdjectives(m, t);
        m.Dates.AddRange(Dates.Find(t, published));
        FindInstitutions(m, t);
        FindNamedOrganizations(m, t);
        FindShapedOrganizations(m, t);
        FindOffices(m, t);
        FindPersons(m, t);
        return m;
    }


    // ---------------------------------------------------------------- place choice

    private readonly Dictionary<string, PlaceEntry> documentChoices = new(StringComparer.Ordinal);

    /// <summary>
    /// Picks among places of the same name: a kind word decides ("Präfektur Osaka"); else an earlier
    /// decision in the document; else a country, then a city over a subdivision named after it.
    /// </summary>
    public PlaceEntry? Choose(PlaceHit hit)
    {
        if (hit.Chosen is not null) return hit.Chosen;
        var key = Gazetteer.Fold(hit.Surface);
        var c = hit.Candidates;
        PlaceEntry? chosen = null;
        if (hit.Context is { } kind)
        {
            chosen = c.FirstOrDefault(p => p.Kind == kind) ??
                     (kind is PlaceKind.State or PlaceKind.Province or PlaceKind.Prefecture or PlaceKind.Region
                         ? c.FirstOrDefault(p => p.Kind is PlaceKind.State or PlaceKind.Province or PlaceKind.Prefecture or PlaceKind.Region)
                         : null);
            if (chosen is not null) documentChoices[key] = chosen;
        }
        chosen ??= documentChoices.GetValueOrDefault(key);
        chosen ??= c.FirstOrDefault(p => p.Kind == PlaceKind.Country)
                   ?? c.Where(p => p.Kind == PlaceKind.City).OrderBy(p => HomeRank(p)).FirstOrDefault()
                   ?? c.FirstOrDefault();
        hit.Chosen = chosen;
        return chosen;
    }

    private int HomeRank(PlaceEntry p) => homeCountryId is not null && gazetteer.IsWithin(p.Id, homeCountryId) ? 0 : 1;
}
