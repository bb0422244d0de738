using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace RelationsGraph.Web;

/// <summary>
/// What a newsroom page holds besides the release: navigation, the site's header and footer, side boxes,
/// cookie and consent banners, share bars, breadcrumbs, related articles, in-page links ("Seitenanfang").
/// Removed before Readability scores the page (its own class-name rules miss several CMSs' names) and
/// before the fallback reads the rest.
/// </summary>
internal static class Boilerplate
{
    private const string Elements =
        "nav, aside, form, dialog, script, style, noscript, template, iframe, [role=navigation], [role=banner], [role=contentinfo], " +
        "[role=complementary], [role=dialog], [role=alertdialog], [role=search], a[href^='#']";

    /// <summary>
    /// Parts of class names and ids that CMSs give to the site around a release ("c-cookie-banner",
    /// "gem-c-share-links", "c-mainnav"); "cc-window" is the banner of the common cookieconsent script.
    /// </summary>
    private static readonly string[] Words =
        ["cookie", "consent", "gdpr", "cc-window", "share", "social", "breadcrumb", "related", "newsletter", "skiplink", "skip-link", "sidebar", "pagination", "nav", "masthead", "topbar"];

    /// <summary>Parts of names of the site's header and footer; an element with the headline in it is the article's own header.</summary>
    private static readonly string[] HeaderWords = ["header", "footer"];

    /// <summary>Removes the site around the release from the document's body (the document is changed).</summary>
    public static void Strip(IHtmlDocument document)
    {
        if (document.Body is not { } body) return;
        foreach (var e in body.QuerySelectorAll(Elements).ToList()) e.Remove();
        // a page's own header and footer, not an article's (which holds its headline and date)
        foreach (var e in body.QuerySelectorAll("header, footer").Where(e => e.Closest("article") is null && e.QuerySelector("h1") is null).ToList()) e.Remove();
        foreach (var e in body.QuerySelectorAll("[class], [id]").Where(IsBoilerplate).ToList()) e.Remove();
    }

    /// <summary>Where the release is on a page Readability found no article in: main, the only article, else the body, without link lists (menus, teaser boxes).</summary>
    public static IElement MainOrBody(IHtmlDocument document)
    {
        var body = (IElement?)document.Body ?? document.DocumentElement;
        var articles = body.QuerySelectorAll("article");
        var root = body.QuerySelector("main, [role=main]") ?? (articles.Length == 1 ? articles[0] : body);
        foreach (var e in root.QuerySelectorAll("ul, ol, div, section, table, p").Where(IsLinkList).ToList()) e.Remove();
        return root;
    }

    private static bool IsBoilerplate(IElement e)
    {
        var names = ((e.GetAttribute("class") ?? "") + " " + (e.GetAttribute("id") ?? "")).ToLowerInvariant();
        if (Words.Any(w => names.Contains(w, StringComparison.Ordinal))) return true;
        return HeaderWords.Any(w => names.Contains(w, StringComparison.Ordinal)) && e.Closest("article") is null && e.QuerySelector("h1") is null;
    }

    /// <summary>A block whose text is mostly links: a menu, a list of teasers, a row of footer links.</summary>
    private static bool IsLinkList(IElement e)
    {
        var text = e.TextContent.Trim().Length;
        if (text == 0 || e.QuerySelector("h1") is not null) return false;
        var links = e.QuerySelectorAll("a").Sum(a => a.TextContent.Trim().Length);
        return links * 2 > text;
    }
}
