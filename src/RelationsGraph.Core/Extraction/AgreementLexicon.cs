using System.Reflection;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>How a word takes part in naming an agreement (see Lexicon/agreements.tsv).</summary>
internal enum AgreementWordClass { Instrument, Declaration, Joint, Partnership, Relationship, Predicate, Partner, Cooperation, Anniversary, Wish, Not }

/// <summary>How an action word tells what happened to an agreement (see Lexicon/agreement-actions.tsv).</summary>
internal enum ActionUse { Done, Form, Noun, Infinitive, Zu, Plan, Start }

internal sealed record AgreementWord(AgreementWordClass Class, string Language, bool Suffix, string Form, bool Local, bool City);

internal sealed record ActionWord(AgreementStatus Status, string Language, ActionUse Use, string Form);

/// <summary>
/// The words of agreements and of what happens to them, loaded from Lexicon/agreements.tsv and
/// Lexicon/agreement-actions.tsv. The code that relates agreements asks this class what a token is;
/// it knows no word itself.
/// </summary>
internal static class AgreementLexicon
{
    private sealed record Tables(Dictionary<string, List<AgreementWord>> Exact, List<(string Full, AgreementWord Word)> Suffixes, Dictionary<string, List<ActionWord>> Actions, HashSet<string> FirstWords);

    private static readonly Lazy<Tables> Data = new(Load);

    // plural, genitive and dative endings a head noun takes ("Abkommens", "Partnerstädten", "agreements")
    private static readonly string[] Endings = ["", "s", "e", "n", "en", "es"];

    /// <summary>The class of the word (or two-word phrase) at <paramref name="i"/>, and its last token; null when it names no agreement.</summary>
    public static (AgreementWord Word, int Last)? At(IReadOnlyList<Token> t, int i, string language)
    {
        if (!t[i].IsWord) return null;
        // the longer form wins: "sister city relationship" over "sister city" (phrases are looked up only from a word that begins one)
        var phrase = Data.Value.FirstWords.Contains(t[i].Folded);
        if (phrase && i + 2 < t.Count && t[i + 1].IsWord && t[i + 2].IsWord && Find(t[i].Folded + " " + t[i + 1].Folded + " " + t[i + 2].Folded, language, compound: false) is { } three) return three.Class == AgreementWordClass.Not ? null : (three, i + 2);
        if (phrase && i + 1 < t.Count && t[i + 1].IsWord && Find(t[i].Folded + " " + t[i + 1].Folded, language, compound: false) is { } two) return two.Class == AgreementWordClass.Not ? null : (two, i + 1);
        return Find(t[i].Folded, language, compound: true) is { } one && one.Class != AgreementWordClass.Not ? (one, i) : null;
    }

    // a suffix names the head of one compound word ("Partnerschafts|abkommen", "Working-Holiday-Abkommen"), never the last of several words
    private static AgreementWord? Find(string folded, string language, bool compound)
    {
        AgreementWord? found = null;
        if (Data.Value.Exact.TryGetValue(folded, out var exact))
            foreach (var w in exact)
                if (w.Language == language || w.Language == "*")
                {
                    // "Arbeitsvertrag" is no treaty: an exclusion wins over any head it ends like
                    if (w.Class == AgreementWordClass.Not) return w;
                    found ??= w;
                }
        foreach (var (full, w) in Data.Value.Suffixes)
            if (compound && (w.Language == language || w.Language == "*") && folded.Length > full.Length && folded.EndsWith(full, StringComparison.Ordinal))
            {
                if (w.Class == AgreementWordClass.Not) return w;
                found ??= w;
            }
        return found;
    }

    /// <summary>The action words a folded token is, in a language.</summary>
    public static IEnumerable<ActionWord> Actions(string folded, string language) =>
        Data.Value.Actions.TryGetValue(folded, out var list) ? list.Where(a => a.Language == language || a.Language == "*") : [];

    /// <summary>Whether the folded token is one of the class's words ("gemeinsame" for <see cref="AgreementWordClass.Joint"/>).</summary>
    public static bool Is(string folded, AgreementWordClass cls, string language) =>
        Data.Value.Exact.TryGetValue(folded, out var list) && list.Any(w => w.Class == cls && (w.Language == language || w.Language == "*"));

    private static Tables Load()
    {
        var exact = new Dictionary<string, List<AgreementWord>>(StringComparer.Ordinal);
        var suffixes = new List<(string, AgreementWord)>();
        foreach (var row in Gazetteer.Rows("Lexicon.agreements.tsv"))
        {
            if (row.Length < 4 || !Enum.TryParse<AgreementWordClass>(row[0], true, out var cls)) continue;
            var word = new AgreementWord(cls, row[1], row[2] == "suffix", row[3], row.Length > 4 && row[4] is "local" or "city", row.Length > 4 && row[4] == "city");
            foreach (var e in Endings)
            {
                if (!exact.TryGetValue(word.Form + e, out var list)) exact[word.Form + e] = list = [];
                list.Add(word);
                if (word.Suffix) suffixes.Add((word.Form + e, word));
            }
        }
        var actions = new Dictionary<string, List<ActionWord>>(StringComparer.Ordinal);
        foreach (var row in Gazetteer.Rows("Lexicon.agreement-actions.tsv"))
        {
            if (row.Length < 4 || !Enum.TryParse<AgreementStatus>(row[0], true, out var status) || !Enum.TryParse<ActionUse>(row[2], true, out var use)) continue;
            if (!actions.TryGetValue(row[3], out var list)) actions[row[3]] = list = [];
            list.Add(new ActionWord(status, row[1], use, row[3]));
        }
        // every beginning of a phrase at a word boundary: "sister" and "sister state" (the folded "Sister-State") begin "sister state relationship"
        var firstWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in exact.Keys)
            for (var at = key.IndexOf(' '); at > 0; at = key.IndexOf(' ', at + 1)) firstWords.Add(key[..at]);
        return new Tables(exact, suffixes, actions, firstWords);
    }
}
