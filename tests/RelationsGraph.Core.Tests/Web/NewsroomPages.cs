using System.Net;
using System.Text;

namespace RelationsGraph.Core.Tests.Web;

/// <summary>A press release to put on a page: its headline, its paragraphs (lines within a paragraph kept), and what a CMS knows about it.</summary>
public sealed record Release(string Name, string Title, IReadOnlyList<string> Paragraphs, string? Published, string Language, string Url)
{
    /// <summary>A release from its plain text: the first line is the headline, blank lines separate paragraphs.</summary>
    public static Release FromText(string name, string text, string? published, string? language, string? url)
    {
        var blocks = text.Replace("\r\n", "\n").Split("\n\n").Select(b => b.Trim('\n')).Where(b => b.Trim().Length > 0).ToList();
        var lines = blocks[0].Split('\n');
        var title = lines[0];
        var rest = lines.Length > 1 ? [string.Join("\n", lines[1..]), .. blocks.Skip(1)] : blocks.Skip(1).ToList();
        return new Release(name, title, rest, published, language ?? "de", url ?? $"https://www.example.org/presse/{name}");
    }
}

/// <summary>
/// Newsroom pages written for the tests, shaped like real government CMSs: a release wrapped in
/// navigation, a cookie banner, a share bar, a related-articles box with other headlines and names, and a
/// footer with addresses. Each layout names its parts in its own way and states the date differently:
/// the state chancellery in meta tags and a time element (the release's date line moved there), the
/// ministry in JSON-LD (the date line stays in the text), the consulate only in the text, the English
/// government site only in a time element (the date line moved there).
/// The site around the release names people, offices and places on purpose: read as content, they would
/// be extracted as facts.
/// </summary>
public static class NewsroomPages
{
    public sealed record Layout(string Name, Func<Release, string> Render)
    {
        public override string ToString() => Name;
    }

    public static readonly IReadOnlyList<Layout> All =
    [
        new("state-chancellery", StateChancellery),
        new("ministry", Ministry),
        new("consulate", Consulate),
        new("english-government", EnglishGovernment),
    ];

    /// <summary>Words of the site around every layout's release: none may appear in the text read from a page.</summary>
    public static readonly IReadOnlyList<string> BoilerplateMarkers =
    [
        "Diese Website verwendet Cookies", "Alle akzeptieren", "We use some essential cookies", "Accept additional cookies",
        "Teilen auf", "Share this page", "Seite empfehlen",
        "Hauptnavigation", "Zum Inhalt springen", "Skip to main content", "Menü",
        "Weitere Pressemitteilungen", "Das könnte Sie auch interessieren", "Related content", "Aktuelle Meldungen",
        "Gouverneurin Maria Lindqvist", "Botschafter Carlos Mendes", "Premier Jean Tremblay", "Bürgermeisterin Anna Kowalczyk",
        "Horionplatz 1", "Wilhelmstraße 54", "Immermannstraße 45", "70 Whitehall",
        "Impressum", "Datenschutz", "Barrierefreiheit", "Crown copyright",
    ];

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A paragraph's lines as the CMS writes them: one p, its line breaks as br.</summary>
    private static string Paragraphs(Release r, string pClass = "") =>
        string.Concat(r.Paragraphs.Select(p => $"<p{(pClass.Length > 0 ? $" class=\"{pClass}\"" : "")}>{string.Join("<br>\n", p.Split('\n').Select(E))}</p>\n"));

    /// <summary>
    /// The release as a CMS with a date field shows it: its date line ("15. Mai 2024", "15.05.2024",
    /// "May 15, 2024" alone in a paragraph) is not in the body but in the layout's date slot.
    /// </summary>
    private static Release DateInSlot(Release r) => r.Published is not { } iso ? r : r with { Paragraphs = [.. r.Paragraphs.Where(p => !DateForms(iso).Contains(p.Trim()))] };

    private static string[] GermanMonths => ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static HashSet<string> DateForms(string iso)
    {
        var d = DateOnly.ParseExact(iso, "yyyy-MM-dd");
        var en = System.Globalization.CultureInfo.InvariantCulture;
        return [GermanDate(iso), $"{d.Day}. {GermanMonths[d.Month - 1]} {d.Year}", $"{d.Day:00}. {GermanMonths[d.Month - 1]} {d.Year}", EnglishDate(iso), d.ToString("MMMM d, yyyy", en), iso];
    }

