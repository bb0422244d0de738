using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Persons: names after, before and beside titles and honorifics.
internal sealed partial class Recognizer
{
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
            // a place or an organization may be part of the title ("Präsidentin des Regionalrats Bourgogne-Franche-Comté, Hélène Marchal")
            if (!t[k].IsWord || !(t[k].IsCapitalized || TitleSmallWords.Contains(t[k].Folded)) || m.InPhrase.Contains(k) && m.PlaceAt(k) is null && !m.Organizations.Any(o => o.First <= k && k <= o.Last)) return null;
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
}
