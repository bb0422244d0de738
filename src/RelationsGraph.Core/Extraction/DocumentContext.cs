using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>
/// What one document says, collected across its clauses: resolves short names to full ones
/// ("Laschet" → "Armin Laschet"), then relates mentions into events, agreements and figures.
/// </summary>
internal sealed class DocumentContext(Gazetteer gazetteer, Recognizer recognizer, string language, FuzzyDate? published, string? homeState, string? homeCountry, string text)
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

    public void ResolvePersons()
    {
        // The fullest form of a name in the document is the person's name; "Laschet" and "Armin Laschet" are one person.
        foreach (var (hit, _) in personHits.OrderByDescending(h => h.Hit.Name.Split(' ').Length))
        {
            var last = LastName(hit.Name);
            if (!personByLastName.ContainsKey(last)) personByLastName[last] = hit.Name;
        }
        // "Vizebürgermeisterin Li" after "Li Wenjing": a lone name that is the first word of a full name (family name first)
        foreach (var (hit, _) in personHits.Where(h => !h.Hit.Name.Contains(' ')))
        {
            var single = LastName(hit.Name);
            var full = personHits.Select(h => h.Hit.Name).FirstOrDefault(n => n.Contains(' ') && TextFold.Fold(n).Split(' ')[0] == single);
            if (full is not null && personByLastName.TryGetValue(single, out var current) && !current.Contains(' ')) personByLastName[single] = full;
        }
        foreach (var (hit, clause) in personHits)
        {
            var name = personByLastName[LastName(hit.Name)];
            var id = GraphIds.Person(name);
            if (!persons.TryGetValue(id, out var p))
                persons[id] = p = (name, [], new TextRange(clause.Tokens[hit.First].Start, clause.Tokens[hit.Last].End), new Dictionary<string, ExtractedOffice>(StringComparer.Ordinal));
            if (hit.Name != name && !p.Aliases.Contains(hit.Name)) p.Aliases.Add(hit.Name);
            if (hit.Office is not { } o) continue;
            var officeId = GraphIds.Office(o.Form.Role, o.JurisdictionId, o.SeatId);
            var asOf = EventDate(clause) ?? published;
            var office = new ExtractedOffice(officeId, o.Form.Role, o.Title, o.JurisdictionId, o.SeatId, asOf,
                new TextRange(clause.Tokens[o.First].Start, clause.Tokens[o.Last].End));
            if (!o.Explicit) implicitOffices.Add(officeId);
            if (!p.Offices.TryGetValue(officeId, out var existing) || existing.Title.Length < office.Title.Length)
                p.Offices[officeId] = existing is null ? office : office with { AsOf = existing.AsOf };
        }
    }

    // Offices whose jurisdiction was not written but assumed from the publisher ("Bürgermeister Matsumoto" in Köln's release).
    private readonly HashSet<string> implicitOffices = new(StringComparer.Ordinal);

    /// <summary>The family name: the last word, or the first when written in capitals first ("YAMADA Hanako").</summary>
    internal static string LastName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var familyFirst = words.Length > 1 && words[0].Length > 1 && words[0].All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) && !words[^1].All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
        return TextFold.Fold(familyFirst || words.Length == 1 ? words[0] : words[^1]);
    }

    private string? PersonId(PersonHit hit) =>
        personByLastName.TryGetValue(LastName(hit.Name), out var full) ? GraphIds.Person(full) : null;

    /// <summary>
    /// The date of what the clause reports: not a "Stand", not a start ("seit"), not the years of a plan
    /// ("für die Jahre 2025 bis 2027"), not an attribute ("der im Jahr 2019 geschlossenen Vereinbarung").
    /// </summary>
    private static FuzzyDate? EventDate(ClauseMentions c)
    {
        var t = c.Tokens;
        return c.Dates.FirstOrDefault(d => !d.IsStatus && !d.IsSince
            && !(d.First > 0 && t[d.First - 1].Folded is "jahre" or "years" or "bis" or "until")
            && !(d.Last + 1 < t.Count && t[d.Last + 1].IsWord && !t[d.Last + 1].IsCapitalized && t[d.Last + 1].Folded.Length > 6 && (t[d.Last + 1].Folded.EndsWith("nen", StringComparison.Ordinal) || t[d.Last + 1].Folded.EndsWith("ten", StringComparison.Ordinal)))
            && !IsAttribute(t, d.Last + 1))?.Date;
    }

    /// <summary>"die im Jahr 2015 geschlossene Vereinbarung": a date before an inflected participle and its noun dates that noun, not the sentence.</summary>
    private static bool IsAttribute(IReadOnlyList<Token> t, int k) =>
        k + 1 < t.Count && t[k].IsWord && !t[k].IsCapitalized && t[k].Folded.Length > 4
        && (t[k].Folded.EndsWith('e') || t[k].Folded.EndsWith("en", StringComparison.Ordinal) || t[k].Folded.EndsWith("em", StringComparison.Ordinal) || t[k].Folded.EndsWith("es", StringComparison.Ordinal))
        && t[k + 1].IsWord && t[k + 1].IsCapitalized;

    // ---------------------------------------------------------------- relate

    private static readonly (EventType Type, string[] Stems)[] Triggers =
    [
        (EventType.Delegation, ["delegation", "delegationen", "delegations"]),
        (EventType.Reception, ["empfangt", "empfing", "empfangen", "empfang", "received", "receives", "welcomed", "welcomes", "hosted", "hosts", "courtesy", "hoflichkeitsbesuch"]),
        (EventType.Signing, ["unterzeichnet", "unterzeichneten", "unterzeichnete", "unterzeichnen", "unterzeichnung", "unterschrieben", "unterschrieb", "signed", "signing", "signs", "sign"]),
        (EventType.Meeting, ["traf", "trafen", "trifft", "treffen", "met", "meet", "meets", "meeting", "talks", "tagten", "tagte", "konsultationen", "consultations"]),
        (EventType.Visit, ["besuch", "besuchs", "besuchte", "besucht", "besuchten", "besuchen", "antrittsbesuch", "arbeitsbesuch", "staatsbesuch", "gegenbesuch", "reise", "reiste", "reist", "reisen", "visit", "visited", "visits", "visiting", "trip", "travel", "travels", "traveled", "travelled"]),
        (EventType.Extension, ["verlangert", "verlangerung", "verlangerten", "extended", "extension", "renewed", "erneuert"]),
    ];

    // Gatherings that are events by themselves, with or without named people: "Die nächsten Regierungskonsultationen
    // sind für den Herbst in Bratislava geplant", "The next seminar is planned for autumn 2025 in Paris".
    private static readonly string[] MeetingNouns = ["konsultationen", "treffen", "sitzung", "gipfel", "konferenz", "tagung", "seminar", "forum", "gesprache", "kommission",
        "meeting", "meetings", "consultations", "summit", "conference", "session", "seminar", "forum", "commission", "talks", "round"];
    private static readonly string[] OtherNouns = ["festakt", "festival", "feier", "woche", "messe", "ausstellung", "weltausstellung", "kongress", "wirtschaftskongress",
        "festival", "fair", "exhibition", "expo", "congress", "celebration", "celebrations", "ceremony"];

    private static bool Names(Token x, string[] nouns) =>
        nouns.Any(n => x.Folded == n || (x.IsCapitalized && x.Text.Length > n.Length + 2 && x.Folded.EndsWith(n, StringComparison.Ordinal) && x.Folded is not ("ausstellungen" or "treffen")));

    private static readonly HashSet<string> Copulas = ["war", "waren", "weilte", "weilten", "was", "were", "ist", "sind"];

    private static readonly string[] AgreementStems = ["abkommen", "vereinbarung", "absichtserklarung", "memorandum", "vertrag", "agreement", "accord", "mou", "treaty", "urkunde", "aktionsplan", "declaration", "agenda", "charta", "charter", "protokoll", "protocol"];
    private static readonly HashSet<string> CooperationWords = ["zusammenarbeit", "kooperation", "partnerschaft", "stadtepartnerschaft", "regionalpartnerschaft", "landerpartnerschaft", "cooperation", "partnership", "twinning"];

    // What the previous sentences of the same paragraph established: "Beide unterzeichneten ..." after a dated sentence.
    private int paragraph = -1;
    private FuzzyDate? paragraphDate;
    private FuzzyDate? documentDate;
    private List<string> paragraphPersons = [];
    private readonly List<string> undatedInParagraph = [];

    private static readonly HashSet<string> BothWords = ["beide", "both", "die beiden", "sie", "they"];

    // The last two or more people named together: "the two ministers", "beide Stadtoberhäupter" in a later paragraph.
    private List<string> recentPair = [];

    /// <summary>"the two ministers", "both governments", "die beiden Minister", "beide Stadtoberhäupter": the clause's subject is the pair named before.</summary>
    private static bool NamesThePair(IReadOnlyList<Token> t)
    {
        for (var i = 0; i + 1 < t.Count; i++)
        {
            var f = t[i].Folded;
            if (f is "both" or "beide" && t[i + 1].IsWord) return true;
            if (f is "two" or "beiden" && i > 0 && t[i - 1].Folded is "the" or "die" && t[i + 1].IsWord) return true;
        }
        return false;
    }

    /// <summary>"die Oberbürgermeisterin", "the Lord Provost", "Die Regierungschefin": a title without a name is the one person of the release who holds it.</summary>
    private IEnumerable<string> BareTitles(ClauseMentions c)
    {
        foreach (var office in c.Offices.Where(o => !c.Persons.Any(p => p.Office == o)))
        {
            var holders = persons.Where(p => p.Value.Offices.Values.Any(x => x.Role == office.Form.Role)).Select(p => p.Key).ToList();
            if (holders.Count == 1) yield return holders[0];
        }
    }

    private static readonly HashSet<string> FutureMarkers = ["wird", "werden", "will", "shall", "soll", "sollen", "geplant", "planned", "scheduled", "vorgesehen"];

    public void Relate(ClauseMentions c)
    {
        var t = c.Tokens;
        if (c.Clause.LineStart != paragraph) { paragraph = c.Clause.LineStart; paragraphDate = null; paragraphPersons = []; undatedInParagraph.Clear(); }
        var ownDate = EventDate(c);
        // "vom 23. bis 26. Oktober ... am Donnerstag": a bare weekday falls within the days the text is about, not before the release
        if (ownDate is not null && documentDate is { } running && running.Start > (published?.Start ?? DateOnly.MaxValue)
            && c.Dates.FirstOrDefault(d => d.Date == ownDate)?.BareWeekday is { } weekday)
        {
            var day = running.Start;
            while (day.DayOfWeek != weekday) day = day.AddDays(1);
            ownDate = FuzzyDate.FromDate(day);
        }
        // "Am Mittwoch wird sie ... empfangen": a bare weekday in a sentence about the future is the next one, not the last
        else if (ownDate is { } own && published is { Precision: DatePrecision.Day } pub && own.Start < pub.Start
            && t.Any(x => FutureMarkers.Contains(x.Folded)) && c.Dates.FirstOrDefault(d => d.Date == ownDate)?.BareWeekday is { } futureDay)
        {
            var day = pub.Start.AddDays(1);
            while (day.DayOfWeek != futureDay) day = day.AddDays(1);
            ownDate = FuzzyDate.FromDate(day);
        }
        // "a festival is planned for October" in a February release: a month ahead, not behind
        if (ownDate is { Precision: DatePrecision.Month } month && published is { } pubMonth && month.Start < pubMonth.Start && month.Start.AddMonths(12) > pubMonth.Start
            && t.Any(x => FutureMarkers.Contains(x.Folded)) && c.Dates.FirstOrDefault(d => d.Date == ownDate) is { } monthMention && monthMention.First == monthMention.Last)
            ownDate = new FuzzyDate(month.Year + 1, month.Month);
        var pair = NamesThePair(t);
        var date = ownDate ?? paragraphDate ?? (pair ? documentDate : null);
        var personIds = c.Persons.Select(PersonId).OfType<string>().Concat(BareTitles(c)).Distinct().ToList();
        if (personIds.Count == 0 && t.Count > 0 && BothWords.Contains(t[0].Folded)) personIds = [.. paragraphPersons];
        if (personIds.Count == 0 && pair) personIds = paragraphPersons.Count >= 2 ? [.. paragraphPersons] : [.. recentPair];
        // "Die Partnerschaft wurde im Jahr 1984 begründet": a founding year dates the partnership, not what the paragraph goes on to report
        if (ownDate is not null && !t.Any(x => x.Folded is "begrundet" or "gegrundet" or "established" or "founded")) paragraphDate = ownDate;
        // "Saxony and the Ústí nad Labem Region have extended their agreement. It was signed on Wednesday in Dresden ...":
        // an agreement reported without a date takes the day the same paragraph gives next
        if (ownDate is { Precision: DatePrecision.Day } day0)
        {
            foreach (var id in undatedInParagraph)
                if (agreements[id] is { Date: null, Action: not AgreementStatus.Ongoing } a) agreements[id] = a with { Date = day0 };
            undatedInParagraph.Clear();
        }
        // the document's running date is that of its last dated event, not a founding year
        if (ownDate is { Precision: DatePrecision.Day }) documentDate = ownDate;
        if (c.Persons.Count > 0) paragraphPersons = personIds;
        if (personIds.Count >= 2) recentPair = personIds;
        var sides = Sides(c, personIds);
        var place = EventPlace(c);

        var agreementIds = RelateAgreements(c, date, sides);

        var type = EventTypeOf(c, personIds, place);
        // "Der Delegation gehören ... an", "the delegation includes": who is in a delegation is no occurrence of its own
        if (type == EventType.Delegation && t.Any(x => x.Folded is "gehoren" or "angehoren" or "consists" or "comprises" or "includes" or "include")) type = null;
        // "wollen ... unterzeichnen", "agreed to sign": an announced signing is an agreement's plan, not an event
        if (type is EventType.Signing or EventType.Extension && ActionOf(c) == AgreementStatus.Planned) type = null;
        if (type is { } ty && date is { } d && (personIds.Count > 0 || place is not null))
        {
            var orgIds = ty == EventType.Delegation
                ? c.Organizations.Where(o => o.Kind is OrganizationKind.Parliament or OrganizationKind.Government or OrganizationKind.Ministry).Select(OrganizationId).ToList()
                : [];
            // a gathering without named people needs its own date and place: "The next seminar is planned for autumn 2025 in Paris"
            var gathering = ownDate is not null && (place is not null || CoordinatedPlaces(c).Count >= 2) && t.Any(x => Names(x, MeetingNouns) || Names(x, OtherNouns));
            // "Zuletzt hatte eine Delegation des Provinzparlaments im Mai 2023 den Landtag in Hannover besucht": what a delegation did, where and when
            var byDelegation = ownDate is not null && place is not null && t.Any(x => x.Folded.EndsWith("delegation", StringComparison.Ordinal));
            if (personIds.Count > 0 || orgIds.Count > 0 || ty == EventType.Delegation || gathering || byDelegation)
            {
                var involved = Minimal(sides.Concat(place is null ? [] : [SideOf(place.Id)]).Concat(CoordinatedPlaces(c).Select(SideOf)));
                // the clause names one side: the other is the release's partner
                if (involved.Count < 2) involved = Minimal(involved.Concat(Dyad()));
                var id = GraphIds.Event(ty, d, personIds, place?.Id, involved);
                var names = personIds.Select(p => persons[p].Name).Concat(orgIds.Select(o => organizations[o].Name));
                var title = $"{ty}: {string.Join(", ", names)}" + (place is null ? "" : $" in {place.Name}") + $", {d}";
                events.TryAdd(id, new ExtractedEvent(id, ty, d, title, personIds, orgIds, place?.Id, involved, agreementIds, c.Range));
            }
        }
        RelateStatistics(c);
    }

    private EventType? EventTypeOf(ClauseMentions c, List<string> personIds, ExtractedPlace? place)
    {
        var folded = c.Tokens.Select(x => x.Folded).ToHashSet(StringComparer.Ordinal);
        // signing a renewed or extended agreement is its extension
        if (!folded.Overlaps(Triggers[0].Stems) && !folded.Overlaps(Triggers[1].Stems) && folded.Overlaps(Triggers[2].Stems))
            return c.Tokens.Any(x => x.Folded.StartsWith("erneuert", StringComparison.Ordinal) || x.Folded.StartsWith("verlanger", StringComparison.Ordinal) || x.Folded is "renewed" or "extended")
                ? EventType.Extension : EventType.Signing;
        // "Die Delegation besuchte ...", "In Dijon trifft die Delegation ...": what the delegation did
        if (folded.Overlaps(Triggers[0].Stems) || c.Tokens.Any(x => x.Folded.EndsWith("delegation", StringComparison.Ordinal)))
        {
            if (folded.Overlaps(["besuchte", "besuchten", "besucht", "visited"])) return EventType.Visit;
            if (folded.Overlaps(["trifft", "traf", "trafen", "met"])) return EventType.Meeting;
        }
        foreach (var (type, stems) in Triggers)
        {
            if (stems.Any(folded.Contains) || (type == EventType.Delegation && c.Tokens.Any(x => x.Folded.EndsWith("delegation", StringComparison.Ordinal))))
                return type;
            // "Zuletzt war der Gouverneur ... in Nordrhein-Westfalen": a guest from elsewhere who was here is a visit
            if (type == EventType.Visit && place is not null && c.Tokens.Any(x => Copulas.Contains(x.Folded))
                && personIds.Any(p => persons[p].Offices.Values.Any(o => o.JurisdictionId is { } j && !gazetteer.IsWithin(place.Id, j) && !gazetteer.IsWithin(j, SideOf(place.Id)))))
                return EventType.Visit;
        }
        if (c.Tokens.Any(x => Names(x, MeetingNouns))) return EventType.Meeting;
        if (c.Tokens.Any(x => Names(x, OtherNouns))) return EventType.Other;
        return null;
    }

    /// <summary>Where the event took place: the most specific place introduced by "in"/"nach"/"at" outside office and institution phrases.</summary>
    private ExtractedPlace? EventPlace(ClauseMentions c)
    {
        ExtractedPlace? best = null;
        foreach (var hit in c.Places)
        {
            if (c.InPhrase.Contains(hit.First) || hit.First == 0) continue;
            var prev = c.Tokens[hit.First - 1].Folded;
            var prev2 = hit.First > 1 ? c.Tokens[hit.First - 2].Folded : "";
            var kindWord = hit.Context is not null && prev is "prafektur" or "provinz" or "stadt" or "city" or "region";
            // "in Arnhem", "nach Kyoto", "to Seoul", and the object of a visit: "to visit Munich", "besuchte Krakau"
            if (!(prev is "in" or "nach" or "at" or "im" or "visit" or "visited" or "visits" or "visiting" or "besuchte" or "besuchten" or "besucht" or "besuchen"
                  || (prev == "to" && language == "en") || (kindWord && prev2 is "in" or "der"))) continue;
            if (hit.Chosen is null || !places.TryGetValue(hit.Chosen.Id, out var p)) continue;
            // "before returning to Bavaria", "bevor er nach Wiesbaden zurückkehrt": where someone goes home to is not where it happens
            if (prev2 is "returning" or "return" or "returns" or "back" || (hit.Last + 1 < c.Tokens.Count && c.Tokens[hit.Last + 1].Folded.StartsWith("zuruck", StringComparison.Ordinal))) continue;
            if (best is null || Specificity(p.Kind) >= Specificity(best.Kind)) best = p;
        }
        return best;
    }

    private static int Specificity(PlaceKind k) => k switch { PlaceKind.City => 3, PlaceKind.Country => 1, _ => 2 };

    /// <summary>The sides a clause involves: the jurisdictions of the people's offices, the institutions named, and the places after "mit"/"zwischen"/"aus".</summary>
    private List<string> Sides(ClauseMentions c, List<string> personIds)
    {
        var sides = new List<string>();
        foreach (var p in personIds)
            foreach (var o in persons[p].Offices.Values)
                if (o.JurisdictionId is { } j) sides.Add(j);
        foreach (var o in c.Organizations)
            if (o.JurisdictionId is { } j) sides.Add(j);
        // "die japanische Seite" is a side; "zwischen einem deutschen Land und einer chinesischen Provinz" names kinds, not parties
        foreach (var a in c.Adjectives.Where(a => !c.InPhrase.Contains(a.First) && !a.IsDemonym
                     && !(a.First > 0 && c.Tokens[a.First - 1].Folded is "ein" or "eine" or "einem" or "einen" or "einer" or "eines" or "a" or "an")))
            sides.Add(a.PlaceId);
        var t = c.Tokens;
        foreach (var hit in c.Places.Where(h => !c.InPhrase.Contains(h.First) && h.Chosen is not null))
        {
            var k = hit.First - 1;
            while (k >= 0 && (c.AdjectiveAt(k) is not null || t[k].Folded is "den" or "der" or "dem" or "die" or "the" or "prafekturen" or "prafektur" or "provinz" or "provinzen" or "und" or "and" or "," || c.PlaceAt(k) is not null)) k--;
            if (k >= 0 && t[k].Folded is "mit" or "zwischen" or "aus" or "with" or "between" or "from") sides.Add(hit.Chosen!.Id);
        }
        return Minimal(sides);
    }

    /// <summary>The side a place stands for: a city stands for its Land or prefecture.</summary>
    private string SideOf(string placeId)
    {
        var p = gazetteer.Find(placeId);
        return p is { Kind: PlaceKind.City, ParentId: { } parent } && !cityLevel ? parent : placeId;
    }

    /// <summary>Drops a side that another, more specific side lies within (Japan when Fukushima is there).</summary>
    private List<string> Minimal(IEnumerable<string> ids)
    {
        var set = ids.Distinct(StringComparer.Ordinal).ToList();
        return set.Where(s => !set.Any(o => o != s && gazetteer.IsWithin(o, s))).ToList();
    }

    // ---------------------------------------------------------------- agreements

    /// <summary>
    /// The relation the release is about: its publisher's jurisdiction (or the most named side) and the
    /// most named side of another country. "Beide Seiten", "both governments" and a partnership named
    /// without its parties mean these two.
    /// </summary>
    private List<string> Dyad()
    {
        var ranked = sideMentions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
        var first = home ?? ranked.FirstOrDefault();
        if (first is null) return [];
        var country = gazetteer.CountryOf(first);
        var partner = ranked.FirstOrDefault(s => gazetteer.CountryOf(s) != country);
        // a release about Osaka names Japan too: the partner is the most named place within the partner country,
        // when the text names that place itself (a city's region does not count)
        string? Specific(string side, int least) => ranked.FirstOrDefault(s => s != side && gazetteer.IsWithin(s, side) && gazetteer.Find(s)?.Kind is not PlaceKind.City
            && directMentions.GetValueOrDefault(s) >= least && sideMentions.GetValueOrDefault(s) >= Math.Min(least, sideMentions.GetValueOrDefault(side)));
        partner = partner is null ? null : Specific(partner, 1) ?? partner;
        // a consulate general of Japan writing about Osaka: its own side is Osaka when the text keeps naming it
        if (gazetteer.Find(first)?.Kind == PlaceKind.Country) first = Specific(first, 2) ?? first;
        return partner is null ? [first] : [first, partner];
    }

    private static readonly HashSet<string> Anniversary = ["jubilaum", "jubilaums", "bestehen", "bestehens", "jahrestag", "jahrestages", "anniversary"];

    private List<string> RelateAgreements(ClauseMentions c, FuzzyDate? date, List<string> sides)
    {
        var ids = new List<string>();
        var t = c.Tokens;
        var agreementInClause = false;
        for (var i = 0; i < t.Count; i++)
        {
            var f = t[i].Folded;
            // "Gemeinsame Erklärung", "Joint Declaration": a declaration signed by both sides
            var isDeclaration = t[i].IsCapitalized && f is "erklarung" && i > 0 && t[i - 1].Folded is "gemeinsame" or "erneuerte" or "gemeinsamen"
                || f is "statement" or "statements" && i > 0 && t[i - 1].Folded is "joint";
            var isAgreement = isDeclaration || (t[i].IsCapitalized || (language == "en" && t[i].Folded is "memorandum" or "agreement" or "treaty" or "declaration" or "accord")) && AgreementStems.Any(s => f.EndsWith(s, StringComparison.Ordinal) || f.EndsWith(s + "s", StringComparison.Ordinal) || f.EndsWith(s + "en", StringComparison.Ordinal)) && f != "vertrag" && !f.StartsWith("arbeitsvertrag");
            // a standing partnership is dated by its start: "seit 1976", "since 1984", "1986 begründet"
            var founded = t.Any(x => x.Folded is "begrundet" or "gegrundet" or "established" or "founded" or "besteht" or "bestehen" or "besiegelt" or "geschlossen" or "sealed" or "concluded");
            var since = c.Dates.FirstOrDefault(d => d.IsSince)?.Date ?? (founded ? c.Dates.FirstOrDefault()?.Date : null);
            var partnershipWord = t[i].IsCapitalized && (CooperationWords.Contains(f) || f.EndsWith("partnerschaft", StringComparison.Ordinal) || f is "partnerstaat" or "partnerregion" or "partnerland")
                || (language == "en" && f is "partnership" or "twinning" or "twinned" && since is not null)
                || (f is "sister" && i + 1 < t.Count && t[i + 1].Folded is "states" or "cities" or "regions" or "provinces");
            var placeFollows = Enumerable.Range(i + 2, 4).Any(k => k < t.Count && c.PlaceAt(k) is not null);
            var isCooperation = partnershipWord && ((i + 1 < t.Count && t[i + 1].Folded is "mit" or "with" && placeFollows) || since is not null)
                && !t.Any(x => Anniversary.Contains(x.Folded) || x.Folded.StartsWith("jahrig", StringComparison.Ordinal));
            if (!isAgreement && !isCooperation) continue;
            // one agreement per clause: "eine erneuerte Gemeinsame Erklärung über die Partnerschaft" is the declaration
            if (agreementInClause || (isCooperation && !isAgreement && t.Skip(i + 1).Any(x => x.IsCapitalized && AgreementStems.Any(st => x.Folded.EndsWith(st, StringComparison.Ordinal))))) continue;
            agreementInClause = true;
            // "The agreement commits both governments ...", "Die erneuerte Vereinbarung setzt ...": a definite mention of an
            // agreement already reported, without parties of its own, is that agreement again
            if (agreements.Count > 0 && isAgreement && IsDefinite(t, i) && !NamesParties(c, i)) continue;
            var number = i > 0 ? Numbers.At(t, i - 1, language) : null;
            if (isCooperation && number is not null) continue;
            var action = ActionOf(c);
            // "die Technische Universität Darmstadt und die Universität Bologna unterzeichneten eine Vereinbarung": institutions are the parties
            var institutions = c.Organizations.Where(o => o.Key == "named").Select(OrganizationId).Distinct().ToList();
            if (isAgreement && institutions.Count >= 2)
            {
                var orgTitle = $"{t[i].Text}: {string.Join(", ", institutions.Select(o => organizations[o].Name))}";
                var orgId = GraphIds.Agreement(t[i].Text, institutions);
                agreements.TryAdd(orgId, new ExtractedAgreement(orgId, orgTitle, t[i].Text, null, ActionOf(c), date ?? documentDate, institutions, c.Range));
                ids.Add(orgId);
                continue;
            }
            // "Die Präfektur Osaka und Nordrhein-Westfalen", "the Free State of Saxony and the Ústí nad Labem Region", "die Städte Köln und Kyoto": named parties
            var coordinated = CoordinatedPlaces(c);
            if (coordinated.Count >= 2 && !isCooperation || coordinated.Count >= 2 && !(i + 1 < t.Count && t[i + 1].Folded is "mit" or "with"))
            {
                sides = coordinated;
            }
            var parties = new List<string>(sides);
            var withHome = isCooperation && i + 1 < t.Count && t[i + 1].Folded is "mit" or "with";
            if (home is not null && (parties.Count < 2 || withHome || t.Any(x => x.Folded is "landesregierung" or "bundesregierung")) && !parties.Any(p => gazetteer.IsWithin(p, home) || gazetteer.IsWithin(home, p)))
                parties.Add(home);
            parties = Minimal(parties);
            if (parties.Count < 2) parties = Minimal(parties.Concat(Dyad()));
            if (parties.Count < 2) continue;
            var kind = isCooperation ? (language == "en" ? "Cooperation" : "Zusammenarbeit") : t[i].Text;
            var status = isCooperation && action == AgreementStatus.Ongoing ? AgreementStatus.Ongoing : action;
            var names = parties.Select(PlaceName).ToList();
            var title = language == "en" ? $"{kind} between {string.Join(" and ", names)}" : $"{kind} zwischen {string.Join(" und ", names)}";
            var id = GraphIds.Agreement(kind, parties);
            var count = number is { Value: > 0 and < 100 } n ? (int)n.Value : (int?)null;
            var agreement = new ExtractedAgreement(id, title, kind, count, status, status == AgreementStatus.Ongoing ? since : date ?? documentDate, parties, c.Range);
            // the same agreement named twice: keep the mention that dates it ("seit 1995") over one that only names it
            if (!agreements.TryGetValue(id, out var known) || known.Date is null && agreement.Date is not null) agreements[id] = agreement;
            if (agreement.Date is null) undatedInParagraph.Add(id);
            ids.Add(id);
        }
        return ids;
    }

    private static readonly HashSet<string> DefiniteWords = ["the", "this", "that", "die", "der", "das", "den", "dem", "des", "diese", "dieser", "diesem", "dieses", "diesen", "their", "ihre", "ihrer", "ihren"];

    private static bool IsDefinite(IReadOnlyList<Token> t, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            if (DefiniteWords.Contains(t[k].Folded)) return true;
            if (!t[k].IsWord || (t[k].IsCapitalized && !(k == i - 1 && t[k].Folded is "joint" or "gemeinsame" or "gemeinsamen") && t[k].Folded is not ("neue" or "neuen" or "erneuerte" or "erneuerten" or "extended" or "renewed" or "new"))) return false;
        }
        return false;
    }

    /// <summary>"… zwischen Rheinland-Pfalz und Ruanda", "between Québec and Bavaria", "with Gauteng": the agreement's parties follow it.</summary>
    private static bool NamesParties(ClauseMentions c, int i)
    {
        var t = c.Tokens;
        for (var k = i + 1; k < t.Count && k <= i + 8; k++)
            if (t[k].Folded is "zwischen" or "between" or "mit" or "with" && Enumerable.Range(k + 1, 4).Any(j => j < t.Count && c.PlaceAt(j) is not null)) return true;
        return false;
    }

    private static readonly HashSet<string> Joiners =
    [
        "und", "and", "sowie", ",", "(", ")", "der", "die", "dem", "den", "des", "the", "of", "prafektur", "provinz", "region", "woiwodschaft", "stadt", "stadte",
        "prefecture", "province", "state", "free", "german", "commonwealth", "freistaat", "land", "landes", "city", "cities", "states", "japanische", "japanischen",
    ];

    /// <summary>Places named side by side ("A und B", "A, B and C") outside office and institution phrases: a clause's parties when it names them so.</summary>
    private List<string> CoordinatedPlaces(ClauseMentions c)
    {
        var t = c.Tokens;
        var best = new List<string>();
        var group = new List<string>();
        var lastEnd = -1;
        // "South Chungcheong Province (Chungcheongnam-do) and ...": a bracketed second name does not break the coordination
        var bracketed = new HashSet<int>();
        for (int k = 0, depth = 0; k < t.Count; k++)
        {
            if (t[k].Text == "(") depth++;
            else if (t[k].Text == ")") depth = Math.Max(0, depth - 1);
            else if (depth > 0) bracketed.Add(k);
        }
        foreach (var hit in c.Places.Where(h => h.Chosen is not null && !c.InPhrase.Contains(h.First)))
        {
            var joined = lastEnd >= 0 && Enumerable.Range(lastEnd + 1, Math.Max(0, hit.First - lastEnd - 1)).All(k => Joiners.Contains(t[k].Folded) || c.AdjectiveAt(k) is not null || bracketed.Contains(k))
                && Enumerable.Range(lastEnd + 1, Math.Max(0, hit.First - lastEnd - 1)).Any(k => t[k].Folded is "und" or "and" or "sowie" or ",");
            if (!joined) group = [];
            group.Add(hit.Chosen!.Id);
            if (group.Count > best.Count) best = [.. group];
            lastEnd = hit.Last;
        }
        return best.Count >= 2 ? best.Distinct(StringComparer.Ordinal).ToList() : [];
    }

    private static AgreementStatus ActionOf(ClauseMentions c)
    {
        var f = c.Tokens.Select(x => x.Folded).ToHashSet(StringComparer.Ordinal);
        // "renewed the agreement ..., which will remain in force until 2029": a reported act is no plan
        var done = Enumerable.Range(0, c.Tokens.Count).Any(k => (c.Tokens[k].Folded is "signed" or "renewed" or "extended" or "concluded" or "sealed"
                && !(k > 0 && c.Tokens[k - 1].Folded is "be" or "been" or "being" or "to"))
            || c.Tokens[k].Folded is "unterzeichneten" or "unterzeichnete" or "verlangerten" or "erneuerten" or "besiegelten" or "schlossen");
        // "soll ... unterzeichnet werden", "will sign", "is to be renewed": what is announced has not happened yet
        if (!done && f.Overlaps(["soll", "sollen", "wollen", "geplant", "planen", "plant", "beabsichtigen", "beabsichtigt", "vorgesehen", "planned", "plan", "plans", "will", "intend", "intends", "intended"])) return AgreementStatus.Planned;
        // an infinitive of signing: "agreed to sign", "vereinbarten, ... zu unterzeichnen"
        var t = c.Tokens;
        for (var i = 1; i < t.Count && !done; i++)
            if ((t[i].Folded is "sign" or "conclude" or "renew" or "extend" && t[i - 1].Folded == "to") || (t[i].Folded is "unterzeichnen" or "schliessen" or "erneuern" or "verlangern" or "abzuschliessen" && t[i - 1].Folded == "zu"))
                return AgreementStatus.Planned;
        if (f.Overlaps(["verlangerung", "verlangert", "verlangerten", "extended", "extension", "extend"])) return AgreementStatus.Extended;
        if (f.Any(x => x.StartsWith("erneuert", StringComparison.Ordinal)) || f.Overlaps(["erneuerung", "renewed", "renewal"])) return AgreementStatus.Renewed;
        if (f.Overlaps(["unterzeichnet", "unterzeichneten", "unterzeichnete", "unterzeichnung", "unterschrieben", "geschlossen", "besiegelt", "signed", "signing", "concluded", "sealed"])) return AgreementStatus.Signed;
        return AgreementStatus.Ongoing;
    }

    private string PlaceName(string id) => places.TryGetValue(id, out var p) ? p.Name : gazetteer.Find(id)?.Name(language) ?? id;

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

    // ---------------------------------------------------------------- result

    public ExtractionResult ToResult(DocumentInfo info, List<string> warnings)
    {
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
        foreach (var id in events.Values.SelectMany(e => e.InvolvedIds).Concat(agreements.Values.SelectMany(a => a.PartyIds)).Concat(ps.SelectMany(p => p.Offices).SelectMany(o => new[] { o.JurisdictionId, o.SeatId })).OfType<string>())
            if (!places.ContainsKey(id) && gazetteer.Find(id) is { } entry)
                places[id] = new ExtractedPlace(id, entry.Name(language), entry.Kind, entry.ParentId, new TextRange(0, 0));
        return new ExtractionResult(info, text, ps, places.Values.ToList(), organizations.Values.ToList(),
            events.Values.OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal).ToList(),
            agreements.Values.ToList(), statistics.Values.ToList(), warnings);
    }
}
