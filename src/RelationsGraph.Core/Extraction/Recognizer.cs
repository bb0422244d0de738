using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// Finds places, adjectives of places, offices with their jurisdiction, persons, institutions and
/// dates in a clause, from the gazetteer and the patterns of the genre.
/// </summary>
internal sealed class Recognizer(Gazetteer gazetteer, string language, FuzzyDate? published, string? homeStateId, string? homeCountryId)
{
    // A city that publishes ("Stadt Nürnberg") is the home of its mayor; its Land is the home of "Landesregierung".
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
        FindNamedInstitutions(m, t);
        FindOffices(m, t);
        FindPersons(m, t);
        return m;
    }

    // ---------------------------------------------------------------- places

    private void FindPlaces(ClauseMentions m, IReadOnlyList<Token> t)
    {
        PlaceKind? chainKind = null;
        for (var i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            if (!tok.IsWord || !tok.IsCapitalized)
            {
                // "Präfekturen Fukushima und Osaka": the kind word carries over a coordination;
                // "the State of São Paulo", "Province of Gelderland": and over "of"
                if (tok.Folded == "of" && i > 0 && KindWords.ContainsKey(t[i - 1].Folded)) continue;
                if (tok.Text != "," && tok.Folded is not ("und" or "and" or "sowie" or "or" or "oder")) chainKind = null;
                continue;
            }
            var (len, values) = gazetteer.PlaceNames.Match(t, i, allowGenitive: true);
            if (len == 0)
            {
                if (KindWords.TryGetValue(tok.Folded, out var k)) chainKind = k;
                else if (tok.Folded is not ("und" or "and" or "sowie" or "or" or "oder")) chainKind = null;
                continue;
            }
            var last = i + len - 1;
            PlaceKind? context = chainKind;
            if (i > 0 && KindWords.TryGetValue(t[i - 1].Folded, out var before)) context = before;
            if (last + 1 < t.Count && t[last + 1].Folded is "prefecture" or "province" or "state" or "city" or "region")
            {
                context = KindWords[t[last + 1].Folded];
                last++;
            }
            // "Tokyo" as a word inside a longer capitalized name ("Tokyo Electron") is not the place
            var surface = string.Join(" ", t.Skip(i).Take(len).Select(x => x.Text));
            if (len == 1 && gazetteer.PlaceNames.Match(t, i).Length == 0)
            {
                // genitive: "Japans" → "Japan", "Saarlandes" → "Saarland"
                var names = values.SelectMany(v => new[] { v.NameDe, v.NameEn }.Concat(v.Aliases)).Select(Gazetteer.Fold).ToHashSet();
                surface = names.Contains(Gazetteer.Fold(surface[..^1])) || surface.Length < 4 ? surface[..^1] : surface[..^2];
            }
            m.Places.Add(new PlaceHit(values.Distinct().ToList(), i, last, surface, context));
            chainKind = context;
            i = last;
        }
    }

    private void FindAdjectives(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord || m.PlaceAt(i) is not null) continue;
            var (len, values) = gazetteer.Adjectives.Match(t, i);
            if (len == 0) continue;
            var adj = values[0];
            m.Adjectives.Add(new AdjectiveHit(adj.PlaceId, adj.IsDemonym, i, i + len - 1));
            i += len - 1;
        }
    }

    // ---------------------------------------------------------------- institutions

    private void FindInstitutions(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord || !t[i].IsCapitalized) continue;
            var (len, forms) = gazetteer.Institutions.Match(t, i);
            if (len == 0) continue;
            var form = forms.FirstOrDefault(f => f.Language == language) ?? forms[0];
            var first = i;
            var nounLast = i + len - 1;
            var last = nounLast;
            string? jurisdiction = null, seat = null;
            AdjectiveHit? adjective = null;
            // "des japanischen Parlaments", "die Bayerische Staatskanzlei", "the Japanese Embassy"
            if (i > 0 && m.AdjectiveAt(i - 1) is { IsDemonym: false } adj) { jurisdiction = adj.PlaceId; first = adj.First; adjective = adj; }
            // "Aichi Prefectural Government", "Gelderland Provincial Executive": the place before the institution
            if (jurisdiction is null && language == "en" && i > 0 && m.PlaceAt(i - 1) is { } before && Choose(before) is { } beforePlace)
            {
                jurisdiction = beforePlace.Id;
                first = before.First;
                for (var k = first; k <= last; k++) m.InPhrase.Add(k);
                m.Organizations.Add(new OrganizationHit(form.Key, string.Join(" ", t.Skip(first).Take(last - first + 1).Select(x => x.Text)), form.Kind, jurisdiction, first, last));
                i = last;
                continue;
            }
            // "Staatskanzlei Nordrhein-Westfalen", "Regierung von Japan", "Embassy of Japan", "Außenministerium der Republik Korea"
            var (place, placeLast) = JurisdictionAfter(m, t, last + 1);
            var explicitPlace = jurisdiction is null && place is not null;
            if (explicitPlace) { jurisdiction = place!.Id; last = placeLast; }
            // its seat: "Botschaft von Japan in Paris", "Consulate-General of Japan in Munich"
            if (jurisdiction is not null && (explicitPlace || adjective is not null) && last + 2 < t.Count && t[last + 1].Folded is "in" or "at"
                && m.PlaceAt(last + 2) is { } seatHit && seatHit.First == last + 2 && Choose(seatHit) is { Kind: PlaceKind.City } seatPlace)
            {
                seat = seatPlace.Id;
                last = seatHit.Last;
            }
            if (jurisdiction is null)
                jurisdiction = form.Scope switch
                {
                    "home-state" => homeRegionId,
                    "home-city" => homeCityId,
                    "home-country" => homeCountryId,
                    var fixedPlace => gazetteer.Find(fixedPlace)?.Id,
                };
            if (jurisdiction is null) continue;
            string name;
            if (adjective is not null)
                name = AdjectiveName(form, adjective, jurisdiction) + (seat is null ? "" : " " + Surface(m, t, last - (m.PlaceAt(last)!.Last - m.PlaceAt(last)!.First) - 1, last));
            else if (explicitPlace || seat is not null)
                name = (language == "en" ? string.Join(" ", t.Skip(i).Take(len).Select(x => x.Text)) : form.Name) + " " + Surface(m, t, nounLast + 1, last);
            else
                name = $"{form.Name} {gazetteer.Find(jurisdiction)?.Name(language) ?? jurisdiction}";
            for (var k = first; k <= last; k++) m.InPhrase.Add(k);
            m.Organizations.Add(new OrganizationHit(form.Key, name, form.Kind, jurisdiction, first, last, seat));
            i = last;
        }
    }

    /// <summary>Tokens as written, with places in their base form ("Nordrhein-Westfalens" → "Nordrhein-Westfalen").</summary>
    private static string Surface(ClauseMentions m, IReadOnlyList<Token> t, int from, int to)
    {
        var words = new List<string>();
        for (var k = from; k <= to; k++)
        {
            if (m.PlaceAt(k) is { } hit && hit.First == k) { words.Add(hit.Surface); k = hit.Last; continue; }
            words.Add(t[k].Text);
        }
        return string.Join(" ", words);
    }

    /// <summary>"Japanisches Parlament", "Bayerische Staatskanzlei", "Bavarian State Chancellery": the adjective in the nominative.</summary>
    private string AdjectiveName(InstitutionForm form, AdjectiveHit adjective, string jurisdictionId)
    {
        var stem = gazetteer.AdjectiveStem(jurisdictionId, language);
        var placeName = gazetteer.Find(jurisdictionId)?.Name(language) ?? jurisdictionId;
        if (stem is null) return language == "en" ? $"{form.Name} of {placeName}" : $"{form.Name} {placeName}";
        if (language == "en") return $"{stem} {form.Name}";
        var ending = form.Gender switch { 'm' => "er", 'n' => "es", _ => "e" };
        return char.ToUpperInvariant(stem[0]) + stem[1..] + ending + " " + form.Name;
    }

    private static readonly Dictionary<string, OrganizationKind> InstitutionHeads = new(StringComparer.Ordinal)
    {
        ["universitat"] = OrganizationKind.University,
        ["university"] = OrganizationKind.University,
        ["hochschule"] = OrganizationKind.University,
        ["fachhochschule"] = OrganizationKind.University,
        ["institut"] = OrganizationKind.University,
        ["institute"] = OrganizationKind.University,
        ["college"] = OrganizationKind.University,
        ["akademie"] = OrganizationKind.University,
        ["academy"] = OrganizationKind.University,
        ["kammer"] = OrganizationKind.Association,
        ["chamber"] = OrganizationKind.Association,
        ["verband"] = OrganizationKind.Association,
        ["association"] = OrganizationKind.Association,
        ["stiftung"] = OrganizationKind.Association,
        ["foundation"] = OrganizationKind.Association,
        ["corporation"] = OrganizationKind.Company,
        ["gmbh"] = OrganizationKind.Company,
        ["ag"] = OrganizationKind.Company,
        ["inc"] = OrganizationKind.Company,
        ["ltd"] = OrganizationKind.Company,
        ["agentur"] = OrganizationKind.Agency,
        ["agency"] = OrganizationKind.Agency,
        ["union"] = OrganizationKind.Other,
        ["federation"] = OrganizationKind.Association,
        ["foderation"] = OrganizationKind.Association,
        ["zentrum"] = OrganizationKind.Other,
        ["centre"] = OrganizationKind.Other,
        ["center"] = OrganizationKind.Other,
        ["museum"] = OrganizationKind.Other,
        ["orchester"] = OrganizationKind.Other,
        ["orchestra"] = OrganizationKind.Other,
        ["buro"] = OrganizationKind.Agency,
        ["office"] = OrganizationKind.Agency,
        ["betriebe"] = OrganizationKind.Company,
        ["group"] = OrganizationKind.Company,
        ["department"] = OrganizationKind.Government,
        ["collegium"] = OrganizationKind.University,
        ["school"] = OrganizationKind.University,
        ["haus"] = OrganizationKind.Other,
        ["commission"] = OrganizationKind.Other,
        ["kommission"] = OrganizationKind.Other,
    };

    /// <summary>
    /// Named institutions: "Goethe-Universität Frankfurt", "Universität zu Köln", "Technical University of Munich",
    /// "Karlsruher Institut für Technologie", "Wisconsin Economic Development Corporation", "Europäische Union".
    /// </summary>
    private void FindNamedInstitutions(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var h = 0; h < t.Count; h++)
        {
            var tok = t[h];
            if (!tok.IsWord || !tok.IsCapitalized || m.InPhrase.Contains(h)) continue;
            // "Goethe-Universität", "Ruhr-Universität": the part after the hyphen is the head ("Élysée-Vertrag" is no "AG")
            var afterHyphen = tok.Folded[(tok.Folded.LastIndexOf('-') + 1)..];
            var head = InstitutionHeads.Keys.FirstOrDefault(k => tok.Folded == k || (tok.Text.Contains('-') && afterHyphen == k)
                || (k is "kammer" or "universitat" or "hochschule" or "institut" or "buro" or "betriebe" or "zentrum" or "museum" or "orchester" or "verband" or "stiftung" or "agentur" && tok.Folded.EndsWith(k, StringComparison.Ordinal)));
            if (head is null) continue;
            if (head is "ag" or "gmbh" or "inc" or "ltd" && h == 0) continue;
            var first = h;
            while (first - 1 >= 0 && h - first < 4 && t[first - 1].IsWord && t[first - 1].IsCapitalized && !m.InPhrase.Contains(first - 1)
                   && !NotNames.Contains(t[first - 1].Folded) && !Dates.IsMonth(t[first - 1]) && gazetteer.Offices.Match(t, first - 1).Length == 0) first--;
            var last = h;
            // "of Munich", "für Technologie", "zu Köln", "of Commerce and Industry"; "Universität Kassel"
            var k2 = last + 1;
            if (k2 < t.Count && t[k2].Folded is "of" or "for" or "fur" or "zu" or "de" && k2 + 1 < t.Count && t[k2 + 1].IsCapitalized) k2++;
            else if (k2 < t.Count && m.PlaceAt(k2) is { } p && p.First == k2) { last = p.Last; k2 = t.Count; }
            while (k2 < t.Count && k2 > last + 1 && k2 - h < 9)
            {
                if (t[k2].IsWord && t[k2].IsCapitalized && !m.InPhrase.Contains(k2)) { last = k2; k2++; continue; }
                if (t[k2].Folded is "and" or "und" or "&" or "of" or "for" && k2 + 1 < t.Count && t[k2 + 1].IsCapitalized) { k2++; continue; }
                if (t[k2].Text is "–" or "-" && k2 + 1 < t.Count && t[k2 + 1].IsCapitalized) { k2++; continue; }
                break;
            }
            var words = last - first + 1;
            if (words < 2 && !tok.Text.Contains('-')) continue;
            // "ein Forschungszentrum für Supercomputing": an indefinite article introduces a kind of place, not a named institution
            if (first > 0 && t[first - 1].Folded is "ein" or "eine" or "einem" or "einen" or "einer" or "eines" or "a" or "an") continue;
            // "der Europäischen Union" → "Europäische Union": before a feminine head an adjective in -en is oblique, its nominative ends in -e
            var feminine = language == "de" && head is "union" or "universitat" or "hochschule" or "kammer" or "stiftung" or "agentur" or "kommission" or "akademie" or "foderation";
            // "das Sächsische Verbindungsbüro" → "Sächsisches Verbindungsbüro": before a neuter head the nominative without article ends in -es
            var neuter = language == "de" && head is "buro" or "institut" or "zentrum" or "museum" or "orchester" or "haus";
            string Nominative(Token x, int k)
            {
                if (first + k >= h || !x.IsCapitalized || x.Text.Length <= 4 || (!feminine && !neuter) || m.AdjectiveAt(first + k) is null && !x.Folded.EndsWith("isch", StringComparison.Ordinal) && !x.Folded.EndsWith("ische", StringComparison.Ordinal) && !x.Folded.EndsWith("ischen", StringComparison.Ordinal)) return x.Text;
                var stem = x.Text.EndsWith("en", StringComparison.Ordinal) ? x.Text[..^2] : x.Text.EndsWith('e') ? x.Text[..^1] : x.Text;
                return stem + (feminine ? "e" : "es");
            }
            var name = string.Join(" ", t.Skip(first).Take(words).Select((x, k) => Nominative(x, k))).Replace(" – ", "–");
            m.Organizations.Add(new OrganizationHit("named", name, InstitutionHeads[head], null, first, last));
            for (var x = first; x <= last; x++) m.InPhrase.Add(x);
            h = last;
        }
    }

    /// <summary>A place that names the jurisdiction right after a title or institution: "von Japan", "der Präfektur Fukushima", "Nordrhein-Westfalens".</summary>
    private (PlaceEntry? Place, int Last) JurisdictionAfter(ClauseMentions m, IReadOnlyList<Token> t, int j)
    {
        var k = j;
        if (k < t.Count && t[k].Folded is "von" or "of" or "des" or "der" or "for" or "fur" or "the" or "in") k++;
        if (k < t.Count && t[k].Folded is "the") k++;
        while (k < t.Count && m.AdjectiveAt(k) is { IsDemonym: false }) k++;
        if (k < t.Count && KindWords.ContainsKey(t[k].Folded) && m.PlaceAt(k) is null)
        {
            k++;
            if (k < t.Count && t[k].Folded == "of") k++;
        }
        if (m.PlaceAt(k) is { } hit && hit.First == k)
        {
            // "in" introduces a seat, not a jurisdiction, except for "Regierung in Tokio"-like phrases we leave alone
            if (j < t.Count && t[j].Folded == "in") return (null, j - 1);
            return (Choose(hit), hit.Last);
        }
        return (null, j - 1);
    }

    private static void FindNamedOrganizations(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            // NRW.INVEST, Germany.Trade: a name with an inner dot and capitals is an organization's brand
            var dotted = tok.IsWord && tok.Text.Contains('.') && tok.Text.Count(char.IsUpper) >= 3 && !tok.Text.EndsWith('.');
            if (!dotted || m.InPhrase.Contains(i)) continue;
            m.Organizations.Add(new OrganizationHit("named", tok.Text, OrganizationKind.Agency, null, i, i));
            m.InPhrase.Add(i);
        }
    }

    // ---------------------------------------------------------------- offices

    private void FindOffices(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord || !t[i].IsCapitalized) continue;
            var (len, forms) = gazetteer.Offices.Match(t, i);
            OfficeForm? form = forms.FirstOrDefault(f => f.Language == language) ?? forms.FirstOrDefault();
            if (len == 0 && language == "de" && IsMinisterCompound(t[i]))
            {
                form = new OfficeForm("minister", "de", t[i].Text.EndsWith("in", StringComparison.Ordinal) ? t[i].Text[..^2] : t[i].Text.TrimEnd('s'), "home-state");
                len = 1;
            }
            if (form is null || len == 0) continue;
            var first = i;
            var titleLast = i + len - 1;
            var last = titleLast;
            string? jurisdiction = null, seat = null;
            var isExplicit = false;
            // "der japanische Botschafter", "the Japanese Ambassador"
            if (i > 0 && m.AdjectiveAt(i - 1) is { IsDemonym: false } adj) { jurisdiction = adj.PlaceId; first = adj.First; isExplicit = true; }
            // portfolio: "Staatsministerin für Europa", "Minister for Foreign Affairs"
            var k = last + 1;
            var portfolioOf = language == "en" && k + 1 < t.Count && t[k].Folded == "of" && t[k + 1].IsCapitalized && m.PlaceAt(k + 1) is null
                && gazetteer.Offices.Match(t, k + 1).Length == 0 && !(t[k + 1].Folded == "the" && m.PlaceAt(k + 2) is not null);
            if (k < t.Count && (t[k].Folded is "fur" or "for" || portfolioOf) && form.Role is "minister" or "staatsminister" or "staatssekretaer" or "vizeminister")
            {
                k++;
                // ... up to a family name in capitals: "Minister of Foreign Affairs KANG Min-seok"
                while (k < t.Count && t[k].IsWord && m.PlaceAt(k) is null && !(t[k].IsAllCaps && t[k].Text.Length > 1 && k + 1 < t.Count && t[k + 1].IsCapitalized)
                       && (t[k].IsCapitalized || t[k].Folded is "und" or "and" or "the")) k++;
                last = k - 1;
            }
            var (place, placeLast) = JurisdictionAfter(m, t, last + 1);
            if (place is not null && jurisdiction is null) { jurisdiction = place.Id; last = placeLast; isExplicit = true; }
            // seat: "Generalkonsul von Japan in Nordrhein-Westfalen", "Ambassador to Germany"
            if (jurisdiction is not null && last + 2 < t.Count && t[last + 1].Folded is "in" or "to" or "bei" or "at" && m.PlaceAt(last + 2) is { } seatHit && seatHit.First == last + 2)
            {
                seat = Choose(seatHit)?.Id;
                last = seatHit.Last;
            }
            if (jurisdiction is null)
                jurisdiction = form.Scope switch { "home-state" => homeRegionId, "home-city" => homeCityId, "home-country" => homeCountryId, _ => null };
            // The title as written from the title word on; with a preceding adjective ("der japanische
            // Botschafter") the jurisdiction is spelled out instead ("Botschafter von Japan").
            var title = first < i
                ? $"{form.Title} {(language == "en" ? "of" : "von")} {gazetteer.Find(jurisdiction!)?.Name(language) ?? jurisdiction}"
                : string.Join(" ", t.Skip(first).Take(last - first + 1).Select(x => x.Text)).Replace(" ,", ",").Replace(" .", ".");
            for (var x = first; x <= last; x++) m.InPhrase.Add(x);
            m.Offices.Add(new OfficeHit(form, first, titleLast, last, jurisdiction, seat, isExplicit, title));
            i = last;
        }
    }

    private static bool IsMinisterCompound(Token t) =>
        t.Folded.Length > 9 && (t.Folded.EndsWith("minister") || t.Folded.EndsWith("ministerin") || t.Folded.EndsWith("ministers"))
        && !t.Folded.StartsWith("premier") && !t.Folded.StartsWith("vize");

    // ---------------------------------------------------------------- persons

    private void FindPersons(ClauseMentions m, IReadOnlyList<Token> t)
    {
        for (var oi = 0; oi < m.Offices.Count; oi++)
        {
            var office = m.Offices[oi];
            // "Ministerpräsident Armin Laschet", "Generalkonsul Iwama"
            var j = office.TitleLast + 1;
            if (office.Last == office.TitleLast || !IsNameToken(m, t, j))
            {
                var (n, end) = NameAt(m, t, office.Last + 1, minTokens: 1);
                if (n is not null && (end + 1 >= t.Count || !IsNameToken(m, t, end + 1))) { m.Persons.Add(new PersonHit(n, office.Last + 1, end, office)); continue; }
            }
            else
            {
                var (n, end) = NameAt(m, t, j, minTokens: 1);
                if (n is not null) { m.Persons.Add(new PersonHit(n, j, end, office)); continue; }
            }
            // appositive after: "der Gouverneur der Präfektur Fukushima, Masao Uchibori,"
            if (office.Last + 2 < t.Count && t[office.Last + 1].Text == ",")
            {
                var (n, end) = NameAt(m, t, office.Last + 2, minTokens: 2);
                if (n is not null && (end + 1 >= t.Count || t[end + 1].Text is "," or "." or ";" or ")" || !t[end + 1].IsCapitalized))
                {
                    m.Persons.Add(new PersonHit(n, office.Last + 2, end, office));
                    continue;
                }
            }
            // a longer title before the appositive: "the Minister of Enterprises and Made in Italy, Giacomo Ferrante",
            // "dem Premierminister der Provinz, Sizwe Mgudlwa": title words and small words up to the comma
            if (TitleTail(m, t, office.Last + 1) is { } comma && NameAt(m, t, comma + 1, minTokens: 2) is ({ } tailName, var tailEnd)
                && (tailEnd + 1 >= t.Count || t[tailEnd + 1].Text is "," or "." or ";" or ")" || !t[tailEnd + 1].IsCapitalized))
            {
                var place = Enumerable.Range(office.Last + 1, comma - office.Last - 1).Select(m.PlaceAt).OfType<PlaceHit>().LastOrDefault();
                var extended = office with
                {
                    Last = comma - 1,
                    Title = office.Title + " " + string.Join(" ", t.Skip(office.Last + 1).Take(comma - office.Last - 1).Select(x => x.Text)),
                    JurisdictionId = office.Explicit ? office.JurisdictionId : (place is null ? office.JurisdictionId : Choose(place)?.Id ?? office.JurisdictionId),
                    Explicit = office.Explicit || place is not null,
                };
                for (var x = office.Last + 1; x < comma; x++) m.InPhrase.Add(x);
                m.Offices[oi] = extended;
                m.Persons.Add(new PersonHit(tailName, comma + 1, tailEnd, extended));
                continue;
            }
            // appositive before: "Masao Uchibori, Gouverneur der Präfektur Fukushima"
            var b = office.First - 1;
            // "Dr. Birgit Hollenstein, the new Consul General", "Kenji Matsumoto, der neue Bürgermeister"
            while (b >= 0 && !t[b].IsCapitalized && t[b].IsWord && t[b].Folded is "new" or "neue" or "neuen" or "neuer" or "current" or "amtierende" or "designierte" or "former" or "ehemalige") b--;
            if (b >= 0 && t[b].Folded is "der" or "die" or "the") b--;
            if (b >= 1 && t[b].Text == ",")
            {
                var start = b - 1;
                while (start - 1 >= 0 && IsNameToken(m, t, start - 1) && b - start < 4) start--;
                var (n, end) = NameAt(m, t, start, minTokens: 2);
                if (n is not null && end == b - 1 && (start == 0 || !IsNameToken(m, t, start - 1)))
                    m.Persons.Add(new PersonHit(n, start, end, office));
            }
        }
        // "Herr Yamada", "Mr Smith", "Frau Dr. Weber"
        for (var i = 0; i + 1 < t.Count; i++)
        {
            if (t[i].Folded is not ("herr" or "herrn" or "frau" or "mr" or "mrs" or "ms")) continue;
            if (m.Persons.Any(p => p.First <= i + 3 && p.Last >= i + 1)) continue;
            var (n, end) = NameAt(m, t, i + 1, minTokens: 1);
            if (n is not null) m.Persons.Add(new PersonHit(n, i + 1, end, null));
        }
    }

    private static readonly HashSet<string> TitleSmallWords = ["of", "the", "and", "for", "in", "to", "at", "fur", "und", "der", "des", "die", "dem", "den", "von", "im", "zu", "zur", "zum", "bei", "de", "la"];

    /// <summary>The comma that ends a title's tail of capitalized and small words ("of Enterprises and Made in Italy,"), if it ends within a few words.</summary>
    private static int? TitleTail(ClauseMentions m, IReadOnlyList<Token> t, int from)
    {
        for (var k = from; k < t.Count && k < from + 9; k++)
        {
            if (t[k].Text == ",") return k > from && t[k - 1].IsWord && t[k - 1].IsCapitalized ? k : null;
            if (!t[k].IsWord || !(t[k].IsCapitalized || TitleSmallWords.Contains(t[k].Folded)) || m.InPhrase.Contains(k) && m.PlaceAt(k) is null) return null;
        }
        return null;
    }

    private (string? Name, int End) NameAt(ClauseMentions m, IReadOnlyList<Token> t, int j, int minTokens)
    {
        while (j < t.Count && ((Honorifics.Contains(t[j].Folded) && t[j].IsCapitalized) || (t[j].Text == "." && j > 0 && Honorifics.Contains(t[j - 1].Folded)))) j++;
        var words = new List<string>();
        var k = j;
        while (k < t.Count && words.Count < 5)
        {
            if (IsNameToken(m, t, k)) { words.Add(t[k].Text); k++; continue; }
            if (words.Count > 0 && NameParticles.Contains(t[k].Text) && k + 1 < t.Count && IsNameToken(m, t, k + 1)) { words.Add(t[k].Text); k++; continue; }
            break;
        }
        var count = words.Count(w => char.IsUpper(w[0]));
        if (count < minTokens || count > 4) return (null, j);
        return (string.Join(" ", words), k - 1);
    }

    private bool IsNameToken(ClauseMentions m, IReadOnlyList<Token> t, int k)
    {
        if (k < 0 || k >= t.Count) return false;
        var tok = t[k];
        if (!tok.IsWord || !tok.IsCapitalized || tok.Text.Length < 2 || tok.Text.Contains('.')) return false;
        // an acronym is no name, but a family name in capitals before a given name is ("CHOI Yoon-hee")
        if (tok.IsAllCaps && tok.Text.Length <= 4 && !(k + 1 < t.Count && t[k + 1].IsWord && t[k + 1].IsCapitalized && !t[k + 1].IsAllCaps)) return false;
        if (NotNames.Contains(tok.Folded) || Dates.IsMonth(tok) || m.PlaceAt(k) is not null || m.AdjectiveAt(k) is not null) return false;
        if (m.InPhrase.Contains(k)) return false;
        if (gazetteer.Offices.Match(t, k).Length > 0 || gazetteer.Institutions.Match(t, k).Length > 0) return false;
        return true;
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
