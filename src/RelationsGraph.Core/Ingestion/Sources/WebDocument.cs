using RelationsGraph.Extraction;
using RelationsGraph.Web;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>What a feed or the command line says about a page besides its content.</summary>
public sealed record PageHints(string? Source = null, string? Title = null, string? Language = null, string? Publisher = null);

/// <summary>The one place where a fetched page becomes a document to extract.</summary>
public static class WebDocument
{
    /// <summary>
    /// The page's text and hints. HTML is read by <see cref="HtmlPageReader"/>: its main content is the
    /// text, and its canonical URL (when on the same site) the identity, else the page URL; its title,
    /// publication date and language reach the extractor through <see cref="SourceText.Page"/>, as
    /// fallbacks to what the text says (so they are not put into the hints, which would override it).
    /// </summary>
    public static (SourceText Source, DocumentHints Hints) Read(string content, string? mediaType, Uri pageUrl, PageHints hints)
    {
        var (source, url) = mediaType switch
        {
            "text/plain" => (SourceText.From(content, SourceFormat.Text), pageUrl),
            "text/markdown" or "text/x-markdown" => (SourceText.From(content, SourceFormat.Markdown), pageUrl),
            _ => HtmlDocument(content, pageUrl),
        };
        return (source, new DocumentHints(Url: url.AbsoluteUri, Title: hints.Title, Language: hints.Language, Publisher: hints.Publisher));
    }

    private static (SourceText, Uri) HtmlDocument(string html, Uri pageUrl)
    {
        var page = HtmlPageReader.Read(html, pageUrl);
        return (SourceText.From(page), page.CanonicalUrl ?? pageUrl);
    }
}
