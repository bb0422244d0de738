using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Web;

namespace RelationsGraph.Core.Tests.Web;

/// <summary>Reading newsroom pages: the release's text without the site around it, and the page's metadata.</summary>
public sealed class HtmlPageReaderTests
{
    /// <summary>A release written for these tests (fictional people), long enough for Readability to find it.</summary>
    private static readonly Release LongRelease = new("besuch", "Ministerpräsidentin empfängt Generalkonsul von Japan",
    [
        "Ministerpräsidentin Karla Beispiel hat heute den neuen Generalkonsul von Japan in Düsseldorf, Hiroshi Tanabe, zu seinem Antrittsbesuch in der Staatskanzlei empfangen.",
        "Im Mittelpunkt des Gesprächs standen die Zusammenarbeit in Wissenschaft und Forschung sowie der Austausch von Studierenden zwischen Nordrhein-Westfalen und der Präfektur Fukushima.",
        "„Japan ist einer unserer wichtigsten Partner in Asien“, sagte die Ministerpräsidentin. In Nordrhein-Westfalen leben rund 9.000 Japanerinnen und Japaner, mehr als 600 japanische Unternehmen haben hier ihren Sitz.",
        "Der Generalkonsul lud die Ministerpräsidentin zu einem Besuch in Tokio im kommenden Jahr ein.",
    ], "2024-05-15", "de", "https://www.example.org/presse/besuch");

    /// <summary>A two-sentence notice: too short for Readability, read by the fallback.</summary>
    private static readonly Release ShortRelease = new("kurz", "Generalkonsul zu Gast",
        ["Ministerpräsidentin Karla Beispiel empfing den Generalkonsul Hiroshi Tanabe."], "2024-05-15", "de", "https://www.example.org/presse/kurz");

    public static TheoryData<string, string> LayoutsAndReleases()
    {
        var data = new TheoryData<string, string>();
        foreach (var layout in NewsroomPages.All)
            foreach (var release in new[] { "long", "short" })
                data.Add(layout.Name, release);
        return data;
    }

    private static NewsroomPages.Layout LayoutNamed(string name) => NewsroomPages.All.Single(l => l.Name == name);

    [Theory]
    [MemberData(nameof(LayoutsAndReleases))]
    public void ReadKeepsTheReleaseAndDropsTheSiteGivenAnyNewsroomLayout(string layout, string which)
    {
        var release = which == "long" ? LongRelease : ShortRelease;
        var page = HtmlPageReader.Read(LayoutNamed(layout).Render(release), new Uri(release.Url));
        // the headline before the release's first paragraph (a kicker such as "Pressemitteilung" may come before it)
        Assert.InRange(page.Text.IndexOf(release.Title, StringComparison.Ordinal), 0, page.Text.IndexOf(release.Paragraphs[0], StringComparison.Ordinal));
        foreach (var paragraph in release.Paragraphs) Assert.Contains(paragraph, page.Text);
        foreach (var marker in NewsroomPages.BoilerplateMarkers) Assert.DoesNotContain(marker, page.Text);
    }

    [Theory]
    [MemberData(nameof(LayoutsAndReleases))]
    public void ExtractionFindsNoneOfTheSitesNamesGivenAnyNewsroomLayout(string layout, string which)
    {
        var release = which == "long" ? LongRelease : ShortRelease;
        var r = new PressReleaseExtractor().Extract(SourceText.From(HtmlPageReader.Read(LayoutNamed(layout).Render(release), new Uri(release.Url))));
        Assert.Contains(r.Persons, p => p.Name == "Hiroshi Tanabe");
        Assert.DoesNotContain(r.Persons, p => p.Name.Contains("Lindqvist") || p.Name.Contains("Mendes") || p.Name.Contains("Tremblay") || p.Name.Contains("Kowalczyk"));
        Assert.DoesNotContain(r.Places, p => p.Name is "Schweden" or "Brasilien" or "Ontario" or "Québec" or "Danzig" or "Wales");
    }

