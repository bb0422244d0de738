using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Events: triggers in a clause with an actor, their date, place and sides.
internal sealed partial class DocumentContext
{
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



    // What the previous sentences of the same paragraph established: "Beide unterzeichneten ..." after a dated sentence.
    private int paragraph = -1;
    private FuzzyDate? paragraphDate;
    private FuzzyDate? documentDate;
    private List<string> paragraphPersons = [];
    private readonly List<string> undatedInParagraph = [];

    private static readonly HashSet<string> BothWords = ["beide", "both", "die beiden", "sie", "they"];

    // The last two or more people named together: "the two ministers", "beide Stadtoberhäupter" in a later paragraph.
    private List<string> recentPair = [];


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
                events.TryAdd(id, new ExtractedEvent(id, ty, d, title, personIds, orgIds, place?.Id, involved, agreementIds, c.Range)
                {
                    OfficeIds = personIds.Count > 0 ? UnnamedOffices(c, d) : [],
                });
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
}
