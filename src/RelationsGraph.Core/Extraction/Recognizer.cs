using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// Finds places, adjectives of places, offices with their jurisdiction, persons, institutions and
/// dates in a clause, from the gazetteer and the patterns of the genre.
/// </summary>
internal sealed partial class Recognizer(Gazetteer gazetteer, string language, FuzzyDate? published, string? homeStateId, string? homeCountryId)
{
    private readonly string? homeCityId = homeStateId is not null && gazetteer.Find(homeStateId)?.Kind == PlaceKind.City ? homeStateId : null;
    private readonly string? homeRegionId = homeStateId is not null && gazetteer.Find(homeStateId) is { Kind: PlaceKind.City } city ? city.ParentId : homeStateId;

    private static readonly Dictionary<string, PlaceKind> KindWords = new(StringComparer.Ordinal)
    {
        ["prafektur"] = PlaceKind.Prefecture,
        ["prafekturen"] = PlaceKind.Prefecture,
        ["prefecture"] = PlaceKind.Prefecture,
        ["prefectures"] = PlaceKind.Prefecture,
        ["provinz"] = PlaceKind.Province,
        ["provinzen"] = PlaceKind.Province,
        ["province"] = PlaceKind.Province,
        ["provinces"] = PlaceKind.Province,
        ["bundesland"] = PlaceKind.State,
        ["bundeslander"] = PlaceKind.State,
        ["bundeslandes"] = PlaceKind.State,
        ["land"] = PlaceKind.State,
        ["landes"] = PlaceKind.State,
        ["freistaat"] = PlaceKind.State,
        ["freistaats"] = PlaceKind.State,
        ["state"] = PlaceKind.State,
        ["bundesstaat"] = PlaceKind.State,
        ["bundesstaates"] = PlaceKind.State,
        ["region"] = PlaceKind.Region,
        ["regionen"] = PlaceKind.Region,
        ["stadt"] = PlaceKind.City,
        ["city"] = PlaceKind.City,
        ["hauptstadt"] = PlaceKind.City,
        ["capital"] = PlaceKind.City,
        ["landeshauptstadt"] = PlaceKind.City,
        ["partnerstadt"] = PlaceKind.City,
        ["metropole"] = PlaceKind.City,
        ["staat"] = PlaceKind.Country,
        ["country"] = PlaceKind.Country,
    };

    private static readonly HashSet<string> NotNames =
    [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "er", "sie", "es", "wir", "ihr", "ich",
        "neben", "zuletzt", "auch", "in", "im", "am", "an", "bei", "mit", "nach", "von", "vom", "fur", "uber", "unter", "zum", "zur",
        "seit", "und", "oder", "aber", "als", "wie", "heute", "gestern", "herr", "frau", "dr", "prof", "the", "a", "an", "he", "she",
        "it", "we", "they", "this", "that", "on", "at", "for", "with", "from", "by", "of", "mr", "mrs", "ms", "sir", "dame", "during",
        "after", "before", "today", "yesterday", "while", "his", "her", "their", "our", "its", "dies", "diese", "dieser", "dieses",
        "sein", "seine", "seinem", "seinen", "ihre", "ihrem", "ihren", "unser", "unsere", "excellency", "exzellenz", "s", "e", "h",
        "delegation", "regierung", "government", "minister", "ministerin", "japan", "deutschland", "germany", "land", "stadt",
        "gemeinsam", "gemeinsame", "zusammen", "together", "thema", "themen", "gesprach", "gesprachs", "besuch", "visit", "rahmen",
    ];

    private static readonly HashSet<string> Honorifics = ["dr", "prof", "herr", "frau", "mr", "mrs", "ms", "h", "e", "s", "exzellenz", "excellency"];

    private static readonly HashSet<string> NameParticles = ["von", "van", "de", "der", "den", "di", "da", "du", "la", "le", "al", "bin", "ben", "dos", "del", "zu"];

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