    private static string GermanDate(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd").ToString("dd.MM.yyyy");

    private static string EnglishDate(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd").ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A Land's state chancellery: semantic HTML5, Open Graph and article:published_time in the head, the date in a time element of the article header.</summary>
    private static string StateChancellery(Release release) => StateChancelleryPage(DateInSlot(release));

    private static string StateChancelleryPage(Release r) => $$"""
        <!DOCTYPE html>
        <html lang="{{r.Language}}-DE" class="no-js">
        <head>
          <meta charset="utf-8">
          <title>{{E(r.Title)}} | Landesregierung</title>
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta property="og:type" content="article">
          <meta property="og:title" content="{{E(r.Title)}}">
          <meta property="og:url" content="{{E(r.Url)}}">
          {{(r.Published is { } p ? $"<meta property=\"article:published_time\" content=\"{p}T10:30:00+02:00\">" : "")}}
          <link rel="canonical" href="{{E(r.Url)}}">
          <link rel="stylesheet" href="/static/css/main.css">
          <style>.cookie-notice { position: fixed; bottom: 0 } body { font-family: sans-serif }</style>
          <script>document.documentElement.className = 'js';</script>
        </head>
        <body>
          <a class="skip" href="#content">Zum Inhalt springen</a>
          <header class="page-header">
            <a href="/" class="logo"><img src="/logo.svg" alt="Landesregierung"></a>
            <nav aria-label="Hauptnavigation">
              <ul>
                <li><a href="/landesregierung">Landesregierung</a></li>
                <li><a href="/ministerpraesident">Ministerpräsident</a></li>
                <li><a href="/themen">Themen</a></li>
                <li><a href="/presse">Presse</a></li>
                <li><a href="/international">Internationales</a></li>
              </ul>
              <button class="menu-toggle">Menü</button>
            </nav>
          </header>
          <div class="cookie-notice" role="dialog" aria-label="Cookie-Hinweis">
            <p>Diese Website verwendet Cookies, um die Nutzung statistisch auszuwerten. Weitere Informationen finden Sie in unserer Datenschutzerklärung.</p>
            <button>Alle akzeptieren</button> <button>Nur notwendige</button>
          </div>
          <main id="content">
            <ol class="breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/presse">Presse</a></li><li>Pressemitteilung</li></ol>
            <article class="press-release">
              <header>
                <p class="kicker">Pressemitteilung</p>
                <h1>{{E(r.Title)}}</h1>
                {{(r.Published is { } d ? $"<p class=\"meta\"><time datetime=\"{d}\">{GermanDate(d)}</time></p>" : "")}}
              </header>
              <div class="text">
        {{Paragraphs(r)}}
              </div>
              <div class="share-bar">
                <span>Teilen auf:</span>
                <a href="https://www.facebook.com/sharer/sharer.php">Facebook</a>
                <a href="https://x.com/intent/tweet">X</a>
                <a href="https://www.linkedin.com/shareArticle">LinkedIn</a>
                <a href="mailto:?subject=Pressemitteilung">E-Mail</a>
              </div>
            </article>
            <aside class="related">
              <h2>Weitere Pressemitteilungen</h2>
              <ul>
                <li><a href="/presse/1"><time datetime="2019-03-02">02.03.2019</time> Ministerpräsident empfängt Gouverneurin Maria Lindqvist aus Schweden</a></li>
                <li><a href="/presse/2"><time datetime="2018-11-20">20.11.2018</time> Landesregierung unterzeichnet Abkommen mit der Provinz Ontario</a></li>
                <li><a href="/presse/3"><time datetime="2018-07-14">14.07.2018</time> Botschafter Carlos Mendes aus Brasilien zu Gast in der Staatskanzlei</a></li>
              </ul>
            </aside>
          </main>
          <footer class="page-footer">
            <address>Staatskanzlei, Horionplatz 1, 40213 Düsseldorf, Telefon 0211 837-01</address>
            <ul><li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li><li><a href="/barrierefreiheit">Barrierefreiheit</a></li></ul>
          </footer>
          <script src="/static/js/main.js"></script>
        </body>
        </html>
        """;

    /// <summary>A federal ministry on a div-based CMS: class names of its own, JSON-LD NewsArticle, the date visible only as a line of the release.</summary>
    private static string Ministry(Release r) => $$"""
        <!DOCTYPE html>
        <html lang="{{r.Language}}">
        <head>
          <meta charset="utf-8">
          <title>Bundesministerium - {{E(r.Title)}}</title>
          <meta name="description" content="{{E(r.Title)}}">
          <script type="application/ld+json">
          {{JsonLd(r)}}
          </script>
        </head>
        <body class="t-press">
          <div id="wrapper">
            <div class="c-topbar"><a href="#main-nav">Hauptnavigation</a> <a href="/leichte-sprache">Leichte Sprache</a> <a href="/en">English</a></div>
            <div class="c-masthead">
              <div class="c-masthead__logo">Bundesministerium</div>
              <div class="c-mainnav" id="main-nav">
                <a href="/ministerium">Ministerium</a> | <a href="/themen">Themen</a> | <a href="/service">Service</a> | <a href="/presse">Presse</a>
              </div>
            </div>
            <div class="l-content">
              <div class="c-article">
                <h1 class="c-article__title">{{E(r.Title)}}</h1>
                <div class="c-article__body rte">
        {{Paragraphs(r)}}
                </div>
                <div class="c-socialshare">
                  <span>Seite empfehlen</span> <a href="#">Facebook</a> <a href="#">Mastodon</a> <a href="#">Drucken</a>
                </div>
              </div>
              <div class="c-teaser-list">
                <h2>Das könnte Sie auch interessieren</h2>
                <div class="c-teaser"><a href="/a">Premier Jean Tremblay aus Québec zu Gesprächen in Berlin</a></div>
                <div class="c-teaser"><a href="/b">Staatssekretärin reist nach Japan und Südkorea</a></div>
                <div class="c-teaser"><a href="/c">Bürgermeisterin Anna Kowalczyk aus Danzig besucht das Ministerium</a></div>
              </div>
            </div>
            <div class="c-footer">
              <p>Bundesministerium, Wilhelmstraße 54, 10117 Berlin</p>
              <p><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a> · <a href="/barrierefreiheit">Barrierefreiheit</a></p>
            </div>
          </div>
          <div id="cookie-consent" class="c-consent">
            <p>Diese Website verwendet Cookies. Sie können selbst entscheiden, welche Kategorien Sie zulassen möchten.</p>
            <a href="#" class="btn">Alle akzeptieren</a>
          </div>
        </body>
        </html>
        """;

    private static string JsonLd(Release r)
    {
        var article = new System.Text.Json.Nodes.JsonObject
        {
            ["@type"] = "NewsArticle",
            ["headline"] = r.Title,
            ["mainEntityOfPage"] = r.Url,
            ["publisher"] = new System.Text.Json.Nodes.JsonObject { ["@type"] = "Organization", ["name"] = "Bundesministerium" },
        };
        if (r.Published is { } p) article["datePublished"] = p + "T09:00:00+01:00";
        var graph = new System.Text.Json.Nodes.JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["@type"] = "Organization", ["name"] = "Bundesministerium" }, article),
        };
        return graph.ToJsonString();
    }

    /// <summary>A consulate's small site: no metadata in the head at all, tables and ids of an older CMS; the date is only in the release's text.</summary>
    private static string Consulate(Release r) => $$"""
        <html lang="{{r.Language}}">
        <head>
          <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
          <title>Generalkonsulat</title>
          <script type="text/javascript">var _paq = window._paq || []; _paq.push(['trackPageView']);</script>
        </head>
        <body>
        <div id="header">
          <table width="100%"><tr><td><img src="/img/emblem.gif" alt=""></td><td><b>Generalkonsulat</b><br>Düsseldorf</td></tr></table>
        </div>
        <div id="menu">
          <ul><li><a href="/index.html">Startseite</a></li><li><a href="/visa.html">Visa</a></li><li><a href="/news.html">Aktuelle Meldungen</a></li><li><a href="/kontakt.html">Kontakt</a></li></ul>
        </div>
        <div id="cc-banner" class="cc-window">Diese Website verwendet Cookies. <a href="/datenschutz.html">Mehr erfahren</a> <a class="cc-btn">OK</a></div>
        <div id="contents">
          <h1>{{E(r.Title)}}</h1>
        {{Paragraphs(r)}}
          <p class="pagetop"><a href="#header">Seitenanfang</a></p>
        </div>
        <div id="news-box" class="box-news">
          <h3>Aktuelle Meldungen</h3>
          <p><a href="/news/1.html">Generalkonsul empfängt Gouverneurin Maria Lindqvist</a></p>
          <p><a href="/news/2.html">Kulturabend mit Botschafter Carlos Mendes</a></p>
        </div>
        <div id="footer">
          Generalkonsulat, Immermannstraße 45, 40210 Düsseldorf | <a href="/impressum.html">Impressum</a> | <a href="/datenschutz.html">Datenschutz</a>
        </div>
        </body>
        </html>
        """;

    /// <summary>An English-language government site in the GOV.UK manner: BEM classes, the date in a time element of the metadata block, no date meta tags.</summary>
    private static string EnglishGovernment(Release release) => EnglishGovernmentPage(DateInSlot(release));

    private static string EnglishGovernmentPage(Release r) => $$"""
        <!DOCTYPE html>
        <html lang="{{r.Language}}" class="govuk-template">
        <head>
          <meta charset="utf-8">
          <title>{{E(r.Title)}} - GOV.EXAMPLE</title>
          <link rel="canonical" href="{{E(r.Url)}}">
          <meta property="og:site_name" content="GOV.EXAMPLE">
          <meta name="govuk:format" content="press_release">
        </head>
        <body class="govuk-template__body">
          <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
          <div class="gem-c-cookie-banner govuk-clearfix" id="global-cookie-message" role="region" aria-label="Cookies on GOV.EXAMPLE">
            <h2>Cookies on GOV.EXAMPLE</h2>
            <p>We use some essential cookies to make this website work. We'd like to set additional cookies to understand how you use the site.</p>
            <button class="govuk-button">Accept additional cookies</button> <button class="govuk-button">Reject additional cookies</button>
          </div>
          <header class="gem-c-layout-header" role="banner">
            <a href="/" class="govuk-header__link--homepage">GOV.EXAMPLE</a>
            <nav class="gem-c-layout-super-navigation-header"><a href="/browse">Topics</a> <a href="/government">Government activity</a> <a href="/search">Search</a></nav>
          </header>
          <div class="govuk-width-container">
            <div class="gem-c-breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/world">International</a></li></ol></div>
            <main class="govuk-main-wrapper" id="main-content" role="main" lang="{{r.Language}}">
              <div class="gem-c-title"><span class="gem-c-title__context">Press release</span><h1 class="gem-c-title__text">{{E(r.Title)}}</h1></div>
              <div class="gem-c-metadata">
                <dl><dt>From:</dt><dd><a href="/org">Department for International Relations</a></dd>
                {{(r.Published is { } d ? $"<dt>Published</dt><dd><time datetime=\"{d}\">{EnglishDate(d)}</time></dd>" : "")}}</dl>
              </div>
              <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                  <div class="gem-c-govspeak govuk-govspeak" data-module="govspeak">
        {{Paragraphs(r)}}
                  </div>
                  <div class="gem-c-share-links"><h2>Share this page</h2><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li></ul></div>
                </div>
                <div class="govuk-grid-column-one-third">
                  <div class="gem-c-related-navigation">
                    <h2>Related content</h2>
                    <ul>
                      <li><a href="/n/1">Premier Jean Tremblay meets Foreign Secretary</a></li>
                      <li><a href="/n/2">Bürgermeisterin Anna Kowalczyk visits Edinburgh</a></li>
                      <li><a href="/n/3">Botschafter Carlos Mendes signs memorandum with Wales</a></li>
                    </ul>
                  </div>
                </div>
              </div>
            </main>
          </div>
          <footer class="govuk-footer" role="contentinfo">
            <p>Department for International Relations, 70 Whitehall, London SW1A 2AS</p>
            <p>All content is available under the Open Government Licence v3.0. © Crown copyright</p>
          </footer>
        </body>
        </html>
        """;
}
