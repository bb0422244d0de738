using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Persons: names after, before and beside titles and honorifics.
internal sealed partial class Recognizer
{
    // ---------------------------------------------------------------- persons

    private void FindPersons(ClauseMentions m, IReadOnlyList<Token> t)
    {
        // "Provincial Governor, Party Secretary Meet Again In Spring": in a title-case headline every
        // word after a title looks like a name, so no name is read there; the body names the people again
        var headline = language == "en" && m.Clause.InHeading && IsTitleCase(t);
        for (var oi = 0; oi < m.Offices.Count; oi++)
        {
            var office = m.Offices[oi];
            // "Ministerpräsident Armin Laschet", "Generalkonsul Iwama", "Generalkonsul Dr. Weber"; not "Herr
            // Generalkonsul besuchte Herrn Schmidt": a form of address after a title opens another noun phrase
            var j = office.TitleLast + 1;
            if (!headline && (office.Last == office.TitleLast || !IsNameToken(m, t, j)))
            {
                // after a stated jurisdiction one capitalized word is rather the rest of a name ("Geschäftsführer von Sachsen Digital")
                var (n, end) = NameAt(m, t, office.Last + 1, minTokens: office.Last == office.TitleLast ? 1 : 2, afterTitle: true);
                if (n is not null && (end + 1 >= t.Count || !IsNameToken(m, t, end + 1)))
                {
                    m.Persons.Add(new PersonHit(n, office.Last + 1, end, JurisdictionAfterName(m, t, oi, end)));
                    continue;
                }
            }
            else if (!headline)
            {
                var (n, end) = NameAt(m, t, j, minTokens: 1, afterTitle: true);
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
            // "dem Premierminister der Provinz, Sizwe Mgudlwa": title words and small words up to the comma;
            // without the comma after a genitive: "Protokollchef der Landesregierung Ina Berg"
            var tail = TitleTail(m, t, office.Last + 1);
            var tailName = tail is { } comma ? NameAt(m, t, comma + 1, minTokens: 2) : (null, 0);
            if (tail is null && GenitiveTail(m, t, office.Last + 1) is var (titleEnd, nameStart))
            {
                tail = titleEnd;
                tailName = NameAt(m, t, nameStart, minTokens: 2);
            }
            if (tail is { } tailLast && tailName is ({ } tailText, var tailEnd)
                && (tailEnd + 1 >= t.Count || t[tailEnd + 1].Text is "," or "." or ";" or ")" || !t[tailEnd + 1].IsCapitalized))
            {
                // the title runs up to the comma, or up to the genitive's last word
                var words = t[tailLast].Text == "," ? tailLast : tailLast + 1;
                // a place after "in" is the seat ("General Delegate in Munich"), not the jurisdiction
                var place = Enumerable.Range(office.Last + 1, words - office.Last - 1).Where(x => t[x - 1].Folded is not ("in" or "at"))
                    .Select(m.PlaceAt).OfType<PlaceHit>().LastOrDefault();
                var extended = office with
                {
                    Last = words - 1,
                    Title = office.Title + " " + string.Join(" ", t.Skip(office.Last + 1).Take(words - office.Last - 1).Select(x => x.Text)),
                    JurisdictionId = office.Explicit ? office.JurisdictionId : (place is null ? office.JurisdictionId : Choose(place)?.Id ?? office.JurisdictionId),
                    Explicit = office.Explicit || place is not null,
                };
                for (var x = office.Last + 1; x < words; x++) m.InPhrase.Add(x);
                m.Offices[oi] = extended;
                m.Persons.Add(new PersonHit(tailText, words + (t[tailLast].Text == "," ? 1 : 0), tailEnd, extended));
                continue;
            }
            // appositive before: "Masao Uchibori, Gouverneur der Präfektur Fukushima"
            var b = office.First - 1;
            // "Dr. Birgit Hollenstein, the new Consul General", "Kenji Matsumoto, der neue Bürgermeister"
            while (b >= 0 && !t[b].IsCapitalized && t[b].IsWord && t[b].Folded is "new" or "neue" or "neuen" or "neuer" or "current" or "amtierende" or "designierte" or "former" or "ehemalige") b--;
            // "Herrn Jan Roth, dem Hauptgeschäftsführer der Kammer"
            if (b >= 0 && t[b].Folded is "der" or "die" or "the" or "dem" or "den") b--;
            if (b >= 1 && t[b].Text == ",")
            {
                var start = b - 1;
                while (start - 1 >= 0 && IsNameToken(m, t, start - 1) && b - start < 4) start--;
                var (n, end) = NameAt(m, t, start, minTokens: 2);
                if (n is not null && end == b - 1 && (start == 0 || !IsNameToken(m, t, start - 1)))
                    m.Persons.Add(new PersonHit(n, start, end, office));
            }
        }
        // "Herr Yamada", "Mr Smith", "Frau Dr. Weber", "Dr. Ines Weber", "S.E. Park Joon Ho": a form of address
        // before one name word, a degree or style before two
        for (var i = 0; i + 1 < t.Count; i++)
        {
            if (names.At(t, i) is not { } honorific) continue;
            var start = i + honorific.Length;
            while (names.At(t, start) is { } more) start += more.Length;
            var (n, end) = NameAt(m, t, start, minTokens: honorific.Kind == HonorificKind.Address ? 1 : 2);
            if (n is null || m.Persons.Any(p => p.First <= end && p.Last >= start)) continue;
            if (end + 1 < t.Count && IsNameToken(m, t, end + 1)) continue;
            m.Persons.Add(new PersonHit(n, start, end, null));
            i = end;
        }
        // a title in lower case is an office only with its holder ("the mayor said" names nobody)
        m.Offices.RemoveAll(o => !t[o.TitleLast].IsCapitalized && !m.Persons.Any(p => p.Office == o));
        // a place read as a given name is no place
        m.Places.RemoveAll(p => m.Persons.Any(h => h.First <= p.First && p.Last <= h.Last));
    }

    /// <summary>"Governor Toshiro Tanaka of Hyogo", "Mayor Ana Ruiz of Valencia": the jurisdiction after the holder's name.</summary>
    private OfficeHit JurisdictionAfterName(ClauseMentions m, IReadOnlyList<Token> t, int oi, int nameEnd)
    {
        var office = m.Offices[oi];
        if (office.Explicit || nameEnd + 2 >= t.Count || t[nameEnd + 1].Folded != "of") return office;
        var (place, placeLast) = JurisdictionAfter(m, t, nameEnd + 1);
        if (place is null) return office;
        for (var x = nameEnd + 1; x <= placeLast; x++) m.InPhrase.Add(x);
        return m.Offices[oi] = office with { JurisdictionId = place.Id, Explicit = true, Title = $"{office.Title} of {place.Name(language)}" };
    }

    private static readonly HashSet<string> GenitiveStarts = ["der", "des", "beim", "of"];

    private static readonly HashSet<string> GenitiveSmallWords = ["der", "des", "of", "the", "und", "and", "fur", "for"];

    /// <summary>
    /// "der Hessischen Landesregierung Ina Berg", "des Königreichs Schweden Ute Lind", "beim Landtag Eva Roth",
    /// "of the House of Representatives Dr Ana Vella": a complement after a title (an article or "of", then
    /// capitalized words, adjectives and small words) and then the holder's name, which ends the phrase.
    /// The name is what follows an honorific in the run, else its last two words; the complement needs a
    /// noun of its own before the name. The complement's last token and the name's first, or null.
    /// </summary>
    private (int TitleEnd, int NameStart)? GenitiveTail(ClauseMentions m, IReadOnlyList<Token> t, int from)
    {
        if (from >= t.Count || !GenitiveStarts.Contains(t[from].Folded)) return null;
        var k = from + 1;
        while (k < t.Count && k < from + 10 && t[k].IsWord)
        {
            if (names.At(t, k) is not null)
                return k - 1 > from && t[k - 1].IsCapitalized ? (k - 1, k) : null;
            if (t[k].IsCapitalized || GenitiveSmallWords.Contains(t[k].Folded) || m.AdjectiveAt(k) is not null || IsAdjective(t, k)
                || names.IsParticle(t[k], t[k - 1]) && k + 1 < t.Count && t[k + 1].IsCapitalized) k++;
            else break;
        }
        // the run ends the phrase: punctuation, the end, or a lower-case word that is not a name particle
        if (k < t.Count && t[k].IsWord && (t[k].IsCapitalized || names.IsParticle(t[k], t[k - 1]))) return null;
        // the name: its last word, particles ("Peter von Hollweg"), one word before them
        var nameStart = k - 2;
        while (nameStart > from && names.IsParticle(t[nameStart], t[nameStart - 1])) nameStart--;
        if (nameStart < from + 2 || !IsNameToken(m, t, nameStart) || !IsNameToken(m, t, k - 1) || !t[nameStart - 1].IsCapitalized) return null;
        return (nameStart - 1, nameStart);
    }

    /// <summary>A German adjective before a noun ("europäische Angelegenheiten", "slowakischen Parlaments"): lower case, an adjective ending, no article ("einen").</summary>
    private bool IsAdjective(IReadOnlyList<Token> t, int k) =>
        language == "de" && !t[k].IsCapitalized && k + 1 < t.Count && t[k + 1].IsCapitalized && t[k].Text.Length > 3 && !NotNames.Contains(t[k].Folded)
        && (t[k].Folded.EndsWith('e') || t[k].Folded.EndsWith("en") || t[k].Folded.EndsWith("er") || t[k].Folded.EndsWith("es"));

    private static readonly HashSet<string> TitleSmallWords = ["of", "the", "and", "for", "in", "to", "at", "fur", "und", "der", "des", "die", "dem", "den", "von", "im", "zu", "zur", "zum", "bei", "de", "la"];

    /// <summary>The comma that ends a title's tail of capitalized and small words ("of Enterprises and Made in Italy,"), if it ends within a few words.</summary>
    private int? TitleTail(ClauseMentions m, IReadOnlyList<Token> t, int from)
    {
        for (var k = from; k < t.Count && k < from + 9; k++)
        {
            if (t[k].Text == ",") return k > from && t[k - 1].IsWord && t[k - 1].IsCapitalized ? k : null;
            // a place or an organization may be part of the title ("Präsidentin des Regionalrats Bourgogne-Franche-Comté, Hélène Marchal")
            if (!t[k].IsWord || !(t[k].IsCapitalized || TitleSmallWords.Contains(t[k].Folded) || m.AdjectiveAt(k) is not null || IsAdjective(t, k))
                || m.InPhrase.Contains(k) && m.PlaceAt(k) is null && m.AdjectiveAt(k) is null && !m.Organizations.Any(o => o.First <= k && k <= o.Last)) return null;
        }
        return null;
    }

    /// <summary>
    /// The name starting at token <paramref name="j"/>, after any honorifics ("Dr.", "S.E."; a form of address
    /// such as "Herrn" only where <paramref name="afterTitle"/> is false), with its particles ("Peter von Hollweg"),
    /// without a possessive ("Governor Tanaka's visit").
    /// </summary>
    private (string? Name, int End) NameAt(ClauseMentions m, IReadOnlyList<Token> t, int j, int minTokens, bool afterTitle = false)
    {
        while (names.At(t, j) is { } h && !(afterTitle && h.Kind == HonorificKind.Address)) j += h.Length;
        var words = new List<string>();
        var k = j;
        while (k < t.Count && words.Count < 5)
        {
            if (IsNameToken(m, t, k) || words.Count == 0 && IsGivenNamePlace(m, t, k) || words.Count == 1 && afterTitle && IsFamilyNamePlace(m, t, k))
            {
                var text = t[k].Text;
                k++;
                if (text.Length > 3 && (text.EndsWith("’s", StringComparison.Ordinal) || text.EndsWith("'s", StringComparison.Ordinal)))
                {
                    words.Add(text[..^2]);
                    break;
                }
                words.Add(text);
                continue;
            }
            // "von", "van der", "de la" between name words
            var p = k;
            while (words.Count > 0 && p < t.Count && names.IsParticle(t[p], t[p - 1])) p++;
            if (p > k && IsNameToken(m, t, p)) { words.AddRange(t.Skip(k).Take(p - k).Select(x => x.Text)); k = p; continue; }
            break;
        }
        var count = words.Count(w => char.IsUpper(w[0]));
        if (count < minTokens || count > 4) return (null, j);
        return (string.Join(" ", words), k - 1);
    }

    /// <summary>
    /// "Vize-Gouverneur Kazuo Kanazawa (l.)": after a title and a given name, a one-word city that no other name word
    /// follows is the family name (many family names are also places).
    /// </summary>
    private bool IsFamilyNamePlace(ClauseMentions m, IReadOnlyList<Token> t, int k) =>
        k < t.Count && m.PlaceAt(k) is { } p && p.First == k && p.Last == k && !t[k].IsAllCaps
        && p.Candidates.All(c => c.Kind == PlaceKind.City) && !IsNameToken(m, t, k + 1);

    private static readonly HashSet<string> PlacePrepositions = ["von", "vom", "aus", "in", "im", "nach", "bei", "fur", "und", "der", "des", "of", "from", "to", "at", "for", "and", "the"];

    /// <summary>
    /// "Präsident Milan Novak", ", Victoria Hale,": a one-word place where a name starts, before a name word and
    /// not after a preposition, is a given name.
    /// </summary>
    private bool IsGivenNamePlace(ClauseMentions m, IReadOnlyList<Token> t, int k) =>
        k < t.Count && m.PlaceAt(k) is { } p && p.First == k && p.Last == k && !t[k].IsAllCaps && IsNameToken(m, t, k + 1)
        && (k == 0 || !PlacePrepositions.Contains(t[k - 1].Folded));

    private bool IsNameToken(ClauseMentions m, IReadOnlyList<Token> t, int k)
    {
        if (k < 0 || k >= t.Count) return false;
        var tok = t[k];
        if (!tok.IsWord || !tok.IsCapitalized || tok.Text.Length < 2 || tok.Text.Contains('.')) return false;
        // an acronym is no name, but a family name in capitals before a given name is ("CHOI Yoon-hee")
        // ("PREMIER OPENS NEW BRIDGE" is a headline in capitals)
        // but a family name in capitals after a given name is one too ("Jean-Luc MARCHAND")
        if (tok.IsAllCaps && !(k + 1 < t.Count && t[k + 1].IsWord && t[k + 1].IsCapitalized && !t[k + 1].IsAllCaps)
            && !(tok.Text.Length > 2 && k > 0 && t[k - 1].IsWord && t[k - 1].IsCapitalized && !t[k - 1].IsAllCaps && t[k - 1].Text.Length > 1)) return false;
        // "Jan Roth", "Mai Lan": a month's name is a given name before a name, not after a day's number
        if (Dates.IsMonth(tok) && !(k + 1 < t.Count && t[k + 1].IsWord && t[k + 1].IsCapitalized && !Dates.IsMonth(t[k + 1]) && (k == 0 || !t[k - 1].IsNumber && t[k - 1].Text != "."))) return false;
        if (NotNames.Contains(tok.Folded) || names.At(t, k) is not null || m.PlaceAt(k) is not null || m.AdjectiveAt(k) is not null) return false;
        if (m.InPhrase.Contains(k)) return false;
        if (gazetteer.Offices.Match(t, k).Length > 0 || gazetteer.Institutions.Match(t, k).Length > 0) return false;
        return true;
    }
}
