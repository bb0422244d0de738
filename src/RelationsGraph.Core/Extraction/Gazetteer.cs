using System.Reflection;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>A place of the gazetteer: id is the ISO 3166 code where one exists.</summary>
public sealed record PlaceEntry(string Id, PlaceKind Kind, string? ParentId, string NameDe, string NameEn, IReadOnlyList<string> Aliases)
{
    /// <summary>The name in a language, without a qualifier in brackets ("Shanghai (regierungsunmittelbare Stadt)" → "Shanghai").</summary>
    public string Name(string language)
    {
        var name = language == "en" ? NameEn : NameDe;
        var bracket = name.IndexOf(" (", StringComparison.Ordinal);
        return bracket > 0 ? name[..bracket] : name;
    }
}

/// <summary>
/// An office title of Lexicon/offices.tsv. TakesPortfolio: the title continues with "für ..." / "for ..." ("Minister
/// für Wirtschaft"); LowerCase: English may write it in lower case before its holder ("the consul general, Mr. Ito").
/// </summary>
internal sealed record OfficeForm(string Role, string Language, string Title, string Scope, bool TakesPortfolio = false, bool LowerCase = false);

internal sealed record InstitutionForm(string Key, string Language, char Gender, OrganizationKind Kind, string Scope, string Name);

/// <summary>A head noun or legal form of organization names (Lexicon/organization-heads.tsv); Key is its folded form.</summary>
internal sealed record OrganizationHead(string Key, string Head, string Language, OrganizationKind Kind, char Gender, bool Compound, bool IsLegalForm, bool Alone, bool Weak);

internal sealed record Adjective(string PlaceId, bool IsDemonym, string Language);

