using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Web;

/// <summary>A saved newsroom page dropped into the inbox or given to <c>ingest</c>: stored with the page's headline and date, without the site's names.</summary>
public sealed class PageFileIngestionTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rg-pages-" + Guid.NewGuid().ToString("N"));
    private EmbeddedGraphStore store = null!;
    private DocumentIngestor ingestor = null!;

    private static readonly Release Release = new("antrittsbesuch", "Ministerpräsidentin empfängt Generalkonsul von Japan",
    [
        "Ministerpräsidentin Karla Beispiel hat heute den neuen Generalkonsul von Japan in Düsseldorf, Hiroshi Tanabe, zu seinem Antrittsbesuch in der Staatskanzlei empfangen.",
        "Im Mittelpunkt des Gesprächs standen die Zusammenarbeit in Wissenschaft und Forschung sowie der Austausch von Studierenden zwischen Nordrhein-Westfalen und Japan.",
        "In Nordrhein-Westfalen leben rund 9.000 Japanerinnen und Japaner, mehr als 600 japanische Unternehmen haben hier ihren Sitz.",
    ], "2024-05-15", "de", "https://www.example.org/presse/antrittsbesuch");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = Path.Combine(folder, "data") }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);
        ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

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
