using RelationsGraph.Extraction;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>What a feed or the command line says about a page besides its content.</summary>
public sealed record PageHints(string? Source = null, string? Title = null, string? Language = null, string? Publisher = null);

/// <summary>The one place where a fetched page becomes a document to extract.</summary>
public static class WebDocument
{
    /// <summary>
    /// The page's text and hints; identity is the page URL. Today HTML goes through
    /// <see cref="SourceText.From"/>; with <c>RelationsGraph.Web.HtmlPageReader</c> this becomes
    /// <c>var web = HtmlPageReader.Read(html, pageUrl)</c>: the main content as the text, and its title,
    /// publication date, language and canonical URL (the identity) as hints.
    /// </summary>
    public static (SourceText Source, DocumentHints Hints) Read(string content, string? mediaType, Uri pageUrl, PageHints hints)
    {
        var format = mediaType switch
        {
            "text/plain" => SourceFormat.Text,
            "text/markdown" or "text/x-markdown" => SourceFormat.Markdown,
            _ => SourceFormat.Html,
        };
        return (SourceText.From(content, format), new DocumentHints(Url: pageUrl.AbsoluteUri, Title: hints.Title, Language: hints.Language, Publisher: hints.Publisher));
    }
}
