using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Extraction;

/// <summary>
/// Extracts people, offices, places, organizations, events, agreements and figures from a
/// government press release (German or English), each with the exact text it came from.
/// normalize → segment → recognize → relate → resolve.
/// </summary>
public sealed partial class PressReleaseExtractor(Gazetteer gazetteer)
{
    public PressReleaseExtractor() : this(Gazetteer.Shared) { }

    public ExtractionResult Extract(SourceText source, DocumentHints? hints = null)
    {
        hints ??= new DocumentHints();
        var text = source.Text;
        var lines = Segmenter.Lines(text);
        var warnings = new List<string>();
        var language = hints.Language ?? DetectLanguage(text, lines);
        var published = hints.Published ?? FindPublished(lines, text);
        var title = hints.Title ?? lines.FirstOrDefault(l => l.Role != LineRole.Boilerplate)?.Text ?? "(untitled)";

        // Pass 1: who publishes, and so whose "Landesregierung" and "Ministerpräsident" an unqualified mention means.
        var (publisher, publisherId, homeState, homeCountry) = FindPublisher(text, lines, language, published);
        var recognizer = new Recognizer(gazetteer, language, published, homeState, homeCountry);

        var clauses = new List<ClauseMentions>();
        foreach (var line in lines.Where(l => l.Role != LineRole.Boilerplate))
            foreach (var clause in Segmenter.Clauses(text, line))
                clauses.Add(recognizer.Recognize(clause));

        var ctx = new DocumentContext(gazetteer, recognizer, language, published, homeState, homeCountry, text);
        foreach (var c in clauses) ctx.Collect(c);
        ctx.ResolvePersons();
        foreach (var c in clauses.Where(c => !c.Clause.InHeading)) ctx.Relate(c);

        var hash = GraphIds.ContentHash(text);
        var docId = GraphIds.Document(hints.Url, hints.SourceName, hash);
        if (ctx.IsEmpty) warnings.Add("No people, places, organizations, events, agreements or figures were recognized in this document.");
        if (language is not ("de" or "en")) warnings.Add($"The document's language looks like '{language}'; only German and English are extracted.");
        var info = new DocumentInfo(docId, title, published, publisher, publisherId, language, hints.Url, hints.SourceName, hash, homeState ?? homeCountry);
        return ctx.ToResult(info, warnings);
    }

    private static readonly HashSet<string> GermanWords = ["der", "die", "das", "und", "mit", "von", "den", "ist", "ein", "eine", "im", "des", "auch", "sich", "fur", "zu", "nicht", "wird"];
    private static readonly HashSet<string> EnglishWords = ["the", "and", "of", "to", "with", "is", "in", "for", "was", "has", "on", "this", "by", "will", "that", "an"];
    private static readonly HashSet<string> OtherWords = ["le", "la", "les", "et", "des", "el", "los", "las", "y", "het", "een", "il", "della", "und"];

    /// <summary>The language the extractor would read a text as: "de", "en", or "und" when it looks like neither.</summary>
    public static string DetectLanguage(SourceText source) => DetectLanguage(source.Text, Segmenter.Lines(source.Text));

    internal static string DetectLanguage(string text, List<Line> lines)
    {
        int de = 0, en = 0, other = 0;
        foreach (var l in lines.Where(l => l.Role == LineRole.Content).Take(40))
            foreach (var w in TextFold.Fold(l.Text).Split(' '))
            {
                if (GermanWords.Contains(w)) de++;
                if (EnglishWords.Contains(w)) en++;
                if (OtherWords.Contains(w) && !GermanWords.Contains(w)) other++;
            }
        // "und": undetermined (ISO 639-2), for texts with no or mostly other function words
        if ((de == 0 && en == 0) || other > de + en) return "und";
        return de >= en ? "de" : "en";
    }

    private static FuzzyDate? FindPublished(List<Line> lines, string text)
    {
        // A line that is only a date, near the top, is the release date; else the first full date of the text.
        foreach (var line in lines.Take(12))
        {
            var tokens = Tokenizer.Tokenize(text, line.Start, line.End);
            var dates = Dates.Find(tokens, null);
            if (dates.Count == 1 && dates[0].Date.Precision == DatePrecision.Day && tokens.Count - (dates[0].Last - dates[0].First + 1) <= 3)
                return dates[0].Date;
        }
        foreach (var line in lines.Where(l => l.Role != LineRole.Boilerplate))
        {
            var d = Dates.Find(Tokenizer.Tokenize(text, line.Start, line.End), null).FirstOrDefault(x => x.Date.Precision == DatePrecision.Day);
            if (d is not null) return d.Date;
        }
        return null;
    }

    private (string? Name, string? Id, string? HomeState, string? HomeCountry) FindPublisher(string text, List<Line> lines, string language, FuzzyDate? published)
    {
        // German federal institutions (Auswärtiges Amt, Bundesregierung) belong to Germany when nothing else is known
        var probe = new Recognizer(gazetteer, language, published, null, "DE");
        // A line that is nothing but an institution: "Staatskanzlei Nordrhein-Westfalen", in the header or under "Pressekontakt".
        foreach (var line in lines.Where(l => l.Role != LineRole.Content).Concat(lines.Where(l => l.Role == LineRole.Content)).Where(l => l.Text.Length < 120))
        {
            foreach (var clause in Segmenter.Clauses(text, line))
            {
                var m = probe.Recognize(clause);
                if (m.Organizations.Count != 1) continue;
                var org = m.Organizations[0];
                var words = clause.Tokens.Count(x => !x.IsPunct);
                if (org.First != 0 || org.Last < clause.Tokens.Count - 1 - (clause.Tokens[^1].IsPunct ? 1 : 0) || words > 8) continue;
                if (org.JurisdictionId is not { } j) continue;
                var place = gazetteer.Find(j);
                var country = gazetteer.CountryOf(j);
                var state = place is not null && place.Kind != PlaceKind.Country ? j : null;
                return (org.Name, GraphIds.Organization(org.Name), state, country);
            }
        }
        return (null, null, null, null);
    }
}