    [Fact]
    public void ReadKeepsParagraphsHeadingsAndListItemsApartGivenMarkup()
    {
        var page = HtmlPageReader.Read("""
            <html><body><main>
            <h1>Delegation  reist nach
              Kanada</h1>
            <p>Die Delegation reist am <b>12. März</b> nach Ottawa.<br>Sie trifft dort Vertreter der Provinz.</p>
            <h2>Programm</h2>
            <ul><li>Gespräch im Parlament</li><li>Besuch einer Hochschule</li></ul>
            <div><p>Weitere Informationen folgen.</p></div>
            </main></body></html>
            """, null);
        Assert.Equal("Delegation reist nach Kanada\n\nDie Delegation reist am 12. März nach Ottawa.\nSie trifft dort Vertreter der Provinz.\n\nProgramm\n\nGespräch im Parlament\nBesuch einer Hochschule\n\nWeitere Informationen folgen.", page.Text);
    }

    [Fact]
    public void ReadTakesTitleDateAddressAndLanguageGivenTheStateChancelleryLayout()
    {
        var page = HtmlPageReader.Read(LayoutNamed("state-chancellery").Render(LongRelease), null);
        Assert.Equal(LongRelease.Title, page.Title);
        Assert.Equal("2024-05-15", page.Published?.ToString());
        Assert.Equal(new Uri(LongRelease.Url), page.CanonicalUrl);
        Assert.Equal("de", page.Language);
    }

    [Fact]
    public void ReadTakesTheDateFromJsonLdGivenTheMinistryLayout() =>
        Assert.Equal("2024-05-15", HtmlPageReader.Read(LayoutNamed("ministry").Render(LongRelease), null).Published?.ToString());

    [Fact]
    public void ReadTakesTheDateFromTheTimeElementGivenTheEnglishGovernmentLayout() =>
        Assert.Equal("2024-05-15", HtmlPageReader.Read(LayoutNamed("english-government").Render(LongRelease with { Language = "en" }), null).Published?.ToString());

    [Fact]
    public void ReadFindsNoDateGivenAPageThatStatesItOnlyInItsText()
    {
        // the consulate's page has no date in its markup; the related box's dates are not the release's
        var page = HtmlPageReader.Read(LayoutNamed("consulate").Render(LongRelease), null);
        Assert.Null(page.Published);
        Assert.Null(page.CanonicalUrl);
        Assert.Equal(LongRelease.Title, page.Title);
    }

    [Theory]
    [InlineData("""<meta property="og:title" content="Aus Open Graph"><title>Titel | Website</title></head><body><h1>Aus h1</h1>""", "Aus Open Graph")]
    [InlineData("""<title>Titel | Website</title></head><body><header><h1>Logo</h1></header><main><h1>Aus  h1</h1></main>""", "Aus h1")]
    [InlineData("""<title>Titel | Website</title></head><body>""", "Titel | Website")]
    public void ReadTakesTheTitleFromOpenGraphElseH1ElseTitle(string markup, string title) =>
        Assert.Equal(title, HtmlPageReader.Read($"<html><head>{markup}<p>Text.</p></body></html>", null).Title);

    [Theory]
    [InlineData("""<meta property="article:published_time" content="2023-02-28T23:30:00+01:00">""", "2023-02-28")]
    [InlineData("""<meta name="DC.date" content="28.02.2023">""", "2023-02-28")]
    [InlineData("""<meta name="date" content="2023-02">""", "2023-02")]
    [InlineData("""<script type="application/ld+json">[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-02-28"}]</script>""", "2023-02-28")]
    [InlineData("""<script type="application/ld+json">{ broken</script>""", null)]
    public void ReadTakesThePublicationDateFromTheHead(string head, string? date) =>
        Assert.Equal(date, HtmlPageReader.Read($"<html><head>{head}</head><body><p>Text.</p></body></html>", null).Published?.ToString());

    [Fact]
    public void ReadTakesTheArticlesTimeNotARelatedTeasersGivenOnlyTimeElements()
    {
        var page = HtmlPageReader.Read("""
            <html><body><aside><time datetime="2019-01-01">1.1.2019</time> Ältere Meldung</aside>
            <article><h1>Meldung</h1><time datetime="2023-02-28">28.02.2023</time><p>Text.</p></article></body></html>
            """, null);
        Assert.Equal("2023-02-28", page.Published?.ToString());
    }

