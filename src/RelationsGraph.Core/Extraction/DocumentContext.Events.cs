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
    private FuzzyDate? EventDate(ClauseMentions c)
    {
        var t = c.Tokens;
        return c.Dates.FirstOrDefault(d => !d.IsStatus && !d.IsSince
            && !(d.First > 0 && t[d.First - 1].Folded is "jahre" or "years" or "bis" or "until")
            && !IsAttribute(t, d))?.Date;
    }


    /// <summary>
    /// "die im Jahr 2015 geschlossene Vereinbarung", "die am 1. Juli beginnende tschechische Präsidentschaft": a date between an
    /// article and an inflected participle (and its adjectives) dates the noun after them, not the sentence
    /// ("Am 11. März unterzeichneten beide ..." is dated by it).
    /// </summary>
    private bool IsAttribute(IReadOnlyList<Token> t, DateMention d)
    {
        var before = d.First - 1;
        if (before >= 0 && t[before].Folded is "im" or "am" or "vom" or "seit" or "in" or "on") before--;
        if (before < 0 || !lexicon.IsMarker("article", language, t[before])) return false;
        static bool Inflected(Token x) => x.IsWord && !x.IsCapitalized && x.Folded.Length > 4
            && (x.Folded.EndsWith('e') || x.Folded.EndsWith("en", StringComparison.Ordinal) || x.Folded.EndsWith("em", StringComparison.Ordinal) || x.Folded.EndsWith("es", StringComparison.Ordinal) || x.Folded.EndsWith("er", StringComparison.Ordinal));
        var k = d.Last + 1;
        if (k >= t.Count || !Inflected(t[k])) return false;
        for (var j = k + 1; j < t.Count && j <= k + 3; j++)
        {
            if (t[j].IsWord && t[j].IsCapitalized) return true;
            if (!Inflected(t[j])) return false;
        }
        return false;
    }

    private readonly EventLexicon lexicon = EventLexicon.Shared;

    private bool Marked(ClauseMentions c, string kind) => c.Tokens.Any(x => lexicon.IsMarker(kind, language, x));

    // the triggers of the clause being related, found once for all the rules that look at them
    private (ClauseMentions? Clause, List<TriggerHit> Hits) clauseTriggers = (null, []);

    private List<TriggerHit> TriggersOf(ClauseMentions c)
    {
        if (!ReferenceEquals(clauseTriggers.Clause, c)) clauseTriggers = (c, lexicon.Find(c.Tokens, language));
        return clauseTriggers.Hits;
    }

    // What the previous sentences of the same paragraph established: "Beide unterzeichneten ..." after a dated sentence.
    private int paragraph = -1;
    private FuzzyDate? paragraphDate;
    private FuzzyDate? documentDate;
    private List<string> paragraphPersons = [];
    private readonly List<string> undatedInParagraph = [];

    private static readonly HashSet<string> BothWords = ["beide", "both", "die beiden", "sie", "they"];

    // The last two or more people named together: "the two ministers", "beide Stadtoberhäupter" in a later paragraph.
    private List<string> recentPair = [];


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
            && Marked(c, "future") && c.Dates.FirstOrDefault(d => d.Date == ownDate)?.BareWeekday is { } futureDay)
        {
            var day = pub.Start.AddDays(1);
            while (day.DayOfWeek != futureDay) day = day.AddDays(1);
            ownDate = FuzzyDate.FromDate(day);
        }
        // "a festival is planned for October" in a February release: a month ahead, not behind
        if (ownDate is { Precision: DatePrecision.Month } month && published is { } pubMonth && month.Start < pubMonth.Start && month.Start.AddMonths(12) > pubMonth.Start
            && Marked(c, "future") && c.Dates.FirstOrDefault(d => d.Date == ownDate) is { } monthMention && monthMention.First == monthMention.Last)
            ownDate = new FuzzyDate(month.Year + 1, month.Month);
        // "Am nächsten Tag ...", "the following day": the day after the one the text is about; "Am selben Tag": that day
        if (ownDate is null && (paragraphDate ?? documentDate) is { Precision: DatePrecision.Day } about)
        {
            if (lexicon.HasMarkerPhrase("next-day", language, t)) ownDate = FuzzyDate.FromDate(about.Start.AddDays(1));
            else if (lexicon.HasMarkerPhrase("same-day", language, t)) ownDate = about;
        }
        var pair = NamesThePair(t);
        var date = ownDate ?? paragraphDate ?? (pair ? documentDate : null);
        var personIds = c.Persons.Select(PersonId).OfType<string>().Concat(BareTitles(c)).Concat(Surnames(c)).Distinct().ToList();
        if (personIds.Count == 0 && t.Count > 0 && BothWords.Contains(t[0].Folded)) personIds = [.. paragraphPersons];
        if (personIds.Count == 0 && pair) personIds = paragraphPersons.Count >= 2 ? [.. paragraphPersons] : [.. recentPair];
        // "Die Partnerschaft wurde im Jahr 1984 begründet": a founding year dates the partnership, not what the paragraph goes on to report
        // "Am 12. August hat sich die Partnerschaft zum 30. Mal gejährt.": only a clause that reports an occurrence dates what
        // the paragraph goes on to report, not an anniversary, a founding or a figure's year
        var reports = TriggersOf(c).Count > 0;
        if (ownDate is not null && reports && !t.Any(x => x.Folded is "begrundet" or "gegrundet" or "established" or "founded")) paragraphDate = ownDate;
        // "Saxony and the Ústí nad Labem Region have extended their agreement. It was signed on Wednesday in Dresden ...":
        // an agreement reported without a date takes the day the same paragraph gives next
        if (ownDate is { Precision: DatePrecision.Day } day0)
        {
            foreach (var id in undatedInParagraph)
                if (agreements[id] is { Date: null, Action: not AgreementStatus.Ongoing } a) agreements[id] = a with { Date = day0 };
            undatedInParagraph.Clear();
        }
        // the document's running date is that of its last dated event, not a founding year or day ("am 29. Mai 1963 besiegelt")
        if (ownDate is { Precision: DatePrecision.Day } running0 && reports && (published is not { } pub0 || Math.Abs(running0.Start.DayNumber - pub0.Start.DayNumber) <= 366)) documentDate = ownDate;
        if (c.Persons.Count > 0) paragraphPersons = personIds;
        if (personIds.Count >= 2) recentPair = personIds;
        var sides = Sides(c, personIds);
        var place = EventPlace(c);

        var agreementIds = RelateAgreements(c, date, sides);

        var frame = Frame(c, personIds, place);
        if (frame is { } f)
        {
            // "er traf ...", "he met ...": a pronoun subject is the person last named as an actor
            if (lastActor is not null && !personIds.Contains(lastActor) && f.Trigger.First > 0
                && t.Take(f.Trigger.Last + 3).Any(x => lexicon.IsMarker("pronoun", language, x)))
                personIds.Insert(0, lastActor);
            AddEvent(c, f, ownDate, date ?? documentDate ?? published, personIds, sides, place, agreementIds);
        }
        if (FirstActor(c) is { } actor) lastActor = actor;
        RelateStatistics(c);
    }

    /// <summary>
    /// The event a clause reports: its triggers (Lexicon/event-triggers.tsv) outside quoted speech, the type of the
    /// lowest rank, adjusted by the words around it; none when the clause is negated or announces a signing.
    /// </summary>
    private (EventType Type, TriggerHit Trigger)? Frame(ClauseMentions c, List<string> personIds, ExtractedPlace? place)
    {
        var t = c.Tokens;
        var all = TriggersOf(c).Where(h => !InQuotation(t, h.First)).ToList();
        // "das unterzeichnete Abkommen", "the extended agreement": a participle before its noun describes it, it reports nothing
        var hits = all.Where(h => h.Trigger.IsNoun || h.First == 0 || !lexicon.IsMarker("determiner", language, t[h.First - 1]) && !lexicon.IsMarker("article", language, t[h.First - 1])).ToList();
        // "Zuletzt war der Gouverneur anlässlich der Verlängerung ... in Nordrhein-Westfalen": a guest from elsewhere who was here
        // visited, when the clause reports nothing else
        if (hits.All(h => IsAnaphoric(c, h)) && CopulaVisit(c, personIds, place) is { } visit) return (EventType.Visit, visit);
        foreach (var h in all.Except(hits)) Explain(c, "trigger", h.First, h.Last, false, $"{Describe(h)}: a participle before its noun describes it (attributive), it reports nothing");
        if (hits.Count == 0) return null;
        // "konnte den Präsidenten nicht treffen": what did not happen is no event
        if (Marked(c, "negation")) return Dropped(c, hits, "the clause is negated (Lexicon/clause-markers.tsv: negation)");
        // "Both governors have met several times", "Delegationen besuchen sich regelmäßig": no one occurrence
        if (Marked(c, "habitual")) return Dropped(c, hits, "the clause speaks of what happens again and again (Lexicon/clause-markers.tsv: habitual)");
        // "Am Rande des Besuchs eröffnete ...": a trigger that refers back to an occurrence gives way to one that reports
        var best = hits.OrderBy(h => HasDeterminer(c, h) && !Marked(c, "report") ? 1 : 0).ThenBy(h => h.Trigger.Rank).ThenBy(h => h.First).First();
        var type = best.Trigger.Type;
        // signing a renewed or extended agreement ("unterzeichneten eine erneuerte Urkunde") is its extension
        if (type == EventType.Signing && all.Any(h => h.Trigger.Type == EventType.Extension)) type = EventType.Extension;
        else if (type == EventType.Extension && !hits.Any(h => h.Trigger.Type == EventType.Signing) && !NamesAnAgreement(t)) return Dropped(c, hits, "an extension or renewal of no agreement named in the clause");
        // "Die Delegation besuchte ...", "In Dijon trifft die Delegation ...": what the delegation did
        if (type == EventType.Delegation && hits.FirstOrDefault(h => !h.Trigger.IsNoun && h.Trigger.Type is EventType.Visit or EventType.Meeting) is { } act)
        {
            type = act.Trigger.Type;
            best = act;
        }
        // "Der Delegation gehören ... an", "the delegation includes": who is in a delegation is no occurrence of its own
        if (type == EventType.Delegation && Marked(c, "members")) return Dropped(c, hits, "the clause says who belongs to a delegation (Lexicon/clause-markers.tsv: members)");
        // "wollen ... unterzeichnen", "agreed to sign": an announced signing is an agreement's plan, not an event
        if (type is EventType.Signing or EventType.Extension && ActionOf(c) == AgreementStatus.Planned) return Dropped(c, hits, "an announced signing is a planned agreement, not an event");
        foreach (var h in hits.Where(h => h != best)) Explain(c, "trigger", h.First, h.Last, false, $"{Describe(h)}: the clause's event is named by \"{Span(c, best.First, best.Last)}\" (lower rank or reports rather than refers back)");
        return (type, best);
    }

    private (EventType, TriggerHit)? Dropped(ClauseMentions c, List<TriggerHit> hits, string reason)
    {
        foreach (var h in hits) Explain(c, "trigger", h.First, h.Last, false, $"{Describe(h)}: {reason}");
        return null;
    }

    private static string Describe(TriggerHit h) =>
        $"{h.Trigger.Language} {h.Trigger.Type.ToString().ToLowerInvariant()} {(h.Trigger.IsNoun ? "noun" : "word")} \"{h.Trigger.Form}\" (Lexicon/event-triggers.tsv)";

    private TriggerHit? CopulaVisit(ClauseMentions c, List<string> personIds, ExtractedPlace? place)
    {
        var t = c.Tokens;
        var k = Enumerable.Range(0, t.Count).FirstOrDefault(k => lexicon.IsMarker("copula", language, t[k]) && !InQuotation(t, k), -1);
        if (k < 0 || place is null || Marked(c, "negation")) return null;
        if (!personIds.Any(p => persons[p].Offices.Values.Any(o => o.JurisdictionId is { } j && !gazetteer.IsWithin(place.Id, j) && !gazetteer.IsWithin(j, SideOf(place.Id))))) return null;
        return new TriggerHit(new EventTrigger(language, EventType.Visit, 4, false, PlaceAttachment.None, t[k].Text, SubjectRole: "guest"), k, k);
    }

    /// <summary>Whether the clause names an agreement text (Lexicon/agreements.tsv: an instrument or a declaration).</summary>
    private bool NamesAnAgreement(IReadOnlyList<Token> t) =>
        Enumerable.Range(0, t.Count).Any(i => AgreementLexicon.At(t, i, language) is { Word.Class: AgreementWordClass.Instrument or AgreementWordClass.Declaration });

    /// <summary>"„Wir freuen uns auf den Besuch“, sagte ...": a word inside quotation marks is what someone said, not what the release reports.</summary>
    private static bool InQuotation(IReadOnlyList<Token> t, int k)
    {
        var open = false;
        for (var i = 0; i < k; i++)
            if (t[i].Text is "„" or "“" or "”" or "\"" or "«" or "»") open = !open;
        return open;
    }

    // The person last named as an actor, for a pronoun subject in a later clause.
    private string? lastActor;

    /// <summary>The actor named first in the clause: a person by name, or the one holder of a title named bare.</summary>
    private string? FirstActor(ClauseMentions c)
    {
        var named = c.Persons.Select(p => (p.First, Id: PersonId(p)));
        var titled = c.Offices.Where(o => !c.Persons.Any(p => p.Office == o))
            .Select(o => (o.First, Id: OnlyHolder(o.Form.Role)));
        return named.Concat(titled).Where(x => x.Id is not null).OrderBy(x => x.First).Select(x => x.Id).FirstOrDefault();
    }

    /// <summary>
    /// The participants' roles from the grammar around the trigger (Lexicon/event-triggers.tsv column subject, Lexicon/clause-markers.tsv):
    /// the subject takes the trigger's role, an object or partner ("den Botschafter", "mit Herrn X", "welcomed X") the other one,
    /// and a passive swaps them ("wurde von X empfangen": X is the host).
    /// </summary>
    private Dictionary<string, string> Roles(ClauseMentions c, TriggerHit trigger, List<string> personIds)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (trigger.Trigger.SubjectRole is not { } subject) return roles;
        var other = subject switch { "host" => "guest", "guest" => "host", _ => subject };
        var t = c.Tokens;
        var passive = t.Any(x => lexicon.IsMarker("passive", language, x)) && !trigger.Trigger.IsNoun;
        var starts = c.Persons.Select(p => (Id: PersonId(p), First: p.Office is { } o && o.First < p.First ? o.First : p.First))
            .Concat(c.Offices.Where(o => !c.Persons.Any(p => p.Office == o)).Select(o => (Id: OnlyHolder(o.Form.Role), o.First)));
        foreach (var (id, first) in starts)
        {
            if (id is null || !personIds.Contains(id) || roles.ContainsKey(id)) continue;
            var before = first > 0 ? t[first - 1] : null;
            var agent = before is not null && lexicon.IsMarker("agent", language, before);
            // English keeps the order: who comes after the verb is its object
            var objectPlace = before is not null && lexicon.IsMarker("object", language, before) || language == "en" && first > trigger.Last && !agent;
            roles[id] = agent ? subject : objectPlace || passive ? other : subject;
        }
        foreach (var id in personIds.Where(id => !roles.ContainsKey(id))) roles[id] = passive ? other : subject;
        return roles;
    }

    /// <summary>"Campbell also opened ...": the family name alone of a person the release names in full is that person.</summary>
    private IEnumerable<string> Surnames(ClauseMentions c)
    {
        var t = c.Tokens;
        for (var k = 0; k < t.Count; k++)
        {
            if (!t[k].IsWord || !t[k].IsCapitalized || t[k].Text.Length < 3 || c.InPhrase.Contains(k) || c.PlaceAt(k) is not null || c.Persons.Any(p => p.First <= k && k <= p.Last)) continue;
            if (personByLastName.TryGetValue(t[k].Folded, out var full) && full.Contains(' ')) yield return GraphIds.Person(full);
        }
    }

    private string? OnlyHolder(string role)
    {
        var holders = persons.Where(p => p.Value.Offices.Values.Any(x => x.Role == role)).Select(p => p.Key).Take(2).ToList();
        return holders.Count == 1 ? holders[0] : null;
    }

    /// <summary>
    /// Adds the event of a clause when it has an actor: a person, an institution that sends a delegation, a delegation,
    /// or a gathering with its own date and place. The same occurrence mentioned twice becomes one event (see <see cref="MergeMentions"/>).
    /// </summary>
    private void AddEvent(ClauseMentions c, (EventType Type, TriggerHit Trigger) frame, FuzzyDate? ownDate, FuzzyDate? date, List<string> personIds,
        List<string> sides, ExtractedPlace? place, List<string> agreementIds)
    {
        var t = c.Tokens;
        var ty = frame.Type;
        // a release that gives no date anywhere still reports what happened: the event is kept, undated
        var d = date;
        var orgIds = ty == EventType.Delegation
            ? c.Organizations.Where(o => o.Kind is OrganizationKind.Parliament or OrganizationKind.Government or OrganizationKind.Ministry).Select(OrganizationId).ToList()
            : [];
        // a gathering without named people needs its own date and place: "The next seminar is planned for autumn 2025 in Paris"
        var gathering = ownDate is not null && (place is not null || CoordinatedPlaces(c).Count >= 2) && frame.Trigger.Trigger.IsNoun && ty is EventType.Meeting or EventType.Other;
        // "Zuletzt hatte eine Delegation des Provinzparlaments im Mai 2023 den Landtag in Hannover besucht": what a delegation did, where and when
        var byDelegation = ownDate is not null && place is not null && t.Any(x => x.Folded.EndsWith("delegation", StringComparison.Ordinal));
        if (personIds.Count == 0 && place is null || !(personIds.Count > 0 || orgIds.Count > 0 || ty == EventType.Delegation || gathering || byDelegation))
        {
            Explain(c, "trigger", frame.Trigger.First, frame.Trigger.Last, false, $"{Describe(frame.Trigger)}: no actor (person, office holder, delegation or institution) in the clause, and no place of its own");
            return;
        }
        var involved = Minimal(sides.Concat(place is null ? [] : [SideOf(place.Id)]).Concat(CoordinatedPlaces(c).Select(SideOf)));
        // the clause names one side: the other is the release's partner
        if (involved.Count < 2) involved = Minimal(involved.Concat(Dyad()));
        var e = new ExtractedEvent("", ty, d, "", personIds, orgIds, place?.Id, involved, agreementIds, c.Range)
        {
            OfficeIds = personIds.Count > 0 ? UnnamedOffices(c, d) : [],
            Trigger = new TextRange(t[frame.Trigger.First].Start, t[frame.Trigger.Last].End),
            Roles = Roles(c, frame.Trigger, personIds),
        };
        mentions.Add((e, ownDate is not null, frame.Trigger, ownDate is null && IsAnaphoric(c, frame.Trigger)));
        if (trace is not null) mentionClauses.Add(c);
    }

    private readonly List<(ExtractedEvent Event, bool OwnDate, TriggerHit Trigger, bool Anaphoric)> mentions = [];
    private readonly List<ClauseMentions> mentionClauses = [];


    /// <summary>
    /// "zu Beginn des Gesprächs", "the date of the visit", "bei seinem Besuch": a trigger noun with a definite or possessive
    /// determiner and no verb trigger of its own refers to an occurrence the release reports elsewhere.
    /// </summary>
    private bool IsAnaphoric(ClauseMentions c, TriggerHit trigger) =>
        HasDeterminer(c, trigger) && !TriggersOf(c).Any(h => !h.Trigger.IsNoun)
        // "nahm an der Eröffnungsfeier teil", "fand der offizielle Empfang statt", "attended the ceremony": a definite noun that is reported
        && !Marked(c, "report");

    /// <summary>A trigger noun with a definite or possessive determiner before it ("des Besuchs", "his visit").</summary>
    private bool HasDeterminer(ClauseMentions c, TriggerHit trigger)
    {
        var t = c.Tokens;
        if (!trigger.Trigger.IsNoun) return false;
        for (var k = trigger.First - 1; k >= 0 && k >= trigger.First - 3; k--)
        {
            // "Governor Ido's visit"
            if (lexicon.IsMarker("determiner", language, t[k]) || t[k].Text.EndsWith("'s", StringComparison.Ordinal) || t[k].Text.EndsWith("’s", StringComparison.Ordinal)) return true;
            if (!t[k].IsWord || t[k].IsCapitalized && t[k].Folded is not ("his" or "her" or "their" or "its")) return false;
        }
        return false;
    }

    /// <summary>
    /// Mentions of the same occurrence in one release make one event: the same type, dates that agree (one within
    /// the other), and a shared participant (or, without participants, the same place). The merged event keeps the
    /// fullest participants and place, the most precise date, and the quote of the mention that dated it.
    /// </summary>
    public void MergeMentions()
    {
        var merged = new List<(ExtractedEvent Event, bool OwnDate)>();
        var into = new int[mentions.Count];
        // what is reported outright first, then what refers back to it
        foreach (var i in Enumerable.Range(0, mentions.Count).OrderBy(i => mentions[i].Anaphoric))
        {
            var (e, own, _, anaphoric) = mentions[i];
            var k = merged.FindIndex(m => SameOccurrence(m.Event, m.OwnDate, e, own));
            into[i] = k < 0 && anaphoric ? -1 : k < 0 ? merged.Count : k;
            if (k < 0 && anaphoric) continue;
            if (k < 0) { merged.Add((e, own)); continue; }
            var (m, mOwn) = merged[k];
            var lead = own && !mOwn || (own == mOwn && (e.Date?.Precision ?? (DatePrecision)(-1)) > (m.Date?.Precision ?? (DatePrecision)(-1))) ? e : m;
            var other = ReferenceEquals(lead, e) ? m : e;
            merged[k] = (lead with
            {
                PersonIds = lead.PersonIds.Concat(other.PersonIds).Distinct().ToList(),
                OrganizationIds = lead.OrganizationIds.Concat(other.OrganizationIds).Distinct().ToList(),
                PlaceId = lead.PlaceId ?? other.PlaceId,
                InvolvedIds = Minimal(lead.InvolvedIds.Concat(other.InvolvedIds)),
                AgreementIds = lead.AgreementIds.Concat(other.AgreementIds).Distinct().ToList(),
                OfficeIds = lead.OfficeIds.Concat(other.OfficeIds).Distinct().ToList(),
                Roles = other.Roles.Concat(lead.Roles).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            }, own || mOwn);
        }
        var ids = new List<string>();
        foreach (var (e, _) in merged)
        {
            var d = e.Date;
            var id = GraphIds.Event(e.Type, d, e.PersonIds, e.PlaceId, e.InvolvedIds);
            var names = e.PersonIds.Select(p => persons[p].Name).Concat(e.OrganizationIds.Select(o => organizations[o].Name));
            var title = $"{e.Type}: {string.Join(", ", names)}" + (e.PlaceId is null ? "" : $" in {PlaceName(e.PlaceId)}") + (d is null ? "" : $", {d}");
            events.TryAdd(id, e with { Id = id, Title = title });
            ids.Add(title);
        }
        if (trace is null) return;
        for (var i = 0; i < mentions.Count; i++)
        {
            var (e, _, trigger, anaphoric) = mentions[i];
            Explain(mentionClauses[i], "trigger", trigger.First, trigger.Last, into[i] >= 0, into[i] < 0
                ? $"{Describe(trigger)}: refers back to an occurrence (definite or possessive noun, no date of its own) that the release reports nowhere else"
                : $"{Describe(trigger)}: event \"{ids[into[i]]}\"" + (anaphoric ? " (refers back to it)" : ""));
        }
    }

    /// <summary>
    /// Two mentions of one occurrence: the same stated date, or one date within the other's when not both are stated; a date only assumed (from the paragraph or the release:
    /// a photo caption in the present tense) agrees with a stated date up to a month before it.
    /// </summary>
    private static bool SameOccurrence(ExtractedEvent a, bool aOwn, ExtractedEvent b, bool bOwn)
    {
        if (a.Type != b.Type) return false;
        if (a.Date is not { } da || b.Date is not { } db) return SharesActors(a, b);
        // two stated dates agree only when equal ("this week" and "on Thursday" may be two visits); else one within the other
        var nested = aOwn && bOwn ? da == db : da.Start >= db.Start && da.End <= db.End || db.Start >= da.Start && db.End <= da.End;
        var assumed = aOwn != bOwn && (aOwn ? db : da).Start.DayNumber - (aOwn ? da : db).End.DayNumber is >= 0 and <= 31;
        return (nested || assumed) && SharesActors(a, b);
    }

    private static bool SharesActors(ExtractedEvent a, ExtractedEvent b) =>
        a.PersonIds.Count > 0 || b.PersonIds.Count > 0 ? a.PersonIds.Intersect(b.PersonIds).Any() : a.PlaceId is not null && a.PlaceId == b.PlaceId;

    /// <summary>Where the event took place: the most specific place introduced by "in"/"nach"/"at" outside office and institution phrases.</summary>
    private ExtractedPlace? EventPlace(ClauseMentions c)
    {
        ExtractedPlace? best = null;
        // "besuchte Krakau", "visited Rutgers University": a trigger whose object is the place (Lexicon/event-triggers.tsv, place "object")
        var objects = TriggersOf(c).Where(h => h.Trigger.Place == PlaceAttachment.Object).Select(h => h.Last).ToHashSet();
        foreach (var hit in c.Places)
        {
            if (c.InPhrase.Contains(hit.First) || hit.First == 0) continue;
            var prev = c.Tokens[hit.First - 1].Folded;
            var prev2 = hit.First > 1 ? c.Tokens[hit.First - 2].Folded : "";
            var kindWord = hit.Context is not null && prev is "prafektur" or "provinz" or "stadt" or "city" or "region";
            // "in Arnhem", "nach Kyoto", "to Seoul", and the object of a visit: "to visit Munich", "besuchte Krakau"
            if (!(prev is "in" or "nach" or "at" or "im" || objects.Contains(hit.First - 1)
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
