namespace RelationsGraph.Extraction;

/// <summary>
/// The words dates are written with (months, weekdays, seasons, days and shifts relative to the release,
/// the prepositions that make a bare month, year or weekday a date, release-date labels), loaded from
/// Lexicon/dates-{lang}.tsv (not dates.de.tsv: MSBuild would take ".de" for a culture and put the file in a satellite assembly). Words are kept folded (lower case, no accents), as tokens are.
/// </summary>
internal sealed class DateLexicon
{
    /// <summary>The languages whose word lists are loaded; a text may mix them ("am 3. May" does not occur, but names do).</summary>
    private static readonly string[] Languages = ["de", "en"];

    private static readonly Lazy<DateLexicon> Default = new(() => Load(Languages.SelectMany(l => Gazetteer.Rows($"Lexicon.dates-{l}.tsv"))));

    public static DateLexicon Shared => Default.Value;

    public Dictionary<string, int> Months { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DayOfWeek> Weekdays { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Seasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Days from the release: "gestern" -1.</summary>
    public Dictionary<string, int> RelativeDays { get; } = new(StringComparer.Ordinal);

    /// <summary>Relative-day words that count only in lower case ("morgen", not "Morgen" the morning).</summary>
    public HashSet<string> LowerCaseOnly { get; } = new(StringComparer.Ordinal);

    /// <summary>+1 next, -1 last, 0 this.</summary>
    public Dictionary<string, int> Shifts { get; } = new(StringComparer.Ordinal);

    /// <summary>year, month or week.</summary>
    public Dictionary<string, string> Units { get; } = new(StringComparer.Ordinal);

    public HashSet<string> MonthPreps { get; } = new(StringComparer.Ordinal);
    public HashSet<string> SeasonPreps { get; } = new(StringComparer.Ordinal);
    public HashSet<string> YearPreps { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DayPreps { get; } = new(StringComparer.Ordinal);
    public HashSet<string> RangeWords { get; } = new(StringComparer.Ordinal);
    public HashSet<string> SinceWords { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Ordinals { get; } = new(StringComparer.Ordinal);

    /// <summary>Multi-word phrases, folded and split into words: "as of", "pressemitteilung vom".</summary>
    public List<string[]> StatusPhrases { get; } = [];

    public List<string[]> Labels { get; } = [];

    /// <summary>The first words of the labels, to pass over lines that cannot carry one without tokenizing them.</summary>
    public HashSet<string> LabelStarts { get; } = new(StringComparer.Ordinal);

    internal static DateLexicon Load(IEnumerable<string[]> rows)
    {
        var x = new DateLexicon();
        foreach (var row in rows)
        {
            if (row.Length < 2 || row[0] == "kind") continue;
            var word = Gazetteer.Fold(row[1]);
            var value = row.Length > 2 ? row[2] : "";
            var number = value.Split(' ')[0];
            switch (row[0])
            {
                case "month": x.Months[word] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture); break;
                case "weekday": x.Weekdays[word] = Enum.Parse<DayOfWeek>(value, ignoreCase: true); break;
                case "season": x.Seasons[word] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture); break;
                case "day":
                    x.RelativeDays[word] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
                    if (value.EndsWith(" lower", StringComparison.Ordinal)) x.LowerCaseOnly.Add(word);
                    break;
                case "shift": x.Shifts[word] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture); break;
                case "unit": x.Units[word] = value; break;
                case "month-prep": x.MonthPreps.Add(word); break;
                case "season-prep": x.SeasonPreps.Add(word); break;
                case "year-prep": x.YearPreps.Add(word); break;
                case "day-prep": x.DayPreps.Add(word); break;
                case "range": x.RangeWords.Add(word); break;
                case "since": x.SinceWords.Add(word); break;
                case "ordinal": x.Ordinals.Add(word); break;
                case "status": x.StatusPhrases.Add(word.Split(' ')); break;
                case "label":
                    x.Labels.Add(word.Split(' '));
                    x.LabelStarts.Add(word.Split(' ')[0]);
                    break;
                default: throw new InvalidOperationException($"Lexicon dates-*.tsv: unknown kind '{row[0]}' for '{row[1]}'; use one of the kinds its header lists.");
            }
        }
        // the longest label first, so that "Pressemitteilung vom" wins over "Pressemitteilung"
        x.Labels.Sort((a, b) => b.Length.CompareTo(a.Length));
        return x;
    }

    /// <summary>Whether the folded words of a phrase end just before token <paramref name="end"/>.</summary>
    public static bool EndsBefore(IReadOnlyList<Token> t, int end, string[] phrase)
    {
        if (end - phrase.Length < 0) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (t[end - phrase.Length + k].Folded != phrase[k]) return false;
        return true;
    }
}
