using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Institutions of the genre and named organizations.
internal sealed partial class Recognizer
{
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
}
