using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

// Persons: one name per person in the document, offices named with or without their holder.
internal sealed partial class DocumentContext
{
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
        // "KATO Kikuko" is Kikuko Kato: one canonical form, the document's form an alias
        foreach (var (last, full) in personByLastName.ToList()) personByLastName[last] = Canonical(full);
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
        MergeUnplacedOffices();
    }

    /// <summary>
    /// "LH Brucker" and "Landeshauptmann von Tirol Anton Brucker", "Vizepräsidentin Lorenz" and
    /// "Bundesratsvizepräsidentin Lorenz": an office of a person without a jurisdiction is the same as one of
    /// the same role that has one, or, when its title is one word, as one whose title is a compound ending in it.
    /// </summary>
    private void MergeUnplacedOffices()
    {
        foreach (var (_, p) in persons)
        {
            var unplaced = p.Offices.Where(o => o.Value.JurisdictionId is null).ToList();
            foreach (var (id, office) in unplaced)
            {
                var head = TextFold.Fold(office.Title.Split(' ')[0]);
                if (p.Offices.Values.Any(o => o != office && (o.JurisdictionId is not null && o.Role == office.Role
                        || head.Length > 5 && !office.Title.Contains(' ') && TextFold.Fold(o.Title.Split(' ')[0]) is var other && other.Length > head.Length && other.EndsWith(head, StringComparison.Ordinal))))
                    p.Offices.Remove(id);
            }
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

    /// <summary>
    /// A name written family name first in capitals ("KATO Kikuko", "CHOI Yoon-hee", "JONG Bum Goo") as people
    /// are named elsewhere: given names first, the family name in normal capitals ("Kikuko Kato"); so a family
    /// name in capitals after the given name ("Jean-Luc MARCHAND" → "Jean-Luc Marchand").
    /// Other names are returned as they are.
    /// </summary>
    internal static string Canonical(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return name;
        // "Jean-Luc MARCHAND": the family name in capitals last
        if (!IsCapitals(words[0]) && IsCapitals(words[^1])) return string.Join(' ', words[..^1].Append(NormalCapitals(words[^1])));
        if (!IsCapitals(words[0]) || IsCapitals(words[^1])) return name;
        return string.Join(' ', words.Skip(1).Append(NormalCapitals(words[0])));
    }

    private static bool IsCapitals(string word) => word.Length > 1 && word.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));

    /// <summary>"KATO" → "Kato", "OH-KIM" → "Oh-Kim".</summary>
    private static string NormalCapitals(string word) =>
        string.Join('-', word.Split('-').Select(part => part.Length == 0 ? part : part[0] + part[1..].ToLowerInvariant()));

    private string? PersonId(PersonHit hit) =>
        personByLastName.TryGetValue(LastName(hit.Name), out var full) ? GraphIds.Person(full) : null;


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

    /// <summary>
    /// "empfing den Generalkonsul von Japan": an office in the clause that nobody in the release is named
    /// holding, with a known jurisdiction. It takes part as the office; the write path finds its holder.
    /// </summary>
    private List<string> UnnamedOffices(ClauseMentions c, FuzzyDate? date)
    {
        var ids = new List<string>();
        foreach (var o in c.Offices.Where(o => o.JurisdictionId is not null && !c.Persons.Any(p => p.Office == o)))
        {
            if (persons.Values.Any(p => p.Offices.Values.Any(x => x.Role == o.Form.Role))) continue;
            var id = GraphIds.Office(o.Form.Role, o.JurisdictionId, o.SeatId);
            unnamedOffices.TryAdd(id, new ExtractedOffice(id, o.Form.Role, o.Title, o.JurisdictionId, o.SeatId, date,
                new TextRange(c.Tokens[o.First].Start, c.Tokens[o.Last].End)));
            ids.Add(id);
        }
        return ids;
    }

    private readonly Dictionary<string, ExtractedOffice> unnamedOffices = new(StringComparer.Ordinal);
}
