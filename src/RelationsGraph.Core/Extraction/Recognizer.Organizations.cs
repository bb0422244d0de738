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
                Remember(m, new OrganizationHit(form.Key, string.Join(" ", t.Skip(first).Take(last - first + 1).Select(x => x.Text)), form.Kind, jurisdiction, first, last));
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
                name = AdjectiveName(form, CompoundNoun(form, t, i, len), adjective, jurisdiction) + (seat is null ? "" : " " + Surface(m, t, last - (m.PlaceAt(last)!.Last - m.PlaceAt(last)!.First) - 1, last));
            else if (explicitPlace || seat is not null)
                name = (language == "en" ? string.Join(" ", t.Skip(i).Take(len).Select(x => x.Text)) : form.Name) + " " + Surface(m, t, nounLast + 1, last);
            else
                name = $"{form.Name} {gazetteer.Find(jurisdiction)?.Name(language) ?? jurisdiction}";
            for (var k = first; k <= last; k++) m.InPhrase.Add(k);
            Remember(m, new OrganizationHit(form.Key, name, form.Kind, jurisdiction, first, last, seat));
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

    /// <summary>
    /// The institution's noun as the text names it when that is a compound of its own ("Sächsische Staatsregierung", not
    /// "Sächsische Regierung"), in the nominative ("Präfekturparlaments" → "Präfekturparlament"); else the lexicon's name.
    /// </summary>
    private string CompoundNoun(InstitutionForm form, IReadOnlyList<Token> t, int i, int len)
    {
        if (language != "de" || len != 1) return form.Name;
        var key = Gazetteer.Fold(form.Name);
        var surface = t[i].Text;
        var folded = t[i].Folded;
        if (folded.StartsWith(key, StringComparison.Ordinal) || !folded.Contains(key, StringComparison.Ordinal)) return form.Name;
        var genitive = folded.Length - (folded.LastIndexOf(key, StringComparison.Ordinal) + key.Length);
        return genitive is 1 or 2 && form.Gender is 'm' or 'n' ? surface[..^genitive] : genitive == 0 ? surface : form.Name;
    }

    /// <summary>"Japanisches Parlament", "Bayerische Staatskanzlei", "Bavarian State Chancellery": the adjective in the nominative.</summary>
    private string AdjectiveName(InstitutionForm form, string noun, AdjectiveHit adjective, string jurisdictionId)
    {
        var stem = gazetteer.AdjectiveStem(jurisdictionId, language);
        var placeName = gazetteer.Find(jurisdictionId)?.Name(language) ?? jurisdictionId;
        if (stem is null) return language == "en" ? $"{form.Name} of {placeName}" : $"{form.Name} {placeName}";
        if (language == "en") return $"{stem} {form.Name}";
        var ending = form.Gender switch { 'm' => "er", 'n' => "es", _ => "e" };
        return char.ToUpperInvariant(stem[0]) + stem[1..] + ending + " " + noun;
    }

    // ---------------------------------------------------------------- organizations by their shape

    private static readonly string[] GenitiveEndings = ["", "s", "es"];

    /// <summary>The endings of German adjective stems: "bayer-isch", "deutschsprach-ig", "kultur-ell", "nation-al", "könig-lich".</summary>
    private static readonly string[] AdjectiveStemEndings = ["isch", "sch", "lich", "ig", "al", "ell", "iv", "ar"];

    private static readonly HashSet<string> ShortAdjectiveStems = ["frei", "neu", "hoh", "alt", "gross", "ober", "unter", "mittler", "evangel"];

    private static readonly HashSet<string> IndefiniteArticles = ["ein", "eine", "einem", "einen", "einer", "eines", "a", "an"];

    // Determiners open a sentence with a capital but are no part of a name: "Jeder Verein", "Each University"
    private static readonly HashSet<string> Determiners =
    [
        "jeder", "jede", "jedes", "jener", "jene", "mancher", "manche", "solcher", "solche", "welcher", "welche", "keiner", "keine", "kein",
        "aller", "alle", "euer", "ihrer", "seiner", "meiner", "deiner", "beide", "beider", "viele", "einige", "mehrere", "andere", "anderer",
        "each", "every", "all", "both", "other", "many", "some", "several", "any", "no", "another", "such", "these", "those", "which", "what",
    ];

    /// <summary>The head of an organization name in a token, and the token in its nominative ("Landesamtes" → "Landesamt", "Council’s" → "Council").</summary>
    private (OrganizationHead Head, string Nominative)? HeadAt(Token tok)
    {
        if (!tok.IsWord) return null;
        if (!tok.IsCapitalized && !gazetteer.OrganizationHeads.ContainsKey(tok.Folded)) return null;
        // a legal form stands as written: "AG" is one, "Ag" and the "-ag" of "Élysée-Vertrag" are not
        if (gazetteer.OrganizationHeads.TryGetValue(tok.Folded, out var forms) && forms.FirstOrDefault(x => x.IsLegalForm && x.Head.TrimEnd('.') == tok.Text) is { } legal)
            return (legal, tok.Text);
        var f = tok.Folded;
        var text = tok.Text;
        if (f.EndsWith(" s", StringComparison.Ordinal)) { f = f[..^2]; text = text[..^2]; }
        // "Goethe-Universität", "Taipeh-Vertretung": the part after the hyphen is the head
        var part = f[(f.LastIndexOf(' ') + 1)..];
        foreach (var ending in GenitiveEndings)
        {
            if (part.Length <= ending.Length + 1 || !part.EndsWith(ending, StringComparison.Ordinal)) continue;
            var stem = part[..^ending.Length];
            // the genitive -s/-es belongs to German masculine and neuter nouns: "des Landesamtes", "des Parlaments"
            bool Fits(OrganizationHead x) => !x.IsLegalForm && (ending.Length == 0 || x.Language == "de" && x.Gender is 'm' or 'n');
            if (gazetteer.OrganizationHeads.TryGetValue(stem, out var heads) && heads.OrderBy(x => x.Language == language ? 0 : 1).FirstOrDefault(Fits) is { } head)
                return (head, text[..^ending.Length]);
            if (stem.Length > 6 && gazetteer.CompoundOrganizationHeads.TryGetValue(stem[^3..], out var compounds))
                foreach (var c in compounds)
                    if (stem.Length >= c.Key.Length + 3 && stem.EndsWith(c.Key, StringComparison.Ordinal) && Fits(c))
                        return (c, text[..^ending.Length]);
        }
        return null;
    }

    /// <summary>"Bayerischen", "Sozial-Kulturellen", "Deutschsprachige": a German adjective with its ending; the stem before the ending.</summary>
    private static string? AdjectiveStem(Token tok)
    {
        var f = tok.Folded[(tok.Folded.LastIndexOf(' ') + 1)..];
        foreach (var ending in new[] { "en", "em", "er", "es", "e" })
        {
            if (!f.EndsWith(ending, StringComparison.Ordinal)) continue;
            var stem = f[..^ending.Length];
            if (stem.Length >= 3 && (AdjectiveStemEndings.Any(e => stem.EndsWith(e, StringComparison.Ordinal)) || ShortAdjectiveStems.Contains(stem)))
                return tok.Text[..^ending.Length];
            return null;
        }
        return null;
    }

    /// <summary>An adjective before a German head in the nominative without article: "Bayerischer Jugendring", "Katholisches Schulwerk", "Europäische Union".</summary>
    private static string NominativeAdjective(string stem, char gender) => stem + gender switch { 'm' => "er", 'n' => "es", 'f' => "e", _ => "e" };

    /// <summary>
    /// Organizations by their shape (Lexicon/organization-heads.tsv): a head noun or legal form with the words around it.
    /// Before the head: adjectives ("Deutsch-Japanische Gesellschaft"; a lowercase adjective of a place before a public
    /// body: "dem baden-württembergischen Wirtschaftsministerium"), names ("Rutgers University", "Whanganui District Council"),
    /// a coordinated first part ("Industrie- und Handelskammer"). After it: "für ..."/"zur ...", a genitive ("der Woiwodschaft
    /// Niederschlesien"), "von"/"zu" and a place, a place, "of ..."/"for ...", a legal form, a seat ("in Grünberg").
    /// </summary>
    private void FindShapedOrganizations(ClauseMentions m, IReadOnlyList<Token> t)
    {
        bool? titleCase = null;
        for (var h = 0; h < t.Count; h++)
        {
            if (!t[h].IsWord || m.InPhrase.Contains(h) || HeadAt(t[h]) is not var (head, nominative)) continue;
            if (head.IsLegalForm) { LegalFormName(m, t, h, head); continue; }
            if (!t[h].IsCapitalized) continue;
            // German names occur in English releases ("the school exchanges of Bayerischer Jugendring"); the head's language decides the grammar
            var german = head.Language == "de" || head.Language == "*" && language == "de";
            var foreign = head.Language != "*" && head.Language != language;
            var words = new Dictionary<int, string> { [h] = nominative };
            var evidence = head.Alone || (t[h].Text.IndexOf('-') > 0 && !foreign);
            // "Büro" is weak, "Regionalbüro" is not
            var weak = head.Weak && Gazetteer.Fold(nominative) == head.Key;
            string? jurisdiction = null;
            var first = h;
            var germanAdjective = false;

            // ---- before the head
            for (var k = h - 1; k >= 0 && h - k <= 6; k--)
            {
                var tok = t[k];
                if (german && k >= 2 && tok.Folded is "und" or "sowie" && t[k - 1].Text == "-" && t[k - 2].IsWord && t[k - 2].IsCapitalized && k == first - 1)
                {
                    first = k - 2; k -= 2; evidence = true; continue;   // "Entwicklungs- und Reformkommission"
                }
                if (m.InPhrase.Contains(k) || !tok.IsWord) { if (!german && tok.Text == "&" && k > 0 && t[k - 1].IsCapitalized && !m.InPhrase.Contains(k - 1)) { first = k; continue; } break; }
                if (m.AdjectiveAt(k) is { IsDemonym: false } adj && adj.Last == k)
                {
                    // "der koreanischen Nationalversammlung", "das italienische Kulturinstitut", but "die japanische Gesellschaft" (society)
                    var publicBody = head.Kind is OrganizationKind.Parliament or OrganizationKind.Ministry or OrganizationKind.Government or OrganizationKind.Mission;
                    if (!tok.IsCapitalized && !publicBody && Gazetteer.Fold(nominative) == head.Key) break;
                    if (german && AdjectiveStem(tok) is { } stem) words[k] = NominativeAdjective(stem, head.Gender);
                    jurisdiction ??= adj.PlaceId;
                    first = adj.First; k = adj.First; evidence = true; germanAdjective = german;
                    continue;
                }
                if (!tok.IsCapitalized || NotNames.Contains(tok.Folded) || Determiners.Contains(tok.Folded) || Dates.IsMonth(tok) || gazetteer.Offices.Match(t, k).Length > 0) break;
                if (m.PlaceAt(k) is { } place && place.Last == k)
                {
                    // "Jiangsu Entwicklungs- und Reformkommission", "New Zealand International Pilot Academy": a place opens the name
                    if (Choose(place) is { } p) jurisdiction ??= p.Id;
                    first = place.First; evidence = true;
                    break;
                }
                if (german)
                {
                    if (AdjectiveStem(tok) is { } stem) { words[k] = NominativeAdjective(stem, head.Gender); first = k; evidence = true; germanAdjective = true; continue; }
                    // "Münchner", "Karlsruher": the adjective of a city does not decline
                    if (tok.Folded.EndsWith("er", StringComparison.Ordinal) && !foreign) { first = k; evidence = true; continue; }
                    break;
                }
                // in a headline in title case ("Minister Opens New Office In Tokyo") capitals do not mark a name
                if (tok.Folded.EndsWith(" s", StringComparison.Ordinal) || (titleCase ??= IsTitleCase(t))) break;
                first = k; evidence = true;
            }
            // a German head in an English release needs its German adjective ("Bayerischer Jugendring"); an English one in a German
            // release its English words ("University of Cape Town", "Shanghai International Port Group")
            if (foreign && german && !germanAdjective) continue;
            if (first > 0 && IndefiniteArticles.Contains(t[first - 1].Folded)) continue;

            // ---- after the head
            var last = h;
            var complements = 0;
            while (complements < 4 && last + 1 < t.Count)
            {
                var k = last + 1;
                var strong = true;
                int end;
                if (german && complements == 0 && t[k].Folded is "fur" or "zur" or "zum" && (end = GermanNounPhrase(m, t, k + 1, list: true)) > k + 1) last = end - 1;
                else if (german && t[k].Folded is "der" or "des" && (end = GermanNounPhrase(m, t, k + 1, list: false)) > k + 1) { last = end - 1; strong = !weak; }
                else if (german && t[k].Folded is "von" or "zu" && PlaceStartingAt(m, k + 1) is { } vonPlace) { last = vonPlace.Last; jurisdiction ??= Choose(vonPlace)?.Id; }
                else if (german && complements == 0 && PlaceStartingAt(m, k) is { } apposition) { last = apposition.Last; jurisdiction ??= Choose(apposition)?.Id; }
                else if (german && complements == 0 && KindWords.ContainsKey(t[k].Folded) && PlaceStartingAt(m, k + 1) is { } kindPlace) { last = kindPlace.Last; jurisdiction ??= Choose(kindPlace)?.Id; }
                // "Stiftung Bayerische Gedenkstätten": a name in apposition
                else if (german && complements == 0 && k + 1 < t.Count && t[k].IsCapitalized && AdjectiveStem(t[k]) is not null && t[k + 1].IsWord && t[k + 1].IsCapitalized && HeadAt(t[k + 1]) is null) last = k + 1;
                else if (german && evidence && !head.Alone && t[k].Folded is "in" && PlaceStartingAt(m, k + 1) is { } seat && Choose(seat) is { Kind: PlaceKind.City }) { last = seat.Last; complements = 9; }
                else if (!german && t[k].Folded is "of" or "for" && (end = EnglishComplement(m, t, k + 1)) > k + 1) last = end - 1;
                else if (!german && (end = EnglishChainedHead(m, t, k)) > k) { last = end - 1; words[last] = HeadAt(t[last])!.Value.Nominative; }
                else if (HeadAt(t[k]) is { Head.IsLegalForm: true } legal)
                {
                    // "e.V.": the closing dot belongs to the form
                    last = legal.Head.Head.EndsWith('.') && k + 1 < t.Count && t[k + 1].Text == "." && t[k + 1].Start == t[k].End ? k + 1 : k;
                    complements = 9;
                }
                else break;
                // "und"/"and" and one more place: "IHK München und Oberbayern"
                if (german && last + 2 < t.Count && t[last + 1].Folded is "und" && PlaceStartingAt(m, last + 2) is { } more && m.PlaceAt(last) is not null) last = more.Last;
                complements++;
                evidence |= strong;
            }
            // "das Zentrum für zeitgenössische Kunst „Die Gerberei“": the name in quotes after its description
            string? quoted = null;
            if (last + 2 < t.Count && t[last + 1].Text is "„" or "\"" or "“" or "«" or "»" && t[last + 2].IsCapitalized)
            {
                var close = last + 2;
                while (close < t.Count && close - last < 14 && t[close].Text is not ("“" or "\"" or "”" or "«" or "»")) close++;
                if (close < t.Count && close - last < 14 && close > last + 2)
                {
                    quoted = Join(t, last + 2, close - 1, []);
                    last = close;
                    evidence = true;
                }
            }
            if (!evidence) continue;
            // "German Federal Parliament (Bundestag)", "Christian Democratic Union (CDU)": the name in brackets is another name of it
            string? alias = null;
            if (last + 3 < t.Count && t[last + 1].Text == "(" && t[last + 3].Text == ")" && t[last + 2].IsWord && t[last + 2].IsCapitalized)
            {
                alias = t[last + 2].Text;
                for (var k = last + 1; k <= last + 3; k++) m.InPhrase.Add(k);
            }
            var name = quoted ?? Join(t, first, last, words);
            for (var k = first; k <= last; k++) m.InPhrase.Add(k);
            var hit = new OrganizationHit("named", name, head.Kind, jurisdiction, first, last);
            m.Organizations.Add(KnownOrganization(name, alias) is { } known ? known with { First = first, Last = last } : Remember(hit));
            h = last;
        }
    }

    private readonly List<OrganizationHit> documentOrganizations = [];

    private OrganizationHit Remember(OrganizationHit hit)
    {
        documentOrganizations.Add(hit);
        return hit;
    }

    private void Remember(ClauseMentions m, OrganizationHit hit) => m.Organizations.Add(Remember(hit));

    /// <summary>
    /// One name for one organization in a release: "die Taipeh-Vertretung" and later "die Taipeh-Vertretung in Frankfurt",
    /// "das Ministerium für Wirtschaft" and "das Ministerium für Wirtschaft M-V", or "the German Bundestag" and "the German
    /// Federal Parliament (Bundestag)" keep the name the release used first.
    /// </summary>
    private OrganizationHit? KnownOrganization(string name, string? alias)
    {
        foreach (var known in documentOrganizations)
            if (name.StartsWith(known.Name + " ", StringComparison.Ordinal) || known.Name.StartsWith(name + " ", StringComparison.Ordinal)
                || alias is not null && known.Name.Split(' ').Contains(alias, StringComparer.Ordinal)) return known;
        return null;
    }

    private static readonly HashSet<string> TitleCaseSmallWords = ["in", "with", "to", "for", "and", "on", "at", "of", "the", "a", "from"];

    /// <summary>
    /// An English headline in title case, where capitals mark no name: every word of four letters or more capitalized
    /// ("Governor Welcomes Consul General"), or most words with small words too ("Governor Meets Delegation From Kyoto").
    /// </summary>
    private static bool IsTitleCase(IReadOnlyList<Token> t)
    {
        int words = 0, capitalized = 0, smallCapitalized = 0, long_ = 0, longCapitalized = 0;
        for (var k = 0; k < t.Count; k++)
        {
            if (!t[k].IsWord) continue;
            words++;
            if (t[k].Text.Length >= 4) long_++;
            if (!t[k].IsCapitalized) continue;
            capitalized++;
            if (t[k].Text.Length >= 4) longCapitalized++;
            if (k > 0 && TitleCaseSmallWords.Contains(t[k].Folded)) smallCapitalized++;
        }
        return long_ >= 4 && longCapitalized == long_ || words >= 3 && smallCapitalized > 0 && capitalized * 5 >= words * 4;
    }

    /// <summary>"Musterwerke GmbH", "Acme Robotics, Inc.", "Verein der Freunde e.V.": the capitalized words before a legal form.</summary>
    private void LegalFormName(ClauseMentions m, IReadOnlyList<Token> t, int h, OrganizationHead form)
    {
        var end = h;
        if (end + 1 < t.Count && t[end + 1].Text == "." && form.Head.EndsWith('.') && t[end + 1].Start == t[end].End) end++;
        var k = h - 1;
        if (k >= 0 && t[k].Text == ",") k--;
        var first = k + 1;
        while (k >= 0 && h - k <= 5 && !m.InPhrase.Contains(k) && (t[k].IsWord && t[k].IsCapitalized && !NotNames.Contains(t[k].Folded) && gazetteer.Offices.Match(t, k).Length == 0 || t[k].Text == "&" && k > 0 && t[k - 1].IsCapitalized))
            first = k--;
        if (first > h - 1 || !t[first].IsWord) return;
        var name = Join(t, first, end, []);
        for (var x = first; x <= end; x++) m.InPhrase.Add(x);
        m.Organizations.Add(new OrganizationHit("named", name, form.Kind, null, first, end));
    }

    private static PlaceHit? PlaceStartingAt(ClauseMentions m, int k) => m.PlaceAt(k) is { } p && p.First == k ? p : null;

    /// <summary>
    /// A German noun phrase after "für"/"zur" or a genitive article, as an organization's complement: "für Wirtschaft, Arbeit
    /// und Gesundheit", "für europäische und internationale Angelegenheiten", "der Deutschsprachigen Gemeinschaft Belgien",
    /// "des Landes M-V". Returns the index after it, or <paramref name="k"/> when there is none. Ends on a noun.
    /// </summary>
    private int GermanNounPhrase(ClauseMentions m, IReadOnlyList<Token> t, int k, bool list)
    {
        var end = k;
        var i = k;
        while (i < t.Count && i - k < 10)
        {
            var tok = t[i];
            if (PlaceStartingAt(m, i) is { } place) { i = end = place.Last + 1; continue; }
            if (tok.IsWord && tok.IsCapitalized && !m.InPhrase.Contains(i) && !Dates.IsMonth(tok) && gazetteer.Offices.Match(t, i).Length == 0 && names.At(t, i) is null)
            {
                // after a noun of a genitive only a place or an abbreviation follows: "der Woiwodschaft Niederschlesien", "des Landes M-V"
                if (!list && end > k && !tok.IsAllCaps && AdjectiveStem(tok) is null) break;
                i++;
                // "Bayerische Gedenkstätten": an adjective before a noun; "Arbeit und Soziales": a noun
                if (AdjectiveStem(tok) is null || tok.IsAllCaps || i >= t.Count || !(t[i].IsWord && t[i].IsCapitalized)) end = i;
                continue;
            }
            // a lowercase adjective: "für europäische und internationale Angelegenheiten"
            if (tok.IsWord && !tok.IsCapitalized && AdjectiveStem(tok) is not null && i + 1 < t.Count) { i++; continue; }
            if (!list) break;
            // "für Wirtschaft, Arbeit und Gesundheit", "Presse- und Informationsamt"
            if (end == i && i + 1 < t.Count && (tok.Text == "," && t[i + 1].IsCapitalized && ListContinues(t, i + 2) || tok.Folded is "und" or "sowie" && (t[i + 1].IsCapitalized || AdjectiveStem(t[i + 1]) is not null))) { i++; continue; }
            break;
        }
        return end;
    }

    private static bool ListContinues(IReadOnlyList<Token> t, int i) => i < t.Count && (t[i].Text == "," || t[i].Folded is "und" or "sowie");

    /// <summary>"of Foreign Affairs", "of the German Federal Republic", "for Water Sensitive Cities", "of Commerce and Industry", "of the Premier".</summary>
    private int EnglishComplement(ClauseMentions m, IReadOnlyList<Token> t, int k)
    {
        var i = k;
        if (i < t.Count && t[i].Folded == "the") i++;
        var end = k;
        while (i < t.Count && i - k < 9)
        {
            var tok = t[i];
            if (PlaceStartingAt(m, i) is { } place) { i = end = place.Last + 1; continue; }
            if (tok.IsWord && tok.IsCapitalized && !m.InPhrase.Contains(i) && !Dates.IsMonth(tok) && names.At(t, i) is null)
            {
                // "Office of the Premier" names an office; "Speaker of the House Dr Smith" stops before the person
                if (gazetteer.Offices.Match(t, i).Length > 0 && (end > k || i + 1 < t.Count && t[i + 1].IsCapitalized)) break;
                if (tok.Folded.EndsWith(" s", StringComparison.Ordinal)) break;
                end = ++i;
                continue;
            }
            // "of Commerce and Industry", but not "the University of Tokyo and Kyoto University"
            if (end == i && tok.Folded is "and" or "&" or "of" or "for" && i + 1 < t.Count && t[i + 1].IsCapitalized && EnglishChainedHead(m, t, i + 1) == i + 1 && HeadAt(t[i + 1]) is null) { i++; continue; }
            break;
        }
        return end;
    }

    /// <summary>"Southeast University-Monash University Joint Centre": up to three capitalized words and another head continue one name.</summary>
    private int EnglishChainedHead(ClauseMentions m, IReadOnlyList<Token> t, int k)
    {
        for (var i = k; i < t.Count && i - k < 3; i++)
        {
            if (!t[i].IsWord || !t[i].IsCapitalized || m.InPhrase.Contains(i) || NotNames.Contains(t[i].Folded) || gazetteer.Offices.Match(t, i).Length > 0) return k;
            if (HeadAt(t[i]) is { Head: { IsLegalForm: false } h } && (h.Language == "en" || h.Language == "*")) return i + 1;
        }
        return k;
    }

    /// <summary>The words from <paramref name="first"/> to <paramref name="last"/> as the text spaces them, some replaced by their base form.</summary>
    private static string Join(IReadOnlyList<Token> t, int first, int last, Dictionary<int, string> words)
    {
        var sb = new System.Text.StringBuilder();
        for (var k = first; k <= last; k++)
        {
            if (k > first && t[k].Start > t[k - 1].End) sb.Append(' ');
            sb.Append(words.TryGetValue(k, out var w) ? w : t[k].Text);
        }
        return sb.ToString();
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
