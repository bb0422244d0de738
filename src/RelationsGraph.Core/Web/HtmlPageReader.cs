using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace RelationsGraph.Web;

/// <summary>
/// Reads a newsroom page: parses it as HTML5 (AngleSharp), finds the release in it with the Readability
/// algorithm (SmartReader), and falls back to the page's body without its navigation, header, footer,
/// side boxes and banners where Readability finds no article (short pages). The metadata comes from the
/// whole page.
/// </summary>
public static class HtmlPageReader
{
    /// <summary>Below this many characters an article found by Readability is not trusted over the body.</summary>
    private const int MinArticleChars = 140;

    /// <summary>How many lines of the text may come before the headline and it still counts as there.</summary>
    private const int HeadlineLines = 6;

    /// <summary>Readability needs an address to resolve links against; a page read from a file has none.</summary>
    private static readonly Uri NoAddress = new("https://localhost/");

    public static WebPage Read(string html, Uri? pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        // the metadata first: the head and the article's header as the page has them
        var metadata = PageMetadata.Of(document, pageUrl);
        Boilerplate.Strip(document);
        var text = MainContent(document, pageUrl);
        // Readability drops the headline from the article it returns (it is the page's title); the text
        // begins with it, as a release does, so the facts the headline states are read too
        if (metadata.Headline is { } headline && !OpensWith(text, headline))
            text = text.Length == 0 ? headline : headline + "\n\n" + text;
        return new WebPage(text, metadata.Title, metadata.Published, metadata.CanonicalUrl, metadata.Language);
    }

    /// <summary>Whether the headline is one of the text's first lines (after a kicker such as "Pressemitteilung" or the date).</summary>
    private static bool OpensWith(string text, string headline) =>
        text.Split('\n', HeadlineLines + 1).Take(HeadlineLines).Any(line => line.Trim() == headline);

    private static string MainContent(IHtmlDocument document, Uri? pageUrl)
    {
        // Readability changes the document it reads: it reads a copy
        var copy = (IHtmlDocument)document.Clone(deep: true);
        Article? article = null;
        try
        {
            using var reader = new Reader((pageUrl ?? NoAddress).AbsoluteUri, copy) { Debug = false, Logging = ReportLevel.Issue };
            article = reader.GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a page Readability cannot score is still read, by the fallback
        }
        if (article is { IsReadable: true, Content.Length: > 0 })
        {
            var content = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + article.Content + "</body></html>");
            var text = PageText.Of(content.Body!);
            if (text.Length >= MinArticleChars) return text;
        }
        return PageText.Of(Boilerplate.MainOrBody(document));
    }
}
