using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>How the place of an event attaches to its trigger besides "in"/"at".</summary>
internal enum PlaceAttachment { None, Object, To }

/// <summary>One line of Lexicon/event-triggers.tsv: a word, noun or phrase that reports an occurrence of a type.</summary>
internal sealed record EventTrigger(string Language, EventType Type, int Rank, bool IsNoun, PlaceAttachment Place, string Form, string? SubjectRole = null);

/// <summary>A trigger found in a clause.</summary>
internal sealed record TriggerHit(EventTrigger Trigger, int First, int Last);

/// <summary>
/// The event triggers of both languages, loaded from Lexicon/event-triggers.tsv, and their search in a
/// clause: whole words and phrases, nouns also as the last part of a compound ("Antrittsbesuch");
/// and the words of Lexicon/clause-markers.tsv that change what a clause reports (negation, future).
/// </summary>
internal sealed class EventLexicon
{
    private static readonly Lazy<EventLexicon> Default = new(Load);

    public static EventLexicon Shared => Default.Value;

    private readonly Dictionary<string, PhraseMatcher<EventTrigger>> phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Suffix, EventTrigger Trigger)>> compoundHeads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> notTriggers = new(StringComparer.Ordinal);
    private readonly HashSet<(string Kind, string Language, string Folded)> markers = [];

    private readonly Dictionary<string, PhraseMatcher<string>> markerPhrases = new(StringComparer.Ordinal);

    /// <summary>Whether a word is a clause marker of a kind (negation, future, copula, pronoun) in Lexicon/clause-markers.tsv.</summary>
    public bool IsMarker(string kind, string language, Token token) => markers.Contains((kind, language, token.Folded));

    /// <summary>Whether the clause holds a marker phrase of a kind ("am nächsten Tag": next-day).</summary>
    public bool HasMarkerPhrase(string kind, string language, IReadOnlyList<Token> tokens)
    {
        if (!markerPhrases.TryGetValue(language, out var phrases)) return false;
        for (var i = 0; i < tokens.Count; i++)
            if (phrases.Match(tokens, i) is { Length: > 0 } m && m.Values.Contains(kind)) return true;
        return false;
    }

    private static EventLexicon Load()
    {
        var lexicon = new EventLexicon();
        foreach (var row in Gazetteer.Rows("Lexicon.event-triggers.tsv"))
        {
            if (row.Length < 7 || row[0] == "lang") continue;
            if (row[3] == "not")
            {
                if (!lexicon.notTriggers.TryGetValue(row[0], out var list)) lexicon.notTriggers[row[0]] = list = [];
                list.AddRange(row[6].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Gazetteer.Fold));
                continue;
            }
            var type = Enum.Parse<EventType>(row[1], ignoreCase: true);
            var place = row[4] switch { "object" => PlaceAttachment.Object, "to" => PlaceAttachment.To, _ => PlaceAttachment.None };
            foreach (var form in row[6].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var trigger = new EventTrigger(row[0], type, int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), row[3] == "noun", place, form, row[5] == "-" ? null : row[5]);
                if (!lexicon.phrases.TryGetValue(row[0], out var matcher)) lexicon.phrases[row[0]] = matcher = new PhraseMatcher<EventTrigger>();
                matcher.Add(form, trigger);
                var folded = Gazetteer.Fold(form);
                if (trigger.IsNoun && !folded.Contains(' '))
                {
                    if (!lexicon.compoundHeads.TryGetValue(row[0], out var heads)) lexicon.compoundHeads[row[0]] = heads = [];
                    heads.Add((folded, trigger));
                }
            }
        }
        foreach (var row in Gazetteer.Rows("Lexicon.clause-markers.tsv"))
        {
            if (row.Length < 3 || row[0] == "kind") continue;
            foreach (var form in row[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!form.Contains(' ')) { lexicon.markers.Add((row[0], row[1], Gazetteer.Fold(form))); continue; }
                if (!lexicon.markerPhrases.TryGetValue(row[1], out var phrases)) lexicon.markerPhrases[row[1]] = phrases = new PhraseMatcher<string>();
                phrases.Add(form, row[0]);
            }
        }
        foreach (var heads in lexicon.compoundHeads.Values) heads.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
        return lexicon;
    }

    /// <summary>The triggers of a clause in the given language, left to right, none overlapping.</summary>
    public List<TriggerHit> Find(IReadOnlyList<Token> tokens, string language)
    {
        var hits = new List<TriggerHit>();
        if (!phrases.TryGetValue(language, out var matcher)) return hits;
        var heads = compoundHeads.GetValueOrDefault(language) ?? [];
        var nots = notTriggers.GetValueOrDefault(language) ?? [];
        for (var i = 0; i < tokens.Count; i++)
        {
            var tok = tokens[i];
            if (!tok.IsWord) continue;
            var (len, values) = matcher.Match(tokens, i);
            if (len > 0)
            {
                // a noun form is a noun only when written as one: "Treffen" (a meeting) beside "treffen" (to meet) are both triggers, but "Empfang" in lower case is no word
                var trigger = values.OrderBy(v => v.Rank).First();
                hits.Add(new TriggerHit(trigger, i, i + len - 1));
                i += len - 1;
                continue;
            }
            // "Antrittsbesuch", "Höflichkeitsbesuchs", "Kabinettssitzung": a compound whose last part is a trigger noun
            if (!tok.IsCapitalized || tok.Text.Length < 6 || nots.Any(n => tok.Folded.EndsWith(n, StringComparison.Ordinal))) continue;
            foreach (var (suffix, trigger) in heads)
            {
                if (tok.Folded.Length < suffix.Length + 3 || !tok.Folded.EndsWith(suffix, StringComparison.Ordinal)) continue;
                hits.Add(new TriggerHit(trigger, i, i));
                break;
            }
        }
        return hits;
    }
}
