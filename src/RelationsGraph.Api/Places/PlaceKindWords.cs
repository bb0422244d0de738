using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Api.Places;

/// <summary>A ref with its kind words taken off: the name to look up and the kind the words named (null: none).</summary>
public sealed record PlaceNameReading(string Name, PlaceKind? Kind);

/// <summary>
/// The kind words of place names ("Präfektur", "Province of", "Freistaat", "Land", "Prefecture"), from
/// <c>place-kind-words.tsv</c>, so that a ref such as "Iwate Prefecture" finds the place known as Iwate.
/// </summary>
public sealed class PlaceKindWords
{
    private sealed record KindWord(string[] Words, bool Prefix, PlaceKind? Kind);

    /// <summary>How many kind words one ref may carry ("the Free State of Saxony": two).</summary>
    private const int MaxStrips = 3;

    private readonly List<KindWord> words;

    private PlaceKindWords(List<KindWord> words) => this.words = words;

    public static PlaceKindWords Shared { get; } = Load();

    private static PlaceKindWords Load()
    {
        using var stream = typeof(PlaceKindWords).Assembly.GetManifestResourceStream("place-kind-words.tsv")
            ?? throw new InvalidOperationException("place-kind-words.tsv is not embedded in the API assembly.");
        return Parse(new StreamReader(stream).ReadToEnd());
    }

    internal static PlaceKindWords Parse(string tsv)
    {
        var list = new List<KindWord>();
        foreach (var line in tsv.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (cols is ["form", ..]) continue; // the header
            if (cols.Length != 3) throw new FormatException($"place-kind-words.tsv: '{line}' has {cols.Length} columns; expected form, position, kind.");
            var position = cols[1] switch
            {
                "prefix" => true,
                "suffix" => false,
                _ => throw new FormatException($"place-kind-words.tsv: position '{cols[1]}' in '{line}' is neither prefix nor suffix."),
            };
            PlaceKind? kind = cols[2] == "ANY" ? null
                : Enum.TryParse<PlaceKind>(cols[2], ignoreCase: true, out var k) ? k
                : throw new FormatException($"place-kind-words.tsv: kind '{cols[2]}' in '{line}' is not a place kind or ANY.");
            list.Add(new KindWord(TextFold.Fold(cols[0]).Split(' '), position, kind));
        }
        return new PlaceKindWords(list);
    }

    /// <summary>
    /// The names a ref may mean once its kind words are taken off, fewest taken off first; empty when it
    /// has none. The name is folded (stores fold refs anyway), and never empty: "Land" alone stays a name.
    /// </summary>
    public IReadOnlyList<PlaceNameReading> Readings(string reference)
    {
        var readings = new List<PlaceNameReading>();
        var tokens = TextFold.Fold(reference).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        PlaceKind? kind = null;
        for (var strip = 0; strip < MaxStrips; strip++)
        {
            var word = words.FirstOrDefault(w => w.Words.Length < tokens.Length && Matches(tokens, w));
            if (word is null) break;
            tokens = word.Prefix ? tokens[word.Words.Length..] : tokens[..^word.Words.Length];
            kind = word.Kind ?? kind;
            readings.Add(new PlaceNameReading(string.Join(' ', tokens), kind));
        }
        return readings;
    }

    private static bool Matches(string[] tokens, KindWord w) => w.Prefix
        ? tokens.AsSpan(0, w.Words.Length).SequenceEqual(w.Words)
        : tokens.AsSpan(tokens.Length - w.Words.Length).SequenceEqual(w.Words);
}
