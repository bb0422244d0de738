using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;

namespace RelationsGraph.Api.Tests;

/// <summary>ingestDocument with format HTML over HTTP: the release read from its web page, the page's headline, date and address.</summary>
public sealed class IngestPageMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Canonical = "https://www.example.org/presse/2024/antrittsbesuch-generalkonsul";

    /// <summary>A newsroom page written for this test (fictional people): the release has no date in its text, only in the page's metadata.</summary>
    private const string Page = $$"""
        <!DOCTYPE html>
        <html lang="de-DE">
        <head>
          <title>Ministerpräsidentin empfängt Generalkonsul von Japan | Landesregierung</title>
          <meta property="og:title" content="Ministerpräsidentin empfängt Generalkonsul von Japan">
          <meta property="article:published_time" content="2024-05-15T11:00:00+02:00">
          <link rel="canonical" href="{{Canonical}}">
        </head>
        <body>
          <header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/presse">Presse</a></li></ul></nav></header>
          <div class="cookie-banner"><p>Diese Website verwendet Cookies.</p><button>Alle akzeptieren</button></div>
          <main>
            <article>
              <h1>Ministerpräsidentin empfängt Generalkonsul von Japan</h1>
              <p>Ministerpräsidentin Karla Beispiel hat heute den neuen Generalkonsul von Japan in Düsseldorf, Hiroshi Tanabe, zu seinem Antrittsbesuch in der Staatskanzlei empfangen.</p>
              <p>Im Mittelpunkt des Gesprächs standen die Zusammenarbeit in Wissenschaft und Forschung sowie der Austausch von Studierenden zwischen Nordrhein-Westfalen und Japan.</p>
              <p>„Japan ist einer unserer wichtigsten Partner in Asien“, sagte die Ministerpräsidentin. In Nordrhein-Westfalen leben rund 9.000 Japanerinnen und Japaner.</p>
              <div class="share-bar">Teilen auf: <a href="#">Facebook</a> <a href="#">E-Mail</a></div>
            </article>
            <aside class="related"><h2>Weitere Pressemitteilungen</h2>
              <ul><li><a href="/p/1">Ministerpräsidentin empfängt Gouverneurin Maria Lindqvist aus Schweden</a></li></ul></aside>
          </main>
          <footer><address>Staatskanzlei, Horionplatz 1, 40213 Düsseldorf</address></footer>
        </body>
        </html>
        """;

    private const string Mutation = """
        mutation Ingest($input: IngestDocumentInput!) {
          ingestDocument(input: $input) { status document { id title url published language } }
        }
        """;

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"].Str();

    [Fact]
    public async Task IngestsTheReleaseOfThePageWithItsHeadlineDateAndAddressGivenHtml()
    {
        try
        {
            var (status, body) = await api.PostAsync(Mutation, new { input = new { text = Page, format = "HTML" } }, ApiFactory.WriterKey);
            Assert.Equal(HttpStatusCode.OK, status);
            var added = body["data"]?["ingestDocument"];
            Assert.True(added?["status"].Str() == "ADDED", body.ToJsonString());
            Assert.Equal("Ministerpräsidentin empfängt Generalkonsul von Japan", added!["document"]!["title"].Str());
            Assert.Equal(Canonical, added["document"]!["url"].Str());
            Assert.Equal("2024-05-15", added["document"]!["published"].Str());
            Assert.Equal("de", added["document"]!["language"].Str());

            var events = await api.QueryAsync("""{ person(ref: "Hiroshi Tanabe") { name } search(text: "Lindqvist") { totalCount } }""");
            Assert.True(events["data"]?["person"]?["name"].Str() == "Hiroshi Tanabe", events.ToJsonString());
            Assert.Equal(0, events["data"]!["search"]!["totalCount"]!.GetValue<int>());

            // the same page again, as a feed would bring it: the canonical address is its identity
            var (_, again) = await api.PostAsync(Mutation, new { input = new { text = Page.Replace("<html lang", "<!-- neu --><html lang"), format = "HTML" } }, ApiFactory.WriterKey);
            Assert.Equal("UNCHANGED", again["data"]?["ingestDocument"]?["status"].Str());
            Assert.Equal(added["document"]!["id"].Str(), again["data"]!["ingestDocument"]!["document"]!["id"].Str());
        }
        finally
        {
            await api.Services.GetRequiredService<IGraphStore>().DeleteDocumentAsync(GraphIds.Document(Canonical, null, ""), default);
        }
    }

    [Theory]
    [InlineData("<html><body><nav><a href=\"/\">Startseite</a></nav><footer>Impressum</footer></body></html>", "DOCUMENT_REJECTED")]
    [InlineData("<html><body><p>Ministerpräsidentin Karla Beispiel empfing den Generalkonsul.</p></body></html>", "BAD_TITLE")]
    public async Task IsRefusedWithACodeGivenAPageWithoutReleaseOrHeadline(string page, string code)
    {
        var before = await api.StatsAsync();
        var (status, body) = await api.PostAsync(Mutation, new { input = new { text = page, format = "HTML" } }, ApiFactory.WriterKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Code(body) == code, body.ToJsonString());
        Assert.Equal(before, await api.StatsAsync());
    }
}
