using RelationsGraph.Extraction;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>What a feed or the command line says about a page besides its content.</summary>
public sealed record PageHints(string? Source = null, string? Title = null, string? Language = null, string? Publisher = null);

/// <summary>The one place where a fetched page becomes a document to extract.</summary>
public static class WebDocument
{
    /// <summary>
    /// The page's text and hints. HTML is read by <see cref="Web.HtmlPageReader"/> (through
    /// <see cref="SourceText.From(string, SourceFormat, Uri?)"/>, with the same bounds as a file): its main
    /// content is the text, and its canonical URL (when on the same site) the identity, else the page URL;
    /// its title, publication date and language reach the extractor through <see cref="SourceText.Page"/>,
    /// as fallbacks to what the text says (so they are not put into the hints, which would override it).
    /// </summary>
    public static (SourceText Source, DocumentHints Hints) Read(string content, string? mediaType, Uri pageUrl, PageHints hints)
    {
        var format = mediaType switch
        {
            "text/plain" => SourceFormat.Text,
            "text/markdown" or "text/x-markdown" => SourceFormat.Markdown,
            _ => SourceFormat.Html,
        };
        var source = SourceText.From(content, format, pageUrl);
        var identity = source.Page?.CanonicalUrl ?? pageUrl;
        return (source, new DocumentHints(Url: identity.AbsoluteUri, Title: hints.Title, Language: hints.Language, Publisher: hints.Publisher));
    }
}
