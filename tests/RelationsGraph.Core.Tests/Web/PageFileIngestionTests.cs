using RelationsGraph.Core.Tests.Ingestion;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Web;

/// <summary>A saved newsroom page dropped into the inbox or given to <c>ingest</c>: stored with the page's headline and date, without the site's names.</summary>
public sealed class PageFileIngestionTests() : EmbeddedIngestionTests("rg-pages-")
{
    private static readonly Release Release = new("antrittsbesuch", "Ministerpräsidentin empfängt Generalkonsul von Japan",
    [
        "Ministerpräsidentin Karla Beispiel hat heute den neuen Generalkonsul von Japan in Düsseldorf, Hiroshi Tanabe, zu seinem Antrittsbesuch in der Staatskanzlei empfangen.",
        "Im Mittelpunkt des Gesprächs standen die Zusammenarbeit in Wissenschaft und Forschung sowie der Austausch von Studierenden zwischen Nordrhein-Westfalen und Japan.",
        "In Nordrhein-Westfalen leben rund 9.000 Japanerinnen und Japaner, mehr als 600 japanische Unternehmen haben hier ihren Sitz.",
    ], "2024-05-15", "de", "https://www.example.org/presse/antrittsbesuch");

    [Theory]
    [InlineData("state-chancellery")]
    [InlineData("ministry")]
    [InlineData("english-government")]
    public async Task IngestStoresTheReleaseWithThePagesHeadlineAndDateGivenAnHtmlFile(string layout)
    {
        var file = Path.Combine(folder, "antrittsbesuch.html");
        await File.WriteAllTextAsync(file, NewsroomPages.All.Single(l => l.Name == layout).Render(Release));
        var result = await ingestor.IngestFileAsync(file, default);
        Assert.True(result.Outcome is { Status: IngestStatus.Added }, result.Error);

        var document = Assert.IsType<Document>(Assert.Single(await store.GetNodesAsync([result.Outcome!.DocumentId], default)));
        Assert.Equal(Release.Title, document.Title);
        Assert.Equal("2024-05-15", document.Published?.ToString());
        Assert.Equal("antrittsbesuch.html", document.SourceName);
        Assert.NotEmpty((await store.SearchAsync("Tanabe", new PageRequest(10), default)).Items);
        foreach (var name in new[] { "Lindqvist", "Mendes", "Tremblay", "Kowalczyk" })
            Assert.Empty((await store.SearchAsync(name, new PageRequest(10), default)).Items);

        // the same page again changes nothing
        var again = await ingestor.IngestFileAsync(file, default);
        Assert.Equal(IngestStatus.Unchanged, again.Outcome?.Status);
    }
}
