using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RelationsGraph.Model;

namespace RelationsGraph.Web;

/// <summary>What a page's markup says about the release: headline, title, publication date, own address, language.</summary>
internal sealed partial record PageMetadata(string? Headline, string? Title, FuzzyDate? Published, Uri? CanonicalUrl, string? Language)
{
    /// <summary>Where a date is published in the head, most specific first (Open Graph, Dublin Core, the common CMS names).</summary>
    private const string DateMeta =
        "meta[property='article:published_time'], meta[name='article:published_time'], meta[itemprop='datePublished'], " +
        "meta[name='dcterms.issued'], meta[name='DCTERMS.issued'], meta[name='dc.date.issued'], meta[name='DC.date.issued'], " +
        "meta[name='date'], meta[name='Date'], meta[name='dc.date'], meta[name='DC.date'], meta[name='DC.Date'], meta[name='dcterms.date'], " +
        "meta[name='DCTERMS.date'], meta[name='publishdate'], meta[name='pubdate'], meta[name='publish-date']";

    public static PageMetadata Of(IHtmlDocument document, Uri? pageUrl)
    {
        var headline = HeadlineOf(document);
        var ogTitle = Clean(document.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
        var title = ogTitle ?? headline ?? Clean(document.Title);
        return new PageMetadata(headline ?? ogTitle, title, PublishedOf(document), Canonical(document, pageUrl), LanguageOf(document));
    }

    /// <summary>The visible headline: the article's h1, not a logo set as h1 in the site's header.</summary>
    private static string? HeadlineOf(IHtmlDocument document)
    {
        var h1s = document.QuerySelectorAll("h1");
        var h1 = h1s.FirstOrDefault(h => h.Closest("main, [role=main], article") is not null)
            ?? h1s.FirstOrDefault(h => h.Closest("header, nav, footer, aside") is null);
        return Clean(h1?.TextContent);
    }

    private static FuzzyDate? PublishedOf(IHtmlDocument document)
    {
        foreach (var meta in document.QuerySelectorAll(DateMeta))
            if (DateOf(meta.GetAttribute("content")) is { } d) return d;
        if (JsonLdDate(document) is { } ld) return ld;
        // a time element of the release, not of a teaser in a side box or the footer
        var times = document.QuerySelectorAll("time[datetime]").Where(t => t.Closest("aside, nav, footer, [class*=related], [class*=teaser]") is null).ToList();
        foreach (var t in times.Where(t => t.Closest("main, [role=main], article") is not null).Concat(times))
            if (DateOf(t.GetAttribute("datetime")) is { } d) return d;
        return null;
    }

    private static FuzzyDate? JsonLdDate(IHtmlDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (Find(json.RootElement, "datePublished", 0) is { } value && DateOf(value) is { } d) return d;
            }
            catch (JsonException)
            {
                // broken JSON-LD is common; the other sources still count
            }
        }
        return null;
    }

    private static string? Find(JsonElement e, string property, int depth)
    {
        if (depth > 8) return null;
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
            foreach (var p in e.EnumerateObject())
                if (Find(p.Value, property, depth + 1) is { } found) return found;
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                if (Find(item, property, depth + 1) is { } found) return found;
        }
        return null;
    }

    /// <summary>
    /// A date as markup writes it: ISO 8601 ("2024-05-16", "2024-05-16T10:00:00+02:00": the day the
    /// publisher wrote, not converted to UTC), "2024-05", or the German "16.05.2024" some CMSs put in meta tags.
    /// </summary>
    internal static FuzzyDate? DateOf(string? value)
    {
        if (value is null) return null;
        value = value.Trim();
        var iso = IsoDate().Match(value);
        if (iso.Success && FuzzyDate.TryParse(iso.Value, out var d)) return d;
        var dotted = DottedDate().Match(value);
        if (dotted.Success && int.TryParse(dotted.Groups[1].Value, out var day) && int.TryParse(dotted.Groups[2].Value, out var month)
            && FuzzyDate.TryParse($"{dotted.Groups[3].Value}-{month:00}-{day:00}", out var g))
            return g;
        return null;
    }

    private static Uri? Canonical(IHtmlDocument document, Uri? pageUrl)
    {
        foreach (var href in new[]
        {
            document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href"),
            document.QuerySelector("meta[property='og:url']")?.GetAttribute("content"),
        })
        {
            if (string.IsNullOrWhiteSpace(href)) continue;
            var ok = pageUrl is null ? Uri.TryCreate(href.Trim(), UriKind.Absolute, out var url) : Uri.TryCreate(pageUrl, href.Trim(), out url);
            // the address is the document's identity: a page may not claim another site's document
            if (ok && url!.Scheme is "http" or "https" && (pageUrl is null || SameSite(url, pageUrl))) return url;
        }
        return null;
    }

    private static bool SameSite(Uri a, Uri b) =>
        string.Equals(WithoutWww(a.IdnHost), WithoutWww(b.IdnHost), StringComparison.OrdinalIgnoreCase);

    private static string WithoutWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    private static string? LanguageOf(IHtmlDocument document)
    {
        var lang = document.DocumentElement.GetAttribute("lang") ?? document.DocumentElement.GetAttribute("xml:lang")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content");
        var primary = lang?.Split('-', '_', ',')[0].Trim().ToLowerInvariant();
        return primary is { Length: 2 or 3 } && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    private static string? Clean(string? s)
    {
        if (s is null) return null;
        s = Spaces().Replace(s, " ").Trim();
        return s.Length == 0 ? null : s;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}(-\d{2})?(?=$|[T ])")]
    private static partial Regex IsoDate();
    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")]
    private static partial Regex DottedDate();
    [GeneratedRegex(@"[ \t\n\r\f]+")]
    private static partial Regex Spaces();
}
