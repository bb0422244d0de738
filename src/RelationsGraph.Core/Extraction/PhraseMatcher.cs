namespace RelationsGraph.Extraction;

/// <summary>Longest-match lookup of multi-word phrases over folded tokens.</summary>
internal sealed class PhraseMatcher<T>
{
    private readonly Dictionary<string, List<(string[] Words, T Value)>> byFirst = new(StringComparer.Ordinal);

    public void Add(string phrase, T value)
    {
        var words = Tokenizer.Tokenize(phrase, 0, phrase.Length).Select(t => t.Folded).Where(w => w.Length > 0).ToArray();
        if (words.Length == 0) return;
        if (!byFirst.TryGetValue(words[0], out var list)) byFirst[words[0]] = list = [];
        if (!list.Any(e => e.Words.SequenceEqual(words) && EqualityComparer<T>.Default.Equals(e.Value, value))) list.Add((words, value));
    }

    /// <summary>The longest phrases starting at token <paramref name="i"/>: their token count and values (several when ambiguous).</summary>
    public (int Length, List<T> Values) Match(IReadOnlyList<Token> tokens, int i, bool allowGenitive = false)
    {
        var best = 0;
        var values = new List<T>();
        if (i >= tokens.Count) return (0, values);
        if (!byFirst.TryGetValue(tokens[i].Folded, out var list))
        {
            // "Nordrhein-Westfalens", "Japans": a genitive -s on a one-word name
            // "Saarlandes": a genitive -es
            var f = tokens[i].Folded;
            if (!allowGenitive || f.Length < 4 || !f.EndsWith('s') ||
                (!byFirst.TryGetValue(f[..^1], out list) && !(f.EndsWith("es", StringComparison.Ordinal) && byFirst.TryGetValue(f[..^2], out list))))
                return (0, values);
            foreach (var (words, value) in list)
                if (words.Length == 1) { best = 1; values.Add(value); }
            return (best, values);
        }
        foreach (var (words, value) in list)
        {
            if (words.Length < best || i + words.Length > tokens.Count) continue;
            var ok = true;
            for (var k = 1; k < words.Length && ok; k++) ok = tokens[i + k].Folded == words[k];
            if (!ok) continue;
            if (words.Length > best)
            {
                best = words.Length;
                values.Clear();
            }
            values.Add(value);
        }
        return (best, values);
    }
}