    [Theory]
    [InlineData("""<link rel="canonical" href="/presse/2023/abkommen">""", "https://www.example.org/presse/2023/abkommen")]
    [InlineData("""<meta property="og:url" content="https://www.example.org/presse/og">""", "https://www.example.org/presse/og")]
    [InlineData("""<link rel="canonical" href="https://example.org/presse/ohne-www">""", "https://example.org/presse/ohne-www")]
    [InlineData("""<link rel="canonical" href="javascript:alert(1)">""", null)]
    [InlineData("""<link rel="canonical" href="https://other.example.com/presse/fremd">""", null)]
    public void ReadTakesTheCanonicalAddressOnThePagesSiteResolvedAgainstThePage(string head, string? url) =>
        Assert.Equal(url, HtmlPageReader.Read($"<html><head>{head}</head><body><p>Text.</p></body></html>", new Uri("https://www.example.org/presse/2023/abkommen?utm_source=feed"))?.CanonicalUrl?.AbsoluteUri);

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("en", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("", null)]
    [InlineData("x-klingon-99", null)]
    public void ReadTakesThePrimaryLanguageOfTheHtmlElement(string lang, string? language) =>
        Assert.Equal(language, HtmlPageReader.Read($"<html lang=\"{lang}\"><body><p>Text.</p></body></html>", null).Language);

    [Theory]
    [InlineData("state-chancellery")]
    [InlineData("english-government")]
    public void QuotesIndexTheTextReadFromThePage(string layout)
    {
        var html = LayoutNamed(layout).Render(LongRelease);
        var source = SourceText.From(HtmlPageReader.Read(html, new Uri(LongRelease.Url)));
        var r = new PressReleaseExtractor().Extract(source);
        var g = new GraphBuilder().Build(r);
        var evidence = g.Nodes.SelectMany(n => n.Evidence).Concat(g.Edges.SelectMany(e => e.Evidence)).ToList();
        Assert.NotEmpty(evidence);
        Assert.Equal(source.Text, r.Text);
        Assert.All(evidence, e => Assert.Equal(e.Quote, source.Text[e.Start..e.End]));
        var reception = Assert.Single(r.Events, e => e.Type == Model.EventType.Reception);
        Assert.StartsWith("Ministerpräsidentin Karla Beispiel hat heute", source.Text[reception.Quote.Start..reception.Quote.End]);
    }

    [Fact]
    public void ExtractionTakesThePagesDateGivenATextWithoutOne()
    {
        // the ministry's page states the date only in its JSON-LD; "heute" is that day
        var r = new PressReleaseExtractor().Extract(SourceText.From(LayoutNamed("ministry").Render(LongRelease), SourceFormat.Html));
        Assert.Equal("2024-05-15", r.Document.Published?.ToString());
        Assert.Equal(LongRelease.Title, r.Document.Title);
        Assert.Contains(r.Events, e => e.Date?.ToString() == "2024-05-15");
    }

    [Fact]
    public void ExtractionPrefersTheTextsDateGivenADateLineAndAnotherInTheMarkup()
    {
        var release = LongRelease with { Paragraphs = ["16.05.2024", .. LongRelease.Paragraphs] };
        var r = new PressReleaseExtractor().Extract(SourceText.From(LayoutNamed("ministry").Render(release), SourceFormat.Html));
        Assert.Equal("2024-05-16", r.Document.Published?.ToString());
    }

    [Fact]
    public void ExtractionTakesThePagesLanguageGivenATextTooShortToTell()
    {
        var r = new PressReleaseExtractor().Extract(SourceText.From("<html lang=\"en\"><body><h1>Governor Anna Example</h1><p>Ottawa.</p></body></html>", SourceFormat.Html));
        Assert.Equal("en", r.Document.Language);
    }

    [Fact]
    public void FromRejectsAPageWithNothingButItsSite() =>
        Assert.Throws<DocumentRejectedException>(() => SourceText.From(
            "<html><body><nav><a href=\"/\">Startseite</a></nav><div class=\"cookie-banner\">Diese Website verwendet Cookies.</div><footer>Impressum</footer></body></html>", SourceFormat.Html));

    [Fact]
    public void ReadOfAnHtmlFileGivesTheMainContentAndTheMetadata()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("page-").FullName, "besuch.html");
        try
        {
            File.WriteAllText(file, LayoutNamed("state-chancellery").Render(LongRelease));
            var source = SourceText.Read(file);
            Assert.Equal(SourceFormat.Html, source.Format);
            Assert.StartsWith(LongRelease.Title + "\n\n", source.Text);
            Assert.DoesNotContain("Cookies", source.Text);
            Assert.Equal(new Uri(LongRelease.Url), source.Page?.CanonicalUrl);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
