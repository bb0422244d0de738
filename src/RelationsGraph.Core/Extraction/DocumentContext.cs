using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>
/// What one document says, collected across its clauses: resolves short names to full ones
/// ("Laschet" → "Armin Laschet"), then relates mentions into events, agreements and figures.
/// </summary>
internal sealed partial class DocumentContext(Gazetteer gazetteer, Recognizer recognizer, string language, FuzzyDate? published, string? homeState, string? homeCountry, string text)
{
    private readonly Dictionary<string, ExtractedPlace> places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractedOrganization> organizations = new(StringComparer.Ordinal);
    private readonly List<(PersonHit Hit, ClauseMentions Clause)> personHits = [];
    private readonly Dictionary<string, string> personByLastName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, List<string> Aliases, TextRange Range, Dictionary<string, ExtractedOffice> Offices)> persons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractedEvent> events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractedAgreement> agreements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractedStatistic> statistics = new(StringComparer.Ordinal);
    private readonly string? home = homeState ?? homeCountry;

    // A release about a city partnership (or from a city) relates cities, not the Länder and provinces they lie in.
    private readonly bool cityLevel = CityLevel(gazetteer, homeState, text);

    private static readonly string[] CityPartnershipWords = ["stadtepartnerschaft", "partnerstadt", "partnerstadte", "schwesterstadt", "twinning", "twinned", "twin city", "twin cities", "sister city", "sister cities", "town twinning"];

    private static bool CityLevel(Gazetteer gazetteer, string? homeState, string text)
    {
        if (homeState is not null && gazetteer.Find(homeState)?.Kind == PlaceKind.City) return true;
        var folded = TextFold.Fold(text);
        return CityPartnershipWords.Any(w => folded.Contains(w, StringComparison.Ordinal));
    }

    public bool IsEmpty => places.Count + organizations.Count + persons.Count + events.Count + agreements.Count + statistics.Count == 0;

    // ---------------------------------------------------------------- collect

    private readonly Dictionary<string, int> sideMentions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> directMentions = new(StringComparer.Ordinal);

    public void Collect(ClauseMentions c)
    {
        var t = c.Tokens;
        foreach (var hit in c.Places)
        {
            if (recognizer.Choose(hit) is not { } entry) continue;
            var side = SideOf(entry.Id);
            sideMentions[side] = sideMentions.GetValueOrDefault(side) + 1;
            if (side == entry.Id) directMentions[side] = directMentions.GetValueOrDefault(side) + 1;
            var abbreviation = hit.Surface.Length <= 4 && hit.Surface.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
            var name = abbreviation ? entry.Name(language) : hit.Surface;
            places.TryAdd(entry.Id, new ExtractedPlace(entry.Id, name, entry.Kind, entry.ParentId, new TextRange(t[hit.First].Start, t[hit.Last].End)));
        }
        // "the Korean side", "polnische Partner", "Korea-Poland consultations": sides named without a place of their own
        foreach (var adj in c.Adjectives.Where(a => !c.InPhrase.Contains(a.First)))
            sideMentions[adj.PlaceId] = sideMentions.GetValueOrDefault(adj.PlaceId) + 1;
        foreach (var tok in t.Where(x => x.IsWord && x.IsCapitalized && x.Text.Contains('-') && c.PlaceAt(t.ToList().IndexOf(x)) is null))
        {
            var parts = tok.Text.Split('-');
            var ids = parts.Select(part => gazetteer.PlaceNames.Match(Tokenizer.Tokenize(part, 0, part.Length), 0)).Where(x => x.Length == 1 && x.Values.Count == 1).Select(x => x.Values[0].Id).ToList();
            if (ids.Count == parts.Length && ids.Count == 2)
                foreach (var id in ids) sideMentions[SideOf(id)] = sideMentions.GetValueOrDefault(SideOf(id)) + 1;
        }
        foreach (var org in c.Organizations)
        {
            var id = OrganizationId(org);
            organizations.TryAdd(id, new ExtractedOrganization(id, org.Name, org.Kind, org.JurisdictionId, new TextRange(t[org.First].Start, t[org.Last].End)));
        }
        foreach (var p in c.Persons) personHits.Add((p, c));
    }

    internal static string OrganizationId(OrganizationHit org) =>
        org.Key == "named" || org.JurisdictionId is null ? GraphIds.Organization(org.Name)
        : $"org:{org.Key}:{org.JurisdictionId}" + (org.SeatId is null ? "" : "@" + org.SeatId);


    // ---------------------------------------------------------------- result

    public ExtractionResult ToResult(DocumentInfo info, List<string> warnings)
    {
        DateUndatedAgreements();
        // "Generalkonsulin Yamamoto" and "die Generalkonsulin von Japan in München, Keiko Yamamoto" are one office: keep the one whose jurisdiction is known
        // an office assumed from the publisher gives way to the same office written out with its place ("Bürgermeister der Stadt Kyoto");
        // a bare title gives way to a fuller one of the same person ("Minister" beside "Minister of State for European Affairs")
        List<ExtractedOffice> Offices(IEnumerable<ExtractedOffice> all)
        {
            var list = all.ToList();
            return list.Where(o => (o.JurisdictionId is not null || !list.Any(x => x.Role == o.Role && x.JurisdictionId is not null))
                && !(implicitOffices.Contains(o.Id) && list.Any(x => x != o && x.Role == o.Role && !implicitOffices.Contains(x.Id)))
                && !(o.JurisdictionId is null && list.Any(x => x != o && x.Title.Length > o.Title.Length && x.Title.StartsWith(o.Title + " ", StringComparison.Ordinal)))).ToList();
        }
        var ps = persons.Select(kv => new ExtractedPerson(kv.Key, kv.Value.Name, kv.Value.Aliases, Offices(kv.Value.Offices.Values), kv.Value.Range)).ToList();
        // Places that events, agreements and figures refer to without naming them in the text (a Land implied by its publisher) still need their node.
        // an office whose holder the release names somewhere (also later) is that person, not an unnamed office
        var namedRoles = ps.SelectMany(p => p.Offices).Select(o => o.Role).ToHashSet(StringComparer.Ordinal);
        foreach (var e in events.Values.Where(e => e.OfficeIds.Count > 0).ToList())
            events[e.Id] = e with { OfficeIds = e.OfficeIds.Where(id => !namedRoles.Contains(unnamedOffices[id].Role)).ToList() };
        var unnamed = unnamedOffices.Values.Where(o => events.Values.Any(e => e.OfficeIds.Contains(o.Id))).ToList();
        foreach (var id in events.Values.SelectMany(e => e.InvolvedIds).Concat(agreements.Values.SelectMany(a => a.PartyIds))
            .Concat(ps.SelectMany(p => p.Offices).Concat(unnamed).SelectMany(o => new[] { o.JurisdictionId, o.SeatId })).OfType<string>())
            if (!places.ContainsKey(id) && gazetteer.Find(id) is { } entry)
                places[id] = new ExtractedPlace(id, entry.Name(language), entry.Kind, entry.ParentId, new TextRange(0, 0));
        return new ExtractionResult(info, text, ps, places.Values.ToList(), organizations.Values.ToList(),
            events.Values.OrderBy(e => e.Date is null).ThenBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal).ToList(),
            agreements.Values.ToList(), statistics.Values.ToList(), warnings)
        { UnnamedOffices = unnamed };
    }
}
