using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.GraphQL;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Web;

namespace RelationsGraph.Api.Ingestion;

/// <summary>What changes the graph. Every mutation needs an API key (see <c>RelationsGraph:Access</c>).</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";

        Field<NonNullGraphType<IngestDocumentPayloadType>>("ingestDocument")
            .Description("Extracts a press release and writes what it states, like `relationsgraph ingest` does for a file. Idempotent: the same input again is UNCHANGED. Needs an API key.")
            .Argument<NonNullGraphType<IngestDocumentInputType>>("input")
            .ResolveAsync(async ctx => await DocumentSubmission.IngestAsync(ctx.GetArgument<IngestDocumentInput>("input"), ctx.RequestServices!, ctx.CancellationToken));
    }
}

/// <summary>The <c>ingestDocument</c> mutation: checks the input, then runs the same pipeline as files.</summary>
public static class DocumentSubmission
{
    public const string Rejected = "DOCUMENT_REJECTED";
    public const int MaxTitleChars = 500;
    public const int MaxUrlChars = 2_000;

    public static async Task<IngestDocumentPayload> IngestAsync(IngestDocumentInput input, IServiceProvider services, CancellationToken ct)
    {
        var limits = services.GetRequiredService<IOptions<ApiLimits>>().Value;
        var (source, hints) = Prepare(input, limits);
        var ingestor = services.GetRequiredService<DocumentIngestor>();
        var store = services.GetRequiredService<IGraphStore>();
        IngestOutcome outcome;
        IReadOnlyList<string> warnings;
        ExtractionResult extraction;
        try
        {
            (outcome, warnings, extraction) = await ingestor.IngestAsync(source, hints, ct);
        }
        catch (DocumentRejectedException e)
        {
            throw new ExecutionError(e.Message) { Code = Rejected };
        }
        catch (StoreUnavailableException)
        {
            // the store's own message may name its address; the client needs only what to do
            throw new ExecutionError("The store is unavailable right now; the document was not stored. Submit it again later (submitting is idempotent).") { Code = "STORE_UNAVAILABLE" };
        }
        var document = (await store.GetNodesAsync([outcome.DocumentId], ct)).OfType<Document>().FirstOrDefault()
            ?? new Document(outcome.DocumentId, extraction.Document.Title, extraction.Document.Url, extraction.Document.Published, extraction.Document.Publisher,
                extraction.Document.Language, extraction.Document.ContentHash, extraction.Document.SourceName);
        return new IngestDocumentPayload(document, outcome.Status, outcome.NodesWritten, outcome.EdgesWritten, outcome.FactsRemoved, warnings, Extracted(extraction));
    }

    /// <summary>
    /// The document's text and hints, or an error with a code for each kind of bad input. The title
    /// is put before the text unless the text begins with it, so that the title is part of the text
    /// (and its hash) as it is in a file: without a URL, the same title and text are the same document.
    /// A web page's text is read from it (<see cref="HtmlPageReader"/>): it begins with the page's headline,
    /// and the page names its title and address where the input does not.
    /// </summary>
    public static (SourceText Source, DocumentHints Hints) Prepare(IngestDocumentInput input, ApiLimits limits)
    {
        var html = input.Format == SubmittedFormat.Html;
        var title = (input.Title ?? "").Trim();
        if (title.Length == 0 && !html)
            throw new ExecutionError("Field 'title' is empty: give the press release's headline.") { Code = "BAD_TITLE" };
        if (title.Length > MaxTitleChars || title.Contains('\n') || title.Contains('\r'))
            throw new ExecutionError($"Field 'title' must be one line of at most {MaxTitleChars} characters; it has {title.Length}. Put the rest into 'text'.") { Code = "BAD_TITLE" };
        var text = input.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
            throw new ExecutionError("Field 'text' is empty: give the body of the press release.") { Code = "EMPTY_TEXT" };
        if (text.Length > limits.MaxDocumentChars)
            throw new ExecutionError($"Field 'text' has {text.Length:N0} characters; at most {limits.MaxDocumentChars:N0} are accepted. Submit each press release on its own.") { Code = "DOCUMENT_TOO_LARGE" };
        string? url = null;
        Uri? pageUrl = null;
        if (input.Url is { } u && u.Trim().Length > 0)
        {
            url = u.Trim();
            if (url.Length > MaxUrlChars || !Uri.TryCreate(url, UriKind.Absolute, out pageUrl) || pageUrl.Scheme is not ("http" or "https"))
                throw new ExecutionError($"Field 'url' must be an http or https address of at most {MaxUrlChars} characters; it was \"{Cursor.Truncate(url)}\".") { Code = "BAD_URL" };
        }
        FuzzyDate? published = null;
        if (input.Published is { } p && p.Trim().Length > 0)
            published = FuzzyDate.TryParse(p.Trim(), out var d) ? d
                : throw new ExecutionError($"Field 'published' must be a date YYYY, YYYY-MM or YYYY-MM-DD; it was \"{Cursor.Truncate(p)}\".") { Code = "BAD_DATE" };
        string? language = null;
        if (input.Language is { } l && l.Trim().Length > 0)
        {
            language = l.Trim().ToLowerInvariant();
            if (language is not ("de" or "en"))
                throw new ExecutionError($"Field 'language' must be \"de\" or \"en\" (only German and English are extracted); it was \"{Cursor.Truncate(l)}\".") { Code = "BAD_LANGUAGE" };
        }

        SourceText source;
        try
        {
            if (html)
            {
                source = SourceText.From(text, SourceFormat.Html, pageUrl);
                if (title.Length == 0)
                    title = source.Page?.Title is { Length: > 0 and <= MaxTitleChars } headline ? headline
                        : throw new ExecutionError("Field 'title' is empty and the page has no headline (og:title, h1 or title) of at most 500 characters: give the press release's headline.") { Code = "BAD_TITLE" };
                url ??= source.Page?.CanonicalUrl?.AbsoluteUri;
            }
            else
            {
                var body = text.TrimStart();
                source = SourceText.From(body.StartsWith(title, StringComparison.Ordinal) ? body : title + "\n\n" + body, SourceFormat.Text);
            }
        }
        catch (DocumentRejectedException e)
        {
            throw new ExecutionError(e.Message) { Code = Rejected };
        }
        language ??= PressReleaseExtractor.DetectLanguage(source);
        if (language is not ("de" or "en"))
            throw new ExecutionError($"The text reads as {(language == LanguageDetector.Undetermined ? "no language the extractor knows" : $"'{language}'")}, not German or English, the only languages extracted; it was not stored. If it is German or English, say so with language: \"de\" or \"en\".") { Code = Rejected };
        return (source, new DocumentHints(Url: url, Title: title, Published: published, Language: language));
    }

    private static List<LabelCount> Extracted(ExtractionResult x) =>
    [
        .. new (string Label, int Count)[]
        {
            ("Person", x.Persons.Select(p => p.Id).Distinct().Count()),
            ("Office", x.Persons.SelectMany(p => p.Offices).Select(o => o.Id).Distinct().Count()),
            ("Place", x.Places.Select(p => p.Id).Distinct().Count()),
            ("Organization", x.Organizations.Select(o => o.Id).Distinct().Count()),
            ("Event", x.Events.Select(e => e.Id).Distinct().Count()),
            ("Agreement", x.Agreements.Select(a => a.Id).Distinct().Count()),
            ("Statistic", x.Statistics.Select(s => s.Id).Distinct().Count()),
        }.Where(c => c.Count > 0).Select(c => new LabelCount(c.Label, c.Count)),
    ];
}
