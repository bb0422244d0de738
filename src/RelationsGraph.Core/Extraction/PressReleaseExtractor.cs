using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Extraction;

/// <summary>
/// Extracts people, offices, places, organizations, events, agreements and figures from a
/// government press release (German or English), each with the exact text it came from.
/// normalize → segment → recognize → relate → resolve.
/// </summary>
public sealed partial class PressReleaseExtractor(Gazetteer gazetteer)
{
    public PressReleaseExtractor() : this(Gazetteer.Shared) { }

    public ExtractionResult Extract(SourceText source, DocumentHints? hints = null) => Extract(source, hints, explain: false);

    /// <summary>Extracts as <see cref="Extract(SourceText, DocumentHints?)"/> and records why each trigger, date, name and number was kept or dropped.</summary>
    public ExtractionResult Explain(SourceText source, DocumentHints? hints = null) => Extract(source, hints, explain: true);

    private ExtractionResult Extract(SourceText source, DocumentHints? hints, bool explain)
    {
        hints ??= new DocumentHints();
        var text = source.Text;
        var lines = Segmenter.Lines(text);
        var warnings = new List<string>();
        // a web page's markup (source.Page) fills in what the text does not say: its lang where the text is
        // too short to tell, its date where the text's header has none, its title
        var page = source.Page;
        var language = hints.Language ?? DetectLanguage(source, lines);
        var supported = language is "de" or "en";
        var published = hints.Published ?? ReleaseDate.Find(lines, text, page?.Published);
        var title = hints.Title ?? page?.Title ?? lines.FirstOrDefault(l => l.Role != LineRole.Boilerplate)?.Text ?? "(untitled)";

        // Pass 1: who publishes, and so whose "Landesregierung" and "Ministerpräsident" an unqualified mention means.
        var (publisher, publisherId, homeState, homeCountry) = hints.Publisher is { Length: > 0 } hinted
                && FindPublisher(hinted, Segmenter.Lines(hinted), language, published) is { Name: not null } known
            ? known
            : FindPublisher(text, lines, language, published);
        var recognizer = new Recognizer(gazetteer, language, published, homeState, homeCountry);

        var clauses = new List<ClauseMentions>();
        // the rules read German and English; in another language they would find wrong facts, so none are taken
        // the line that names the publisher in the header is no content ("Stadt Köln – Amt der Oberbürgermeisterin, Internationale Angelegenheiten")
        foreach (var line in lines.Where(l => supported && l.Role != LineRole.Boilerplate && !(l.Role == LineRole.Heading && l.Text == publisher)))
            foreach (var clause in Segmenter.Clauses(text, line))
                clauses.Add(recognizer.Recognize(clause));

        var ctx = new DocumentContext(gazetteer, recognizer, language, published, homeState, homeCountry, text);
        if (explain) ctx.RecordDecisions();
        foreach (var c in clauses) ctx.Collect(c);
        ctx.ResolvePersons();
        foreach (var c in clauses.Where(c => !c.Clause.InHeading)) ctx.Relate(c);
        ctx.MergeMentions();

        var hash = GraphIds.ContentHash(text);
        var docId = GraphIds.Document(hints.Url, hints.SourceName, hash);
        var flags = new List<ExtractionFlag>();
        if (!supported)
            flags.Add(new ExtractionFlag(ExtractionFlagKind.UnsupportedLanguage, language == LanguageDetector.Undetermined
                ? "The document's language could not be determined (too little running text, or no German or English function words); no facts were extracted. Check that it is a press release in German or English."
                : $"The document looks {LanguageDetector.Name(language)} ('{language}'); only German and English are extracted, so no facts were taken from it. Ingest a German or English version, or pass the language explicitly if the detection is wrong."));
        else if (ctx.IsEmpty)
            flags.Add(new ExtractionFlag(ExtractionFlagKind.NoRecognizableContent,
                "No people, places, organizations, events, agreements or figures were recognized in this document. Check that it is a press release about international relations and that its text (not only markup or a caption) was submitted."));
        warnings.AddRange(flags.Select(f => f.Reason));
        var info = new DocumentInfo(docId, title, published, publisher, publisherId, language, hints.Url, hints.SourceName, hash, homeState ?? homeCountry);
        return ctx.ToResult(info, warnings) with { Flags = flags, Explanation = ctx.Explanation(clauses) };
    }

    /// <summary>The language the extractor would read a text as: "de", "en", or another code ("und" when undetermined).</summary>
    public static string DetectLanguage(SourceText source) => DetectLanguage(source, Segmenter.Lines(source.Text));

    /// <summary>
    /// The text's language; a web page's lang only where the text is too short to tell (a CMS's lang is
    /// often the site's, not the release's).
    /// </summary>
    private static string DetectLanguage(SourceText source, List<Line> lines) => DetectLanguage(source.Text, lines) switch
    {
        LanguageDetector.Undetermined when source.Page?.Language is { } declared => declared,
        var detected => detected,
    };

    /// <summary>The language of the release's content lines (not its footer), as <see cref="LanguageDetector"/> tells it.</summary>
    internal static string DetectLanguage(string text, List<Line> lines)
    {
        var content = string.Join("\n", lines.Where(l => l.Role != LineRole.Boilerplate).Select(l => l.Text));
        return LanguageDetector.Detect(content.Length > 0 ? content : text);
    }

    private static readonly HashSet<string> CityWords = ["stadt", "landeshauptstadt", "hansestadt", "city", "municipality", "gemeinde"];

    /// <summary>A header line that names a city as the publisher: "Stadt Nürnberg – Amt für …", "The City of Edinburgh Council", "Landeshauptstadt Düsseldorf".</summary>
    private static PlaceEntry? CityPublisher(ClauseMentions m)
    {
        var t = m.Tokens;
        var k = 0;
        if (k < t.Count && t[k].Folded is "the" or "der" or "die") k++;
        if (k >= t.Count || !CityWords.Contains(t[k].Folded)) return null;
        k++;
        if (k < t.Count && t[k].Folded == "of") k++;
        return m.PlaceAt(k) is { } hit && hit.First == k && hit.Candidates.FirstOrDefault(p => p.Kind == PlaceKind.City) is { } city ? city : null;
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
                if (CityPublisher(m) is { } city && line.Role != LineRole.Content)
                    return (line.Text, GraphIds.Organization(line.Text), city.Id, gazetteer.CountryOf(city.Id));
                if (m.Organizations.Count != 1) continue;
                var org = m.Organizations[0];
                var words = clause.Tokens.Count(x => !x.IsPunct);
                if (org.First != 0 || org.Last < clause.Tokens.Count - 1 - (clause.Tokens[^1].IsPunct ? 1 : 0) || words > 12) continue;
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
