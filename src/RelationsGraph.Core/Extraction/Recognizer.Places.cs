using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

// Places and the adjectives of places.
internal sealed partial class Recognizer
{
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
            // "Iwate Prefecture", "Hsinchu County": the kind word after the name is part of the place's mention
            if (last + 1 < t.Count && t[last + 1].IsCapitalized == t[i].IsCapitalized && gazetteer.KindWordsAfter.TryGetValue(t[last + 1].Folded, out var after))
            {
                context = after;
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
}
