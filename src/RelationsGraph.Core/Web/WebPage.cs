using RelationsGraph.Model;

namespace RelationsGraph.Web;

/// <summary>
/// What a web page holds for the extractor: the release's text without the site around it, and what the
/// page's markup says about it.
/// </summary>
/// <param name="Text">The main content as text: paragraphs separated by a blank line, headings and list items on lines of their own, the headline first.</param>
/// <param name="Title">The headline: og:title, else the first h1, else the title element.</param>
/// <param name="Published">The publication date the markup states (article:published_time, JSON-LD datePublished, meta date, a time element of the article), to the precision it states.</param>
/// <param name="CanonicalUrl">The page's own address (link rel=canonical, else og:url), absolute http or https; on the
/// page's site (www. aside) when the page's address is known, as it becomes the document's identity.</param>
/// <param name="Language">The primary language subtag of the html element's lang ("de" for "de-DE").</param>
public sealed record WebPage(string Text, string? Title, FuzzyDate? Published, Uri? CanonicalUrl, string? Language);
