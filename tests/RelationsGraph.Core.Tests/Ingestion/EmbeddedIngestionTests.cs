using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Ingestion;

/// <summary>Tests that ingest documents as the service does: each starts with a fresh embedded store in a temporary folder (deleted after) and the ingestor on it.</summary>
public abstract class EmbeddedIngestionTests(string folderPrefix) : IAsyncLifetime
{
    protected readonly string folder = Path.Combine(Path.GetTempPath(), folderPrefix + Guid.NewGuid().ToString("N"));
    protected EmbeddedGraphStore store = null!;
    protected DocumentIngestor ingestor = null!;

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
}