/// <summary>
/// Places (countries, subdivisions, cities), their adjectives and demonyms, office titles and
/// institutions, loaded from the data files under Extraction/Gazetteers and Extraction/Lexicon.
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, PlaceEntry> places = new(StringComparer.OrdinalIgnoreCase);
    internal PhraseMatcher<PlaceEntry> PlaceNames { get; } = new();
    internal PhraseMatcher<Adjective> Adjectives { get; } = new();
    internal PhraseMatcher<OfficeForm> Offices { get; } = new();
    internal PhraseMatcher<InstitutionForm> Institutions { get; } = new();
    private readonly Dictionary<(string PlaceId, string Language), string> adjectiveStems = [];

    /// <summary>Kind words written before a place's name ("Präfektur Iwate", "Province of Ontario"), folded.</summary>
    internal Dictionary<string, PlaceKind> KindWordsBefore { get; } = new(StringComparer.Ordinal);

    /// <summary>Kind words written after a place's name and part of its mention ("Iwate Prefecture", "Hsinchu County"), folded.</summary>
    internal Dictionary<string, PlaceKind> KindWordsAfter { get; } = new(StringComparer.Ordinal);
    /// <summary>Organization heads by their folded form.</summary>
    internal Dictionary<string, List<OrganizationHead>> OrganizationHeads { get; } = new(StringComparer.Ordinal);

    /// <summary>Heads that also end a compound ("Wirtschaftsministerium"), by their last three letters, longest first so that the longest one wins.</summary>
    internal Dictionary<string, List<OrganizationHead>> CompoundOrganizationHeads { get; } = new(StringComparer.Ordinal);

    private static readonly Lazy<Gazetteer> Default = new(() => Load());

    /// <summary>The gazetteer built into the assembly.</summary>
    public static Gazetteer Shared => Default.Value;

    public IEnumerable<PlaceEntry> Places => places.Values;

    public PlaceEntry? Find(string id) => places.GetValueOrDefault(id);

    /// <summary>The place itself and every place it is part of, nearest first.</summary>
    public IEnumerable<string> SelfAndAncestors(string id)
    {
        var seen = new HashSet<string>();
        for (var p = Find(id); p is not null && seen.Add(p.Id); p = p.ParentId is null ? null : Find(p.ParentId))
            yield return p.Id;
    }

    public bool IsWithin(string id, string ancestorId) => SelfAndAncestors(id).Contains(ancestorId, StringComparer.OrdinalIgnoreCase);

    public string? CountryOf(string id) => SelfAndAncestors(id).LastOrDefault();

    /// <summary>
    /// A place's name without the kind word written before or after it, and that kind: "Province of Ontario" →
    /// (Ontario, Province), "Heilongjiang Province" → (Heilongjiang, Province), "Woiwodschaft Niederschlesien" →
    /// (Niederschlesien, Province); null when the name has none. For refs, which name places as people write them.
    /// </summary>
    public (string Name, PlaceKind Kind)? WithoutKindWord(string name)
    {
        var words = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "der Freistaat Sachsen", "the Free State of Saxony": an article before the kind word
        if (words.Length > 2 && Fold(words[0]) is "der" or "die" or "das" or "the") words = words[1..];
        if (words.Length < 2) return null;
        // a kind of two words ("Free State") before one of one word
        var kindWords = words.Length > 2 && KindWordsBefore.ContainsKey(Fold(words[0] + " " + words[1])) ? 2 : 1;
        if (KindWordsBefore.TryGetValue(Fold(string.Join(' ', words[..kindWords])), out var before))
        {
            var rest = words.Skip(kindWords + (words.Length > kindWords && Fold(words[kindWords]) == "of" ? 1 : 0)).ToArray();
            return rest.Length > 0 ? (string.Join(' ', rest), before) : null;
        }
        return KindWordsAfter.TryGetValue(Fold(words[^1]), out var after) ? (string.Join(' ', words[..^1]), after) : null;
    }

    /// <summary>A Land that is a city (Berlin, Hamburg, Bremen): the gazetteer names it "Stadt X" too and keeps no city beside it.</summary>
    public bool IsCityState(string id) => Find(id) is { Kind: PlaceKind.State } p && p.Aliases.Contains("Stadt " + p.NameDe, StringComparer.Ordinal);

    /// <summary>The German adjective stem of a place ("japanisch"), for names such as "Japanisches Parlament".</summary>
    internal string? AdjectiveStem(string placeId, string language) => adjectiveStems.GetValueOrDefault((placeId, language));

    private static Gazetteer Load()
    {
        var g = new Gazetteer();
        foreach (var row in Rows("Gazetteers.places.tsv"))
        {
            if (row.Length < 5 || !Enum.TryParse<PlaceKind>(row[1], true, out var kind)) continue;
            var aliases = row.Length > 5 ? row[5].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            var entry = new PlaceEntry(row[0], kind, row[2].Length == 0 ? null : row[2], row[3], row[4], aliases);
            g.places[entry.Id] = entry;
            foreach (var name in new[] { entry.NameDe, entry.NameEn }.Concat(aliases).Where(n => n.Length > 1))
                g.PlaceNames.Add(name, entry);
        }
        foreach (var row in Rows("Gazetteers.demonyms.tsv"))
        {
            if (row.Length < 4) continue;
            var (id, lang, isDemonym, form) = (row[0], row[1], row[2] == "demonym", row[3]);
            foreach (var f in Inflections(form, lang, isDemonym)) g.Adjectives.Add(f, new Adjective(id, isDemonym, lang));
            if (!isDemonym) g.adjectiveStems.TryAdd((id, lang), form);
        }
        foreach (var row in Rows("Lexicon.place-kinds.tsv"))
        {
            if (row.Length < 4 || row[0] == "lang") continue;
            if (!Enum.TryParse<PlaceKind>(row[2], true, out var kind))
                throw new InvalidOperationException($"Lexicon place-kinds.tsv: '{row[1]}' has kind '{row[2]}'; use one of {string.Join(", ", Enum.GetNames<PlaceKind>())}.");
            var word = Fold(row[1]);
            if (row[3] is "before" or "both") g.KindWordsBefore[word] = kind;
            if (row[3] is "after" or "both") g.KindWordsAfter[word] = kind;
        }
        foreach (var row in Rows("Lexicon.offices.tsv"))
        {
            if (row.Length < 5) continue;
            var takes = row.Length > 5 ? row[5] : "";
            var form = new OfficeForm(row[0], row[1], row[2], row[3], takes.Contains("portfolio", StringComparison.Ordinal), takes.Contains("lower", StringComparison.Ordinal));
            foreach (var f in row[4].Split('|', StringSplitOptions.RemoveEmptyEntries)) g.Offices.Add(f, form);
        }
        foreach (var row in Rows("Lexicon.organizations.tsv"))
        {
            if (row.Length < 7) continue;
            var form = new InstitutionForm(row[0], row[1], row[2][0], Enum.Parse<OrganizationKind>(row[3], true), row[4], row[5]);
            foreach (var f in row[6].Split('|', StringSplitOptions.RemoveEmptyEntries)) g.Institutions.Add(f, form);
        }
        foreach (var row in Rows("Lexicon.organization-heads.tsv"))
        {
            if (row.Length < 7) continue;
            var head = new OrganizationHead(Fold(row[0]), row[0], row[1], Enum.Parse<OrganizationKind>(row[2], true), row[3][0], row[4] == "yes", row[5] == "legal", row[6] == "yes", row[6] == "weak");
            if (!g.OrganizationHeads.TryGetValue(head.Key, out var list)) g.OrganizationHeads[head.Key] = list = [];
            list.Add(head);
            if (!head.Compound) continue;
            if (!g.CompoundOrganizationHeads.TryGetValue(head.Key[^3..], out var bySuffix)) g.CompoundOrganizationHeads[head.Key[^3..]] = bySuffix = [];
            bySuffix.Add(head);
        }
        foreach (var bySuffix in g.CompoundOrganizationHeads.Values) bySuffix.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        return g;
    }

    private static IEnumerable<string> Inflections(string form, string lang, bool demonym)
    {
        yield return form;
        if (lang == "de" && !demonym)
            foreach (var e in new[] { "e", "en", "er", "es", "em" }) yield return form + e;
        else if (lang == "de" && demonym)
        {
            if (form.EndsWith("in", StringComparison.Ordinal)) yield return form + "nen";
            else foreach (var e in new[] { "n", "s", "in", "innen" }) yield return form + e;
        }
        else if (lang == "en" && demonym && !form.EndsWith("ese", StringComparison.Ordinal) && !form.EndsWith('s')) yield return form + "s";
    }

    internal static IEnumerable<string[]> Rows(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The data file '{resource}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header) { header = false; if (line.StartsWith("id\t", StringComparison.Ordinal) || line.StartsWith("place_id\t", StringComparison.Ordinal) || line.StartsWith("role\t", StringComparison.Ordinal) || line.StartsWith("key\t", StringComparison.Ordinal) || line.StartsWith("head\t", StringComparison.Ordinal)) continue; }
            yield return line.Split('\t').Select(c => c.Trim()).ToArray();
        }
    }

    internal static string Fold(string s) => TextFold.Fold(s);
}
