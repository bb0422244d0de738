using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Agreements: named agreements and standing partnerships, their parties and what happened to them.
internal sealed partial class DocumentContext
{
    private static readonly string[] AgreementStems = ["abkommen", "vereinbarung", "absichtserklarung", "memorandum", "vertrag", "agreement", "accord", "mou", "treaty", "urkunde", "aktionsplan", "declaration", "agenda", "charta", "charter", "protokoll", "protocol"];
    private static readonly HashSet<string> CooperationWords = ["zusammenarbeit", "kooperation", "partnerschaft", "stadtepartnerschaft", "regionalpartnerschaft", "landerpartnerschaft", "cooperation", "partnership", "twinning"];

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
}
