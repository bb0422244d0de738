using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Agreements: named agreements and standing partnerships, their parties and what happened to them.
internal sealed partial class DocumentContext
{
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

    private List<string> RelateAgreements(ClauseMentions c, FuzzyDate? date, List<string> sides)
    {
        var ids = new List<string>();
        var t = c.Tokens;
        var agreementInClause = false;
        var action = ActionOf(c);
        // a standing partnership is dated by its start: "seit 1976", "since 1984", "1986 begründet"
        // (an anniversary celebrated on a day is no start: "haben am 7. Oktober das 60-jährige Bestehen ihrer Städtepartnerschaft gefeiert")
        var anniversary = t.Any(x => AgreementLexicon.Is(x.Folded, AgreementWordClass.Anniversary, language) || x.Folded.StartsWith("jahrig", StringComparison.Ordinal));
        var founded = !anniversary && t.Any(x => AgreementLexicon.Actions(x.Folded, language).Any(a => a.Use == ActionUse.Start));
        var since = c.Dates.FirstOrDefault(d => d.IsSince)?.Date ?? (founded ? c.Dates.FirstOrDefault()?.Date : null);
        // "die Zusammenarbeit mit China weiter verstärken", "closer cooperation with the Free State": a wish, not a standing relationship
        var lasting = t.Any(x => x.Folded is "seit" or "since");
        var wish = t.Any(x => AgreementLexicon.Is(x.Folded, AgreementWordClass.Wish, language));
        for (var i = 0; i < t.Count; i++)
        {
            if (AgreementLexicon.At(t, i, language) is not { } hit) continue;
            var (word, last) = hit;
            var cls = word.Class;
            // German nouns are capitalized: a lower-case form is another word ("vertrag" in a verb phrase)
            if (language == "de" && !t[i].IsCapitalized) continue;
            var named = NamedParties(c, i, last);
            var partnerFollows = last + 1 < t.Count && t[last + 1].Folded is "mit" or "with" && Enumerable.Range(last + 2, 4).Any(k => k < t.Count && c.PlaceAt(k) is not null);
            var isAgreement = cls switch
            {
                AgreementWordClass.Instrument => true,
                // "Gemeinsame Erklärung", "joint statement", and a declaration the clause signs: "unterschrieben eine Erklärung zur Vertiefung ..."
                AgreementWordClass.Declaration => i > 0 && AgreementLexicon.Is(t[i - 1].Folded, AgreementWordClass.Joint, language) || action is AgreementStatus.Signed or AgreementStatus.Renewed or AgreementStatus.Extended,
                _ => false,
            };
            var isCooperation = cls switch
            {
                AgreementWordClass.Partnership or AgreementWordClass.Partner => true,
                // "Partnerschaft" is often loose talk: a partnership when dated or with its parties beside it
                // (beside an anniversary only with both parties named: "a quarter century of partnership between Bavaria and Quebec")
                AgreementWordClass.Relationship => since is not null || named.Count >= 2 || (named.Count > 0 || partnerFollows) && !anniversary,
                // "Seit zwanzig Jahren sind Schleswig-Holstein und die Präfektur Hyogo enge Partner": places coordinated as the subject, for a time
                AgreementWordClass.Predicate => lasting && CoordinatedPlaces(c).Count >= 2,
                // "die Zusammenarbeit mit den Präfekturen Fukushima und Osaka", "Kooperation seit 1995"
                AgreementWordClass.Cooperation => (since is not null || partnerFollows && !wish) && !anniversary,
                _ => false,
            };
            if (!isAgreement && !isCooperation) continue;
            // one agreement per clause: "eine erneuerte Gemeinsame Erklärung über die Partnerschaft" is the declaration
            if (agreementInClause || (isCooperation && HasInstrumentAfter(t, last))) continue;
            agreementInClause = true;
            // "The agreement commits both governments ...", "Die erneuerte Vereinbarung setzt ...": a definite mention of an
            // agreement already reported, without parties of its own, is that agreement again
            if (agreements.Count > 0 && isAgreement && IsDefinite(t, i) && !NamesParties(c, last) && named.Count == 0) continue;
            // "20 Städtepartnerschaften" counts partnerships; "der seit 1976 Partnerstaat" dates one
            var number = i > 0 && !c.Dates.Any(d => d.First <= i - 1 && i - 1 <= d.Last) ? Numbers.At(t, i - 1, language) : null;
            if (isCooperation && number is not null) continue;
            // "die Technische Universität Darmstadt und die Universität Bologna unterzeichneten eine Vereinbarung": institutions are the parties
            var institutions = c.Organizations.Where(o => o.Key == "named").Select(OrganizationId).Distinct().ToList();
            // "Absichtserklärung zwischen dem Ministerium für Wirtschaft ... und dem Volkskomitee der Provinz ...": institutions named as its parties
            if (named.Count < 2 && InstitutionsBetween(c, last) is { Count: >= 2 } between) institutions = between;
            if (isAgreement && institutions.Count >= 2 && named.Count < 2)
            {
                var orgTitle = $"{t[i].Text}: {string.Join(", ", institutions.Select(o => organizations[o].Name))}";
                var orgId = GraphIds.Agreement(t[i].Text, institutions);
                agreements.TryAdd(orgId, new ExtractedAgreement(orgId, orgTitle, t[i].Text, null, action, date ?? documentDate, institutions, c.Range));
                ids.Add(orgId);
                continue;
            }
            List<string> parties;
            if (named.Count >= 2) parties = named;
            else
            {
                // "Die Präfektur Osaka und Nordrhein-Westfalen", "the Free State of Saxony and the Ústí nad Labem Region", "die Städte Köln und Kyoto": named parties
                var coordinated = CoordinatedPlaces(c);
                var withPartner = last + 1 < t.Count && t[last + 1].Folded is "mit" or "with";
                if (coordinated.Count >= 2 && (!isCooperation || !withPartner)) sides = coordinated;
                parties = Minimal(named.Concat(sides));
                if (home is not null && (parties.Count < 2 || (isCooperation && withPartner) || t.Any(x => x.Folded is "landesregierung" or "bundesregierung")) && !parties.Any(p => gazetteer.IsWithin(p, home) || gazetteer.IsWithin(home, p)))
                    parties.Add(home);
                parties = Minimal(parties);
                // "die finnische Partnerstadt Kouvola": the one place named is a party, the other is the release's other side
                if (named.Count == 1 && !parties.Contains(named[0])) parties = Minimal(named.Concat(parties));
                if (parties.Count < 2) parties = Minimal(parties.Concat(Dyad()));
                // a partnership is between two sides: the named one and the nearest other
                if (named.Count == 1 && parties.Count > 2) parties = [named[0], parties.First(p => p != named[0])];
            }
            // twinning below the national level: a country is no party to a Städtepartnerschaft or a sister-state relationship
            if (word.Local) parties = parties.Where(p => gazetteer.Find(p)?.Kind != PlaceKind.Country).ToList();
            // town twinning between the cities the clause names: "sister-city relationships with cities in Hyogo Prefecture, including Seattle and Kobe"
            if (word.City && !parties.All(IsCity) && named.Concat(CoordinatedPlaces(c)).Concat(parties).Where(IsCity).Distinct().ToList() is { Count: >= 2 } cities) parties = cities.Take(2).ToList();
            if (parties.Count < 2) continue;
            var kind = isCooperation ? (language == "en" ? "Cooperation" : "Zusammenarbeit") : string.Join(" ", t.Skip(i).Take(last - i + 1).Select(x => x.Text));
            var status = isCooperation && action is AgreementStatus.Ongoing or AgreementStatus.Planned ? AgreementStatus.Ongoing : action;
            var names = parties.Select(PlaceName).ToList();
            var title = language == "en" ? $"{kind} between {string.Join(" and ", names)}" : $"{kind} zwischen {string.Join(" und ", names)}";
            var id = GraphIds.Agreement(kind, parties);
            var count = number is { Value: > 0 and < 100 } n ? (int)n.Value : (int?)null;
            var actDate = date ?? ClauseDate(c) ?? documentDate;
            // "2019 jährt sich die Unterzeichnung der Partnerschaftserklärung zum 15. Mal", "the 20th anniversary of the signing": signed that many years before
            if (anniversary && !isCooperation && AnniversaryOfAct(t) && AnniversaryYears(t) is { } years && (actDate ?? published) is { } then) actDate = new FuzzyDate(then.Year - years);
            var agreement = new ExtractedAgreement(id, title, kind, count, status, status == AgreementStatus.Ongoing ? since : actDate, parties, c.Range);
            // the same agreement named twice: keep the mention that dates it ("seit 1995") over one that only names it
            if (!agreements.TryGetValue(id, out var known) || known.Date is null && agreement.Date is not null) agreements[id] = agreement;
            if (agreement.Date is null) undatedInParagraph.Add(id);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// An act reported without a date that no later sentence of its paragraph dated ("unterschrieben in Kiel eine Erklärung")
    /// happened by the day of the release: it takes the release date.
    /// </summary>
    private void DateUndatedAgreements()
    {
        if (published is not null)
            foreach (var a in agreements.Values.Where(a => a.Date is null && a.Action is not AgreementStatus.Ongoing and not AgreementStatus.Planned).ToList())
                agreements[a.Id] = a with { Date = published };
        // "unterschreiben ein Abkommen" under a photo and "unterzeichnen eine gemeinsame Erklärung" in the text: one act by the same
        // parties on the same day named twice; the fuller sentence stays, and events refer to it
        var acts = agreements.Values.Where(a => a.Date is not null && a.Action is not AgreementStatus.Ongoing && a.Kind is not ("Zusammenarbeit" or "Cooperation"))
            .GroupBy(a => (string.Join("|", a.PartyIds.Order(StringComparer.Ordinal)), a.Action, a.Date));
        foreach (var same in acts.Where(g => g.Count() > 1))
        {
            var kept = same.MaxBy(a => a.Quote.End - a.Quote.Start)!;
            foreach (var dropped in same.Where(a => a != kept))
            {
                agreements.Remove(dropped.Id);
                foreach (var e in events.Values.Where(e => e.AgreementIds.Contains(dropped.Id)).ToList())
                    events[e.Id] = e with { AgreementIds = e.AgreementIds.Select(x => x == dropped.Id ? kept.Id : x).Distinct().ToList() };
            }
        }
    }

    /// <summary>An anniversary of the act itself ("jährt sich die Unterzeichnung"), not a new act on an anniversary ("zum Jubiläum unterzeichneten beide").</summary>
    private bool AnniversaryOfAct(IReadOnlyList<Token> t) =>
        t.Any(x => AgreementLexicon.Actions(x.Folded, language).Any(a => a.Use == ActionUse.Noun))
        && !t.Any(x => AgreementLexicon.Actions(x.Folded, language).Any(a => a.Use == ActionUse.Done));

    /// <summary>How many years an anniversary counts: "zum 15. Mal", "the 20th anniversary", "das 10-jährige Jubiläum".</summary>
    private int? AnniversaryYears(IReadOnlyList<Token> t)
    {
        for (var k = 0; k + 2 < t.Count; k++)
        {
            if (!t[k].IsNumber || !int.TryParse(t[k].Text, out var n) || n is < 1 or > 200) continue;
            if (t[k + 1].Text == "." && t[k + 2].Folded == "mal") return n;
            if (t[k + 1].Folded is "th" or "st" or "nd" or "rd" && t[k + 2].Folded == "anniversary") return n;
            if (t[k + 1].Text == "-" && t[k + 2].Folded.StartsWith("jahrig", StringComparison.Ordinal)) return n;
        }
        return null;
    }

    /// <summary>"1994 unterzeichneten beide Regionen ...": the year or day the clause names, when no event took its date.</summary>
    private static FuzzyDate? ClauseDate(ClauseMentions c) => c.Dates.FirstOrDefault(d => !d.IsSince && !d.IsStatus)?.Date;

    private bool HasInstrumentAfter(IReadOnlyList<Token> t, int last)
    {
        for (var k = last + 1; k < t.Count; k++)
            if (t[k].IsCapitalized)
                if (AgreementLexicon.At(t, k, language) is { Word.Class: AgreementWordClass.Instrument }) return true;
        return false;
    }

    private static readonly HashSet<string> PartyIntroducers = ["zwischen", "between", "mit", "with", "of", "von", "zu", "und", "and"];

    /// <summary>
    /// The places an agreement mention names as its parties: right after it ("Gemeinsame Erklärung Bayern-Sichuan",
    /// "Partnerstadt Kouvola", "twin cities of Stuttgart and Mumbai", "zwischen Sachsen-Anhalt und Centre-Val de Loire")
    /// or as its owner before it ("Victoria's sister-state partnership", "Hyogo and Washington's sister-state relationship").
    /// </summary>
    private List<string> NamedParties(ClauseMentions c, int first, int last)
    {
        var t = c.Tokens;
        var found = new List<string>();
        var k = last + 1;
        // "Erklärung Bayern-Sichuan": a compound of two place names
        if (k < t.Count && t[k].IsCapitalized && t[k].Text.Contains('-') && c.PlaceAt(k) is null && HyphenPlaces(t[k].Text) is { Count: 2 } pair) return pair;
        // past a short attribute ("of Understanding", "über die Regionalpartnerschaft") to the word that introduces the parties
        var start = -1;
        if (k < t.Count && c.PlaceAt(k) is not null) start = k;
        else
            for (var j = k; j < t.Count && j <= last + 8; j++)
            {
                if (t[j].IsPunct && t[j].Text is not ("-" or "–")) break;
                if (t[j].Folded is "zwischen" or "between" || (j <= last + 2 && t[j].Folded is "mit" or "with" or "of" or "von"))
                {
                    var p = j + 1;
                    while (p < t.Count && p <= j + 4 && c.PlaceAt(p) is null && (t[p].Folded is "der" or "dem" or "den" or "die" or "des" or "the" || c.AdjectiveAt(p) is not null || t[p].IsWord && !t[p].IsCapitalized && language == "de")) p++;
                    if (p < t.Count && c.PlaceAt(p) is not null) start = p;
                    break;
                }
            }
        if (start >= 0)
        {
            var end = start;
            foreach (var hit in c.Places.Where(h => h.First >= start && h.Chosen is not null).OrderBy(h => h.First))
            {
                // places joined by "und", "and", ",", a dash: "Dresden – Wrocław", "Stuttgart and Mumbai"
                if (hit.First > end && !Enumerable.Range(end, hit.First - end).All(j => c.PlaceAt(j) is not null || t[j].Text is "-" or "–" or "," || Joiners.Contains(t[j].Folded))) break;
                found.Add(hit.Chosen!.Id);
                end = hit.Last + 1;
            }
        }
        // "Victoria's ... sister-state partnership", "Hyogo and Washington's sister-state relationship": owners before the mention
        for (var j = first - 1; j >= 0 && j >= first - 6; j--)
        {
            if (t[j].IsPunct) break;
            if (!t[j].Text.EndsWith("’s", StringComparison.Ordinal) && !t[j].Text.EndsWith("'s", StringComparison.Ordinal)) continue;
            var owner = t[j].Text[..^2];
            if (HyphenPlaces(owner + "-" + owner) is [var o, _])
            {
                found.Insert(0, o);
                // "Hyogo and Washington's": a place coordinated before the owner
                if (j >= 2 && t[j - 1].Folded is "and" or "und" && c.PlaceAt(j - 2)?.Chosen is { } before) found.Insert(0, before.Id);
            }
            break;
        }
        return Minimal(found.Distinct());
    }

    /// <summary>The institutions after "zwischen"/"between" that follows an agreement mention closely.</summary>
    private List<string> InstitutionsBetween(ClauseMentions c, int last)
    {
        var t = c.Tokens;
        for (var j = last + 1; j < t.Count && j <= last + 8; j++)
        {
            if (t[j].IsPunct && t[j].Text is not ("-" or "–")) break;
            if (t[j].Folded is not ("zwischen" or "between")) continue;
            var orgs = c.Organizations.Where(o => o.First > j && o.First <= j + 3 || o.First > j && c.Organizations.Any(p => p.First > j && p.Last < o.First && o.First - p.Last <= 3))
                .OrderBy(o => o.First).Take(2).Select(OrganizationId).Where(organizations.ContainsKey).Distinct().ToList();
            return orgs;
        }
        return [];
    }

    /// <summary>The places of a compound such as "Bayern-Sichuan", when every part is one.</summary>
    private List<string> HyphenPlaces(string text)
    {
        var parts = text.Split('-');
        var ids = parts.Select(part => gazetteer.PlaceNames.Match(Tokenizer.Tokenize(part, 0, part.Length), 0)).Where(x => x.Length == 1 && x.Values.Count == 1).Select(x => x.Values[0].Id).ToList();
        return ids.Count == parts.Length ? ids : [];
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

    /// <summary>
    /// What the clause says happened to an agreement (see Lexicon/agreement-actions.tsv): an announced act is planned
    /// unless the clause also reports one ("renewed the agreement ..., which will remain in force until 2029");
    /// otherwise the strongest status named, extended over renewed over signed; nothing named is ongoing.
    /// </summary>
    private AgreementStatus ActionOf(ClauseMentions c)
    {
        var t = c.Tokens;
        bool done = false, planned = false;
        AgreementStatus? strongest = null;
        for (var i = 0; i < t.Count; i++)
            foreach (var a in AgreementLexicon.Actions(t[i].Folded, language))
            {
                var prev = i > 0 ? t[i - 1].Folded : "";
                switch (a.Use)
                {
                    // "will be signed", "is to be renewed": an English participle after an auxiliary reports nothing yet
                    case ActionUse.Done when !(prev is "be" or "been" or "being" or "to"): done = true; break;
                    case ActionUse.Infinitive when prev is "zu" or "to": planned = true; break;
                    case ActionUse.Zu or ActionUse.Plan: planned = true; break;
                }
                if (a.Use is ActionUse.Done or ActionUse.Form or ActionUse.Noun && Rank(a.Status) > Rank(strongest)) strongest = a.Status;
            }
        if (planned && !done) return AgreementStatus.Planned;
        return strongest ?? AgreementStatus.Ongoing;
    }

    private static int Rank(AgreementStatus? s) => s switch { AgreementStatus.Extended => 3, AgreementStatus.Renewed => 2, AgreementStatus.Signed => 1, _ => 0 };

    private bool IsCity(string id) => gazetteer.Find(id)?.Kind == PlaceKind.City;

    private string PlaceName(string id) => places.TryGetValue(id, out var p) ? p.Name : gazetteer.Find(id)?.Name(language) ?? id;
}
