namespace RelationsGraph.Extraction;

/// <summary>What an honorific does next to a name: see Lexicon/honorifics.tsv.</summary>
internal enum HonorificKind { Address, Academic, Style }

/// <summary>
/// The words around and inside people's names, loaded from Lexicon/honorifics.tsv and
/// Lexicon/name-words.tsv: honorifics and degrees (never part of a name), words that are never
/// names, and the particles names contain.
/// </summary>
internal sealed class NameLexicon
{
    private readonly Dictionary<string, List<(string[] Words, HonorificKind Kind)>> honorifics = new(StringComparer.Ordinal);
    private readonly HashSet<string> notNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> honorificEnds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> particles = new(StringComparer.Ordinal);

    private static readonly Lazy<NameLexicon> Default = new(Load);

    public static NameLexicon Shared => Default.Value;

    /// <summary>Folded words that are never a word of a name, honorifics of one word included.</summary>
    public IReadOnlySet<string> NotNames => notNames;

    /// <summary>A folded word that ends an honorific ("mag", "s e", "ing"): a period after it ends no sentence.</summary>
    public bool EndsHonorific(string folded) => honorificEnds.Contains(folded);

    /// <summary>A particle written in lower case inside a name ("von", "van der"), where the word before allows it.</summary>
    public bool IsParticle(Token token, Token? before) =>
        char.IsLower(token.Text[0]) && particles.TryGetValue(token.Folded, out var after)
        && (after.Length == 0 || before is not null && after.Contains(before.Folded));

    /// <summary>
    /// The honorific starting at token <paramref name="i"/> ("Dr.", "S.E.", "Seine Exzellenz", "Dipl.-Ing."):
    /// how many tokens it spans with its dots, and its kind; null when none starts there.
    /// </summary>
    public (int Length, HonorificKind Kind)? At(IReadOnlyList<Token> t, int i)
    {
        if (i >= t.Count || !t[i].IsWord || !honorifics.TryGetValue(t[i].Folded, out var list)) return null;
        (int, HonorificKind)? best = null;
        foreach (var (words, kind) in list)
        {
            // "Herr" and "Dr" as honorifics are written capitalized; "h.c." is not
            if (char.IsLower(t[i].Text[0]) && words[0].Length > 1 && !words[0].Contains(' ')) continue;
            var k = i + 1;
            var ok = true;
            for (var w = 1; w < words.Length && ok; w++)
            {
                while (k < t.Count && t[k].Text is "." or "-") k++;
                ok = k < t.Count && t[k].Folded == words[w];
                k++;
            }
            if (!ok) continue;
            if (k < t.Count && t[k].Text == ".") k++;
            if (best is null || k - i > best.Value.Item1) best = (k - i, kind);
        }
        return best;
    }

    private static NameLexicon Load()
    {
        var lexicon = new NameLexicon();
        foreach (var row in Gazetteer.Rows("Lexicon.honorifics.tsv"))
        {
            if (row.Length < 3 || !Enum.TryParse<HonorificKind>(row[2], true, out var kind)) continue;
            // the folded words of the form, its dots and hyphens dropped: "Dipl.-Ing." → dipl, ing; "S.E." → "s e"
            var words = Tokenizer.Tokenize(row[0], 0, row[0].Length).Where(x => x.IsWord).Select(x => x.Folded).ToArray();
            if (words.Length == 0) continue;
            if (!lexicon.honorifics.TryGetValue(words[0], out var list)) lexicon.honorifics[words[0]] = list = [];
            list.Add((words, kind));
            if (words.Length == 1) lexicon.notNames.Add(words[0]);
            lexicon.honorificEnds.Add(words[^1]);
        }
        foreach (var row in Gazetteer.Rows("Lexicon.name-words.tsv"))
        {
            if (row.Length < 3) continue;
            var word = Gazetteer.Fold(row[2]);
            if (row[0] == "not-name") lexicon.notNames.Add(word);
            else if (row[0] == "particle") lexicon.particles[word] = row.Length > 3 ? row[3].Split('|', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        return lexicon;
    }
}
