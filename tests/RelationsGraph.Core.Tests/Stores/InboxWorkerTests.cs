using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

public sealed class InboxWorkerTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rg-inbox-" + Guid.NewGuid().ToString("N"));
    private string Inbox => Path.Combine(folder, "inbox");

    public InboxWorkerTests() => Directory.CreateDirectory(Inbox);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private InboxWorker Worker(IGraphStore store) => new(store,
        new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance),
        Options.Create(new WorkerOptions { Inbox = Inbox }), NullLogger<InboxWorker>.Instance);

    [Fact]
    public async Task PassIngestsNewDocumentsAndSetsAsideBadOnesWithTheReason()
    {
        File.Copy(RepositoryPaths.SeedFile, Path.Combine(Inbox, "seed.txt"));
        await File.WriteAllBytesAsync(Path.Combine(Inbox, "broken.txt"), [0xff, 0xfe, 0x00, 0x41]);
        using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = Path.Combine(folder, "data") }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);

        await Worker(store).PassAsync(default);

        Assert.Equal(1, (await store.CountAsync(default)).Documents);
        Assert.False(File.Exists(Path.Combine(Inbox, "broken.txt")));
        var reason = await File.ReadAllTextAsync(Path.Combine(Inbox, "rejected", "broken.txt.reason.txt"));
        Assert.Contains("UTF-8", reason);
        Assert.True(File.Exists(Path.Combine(Inbox, "seed.txt")));
    }

    [Fact]
    public async Task PassKeepsDocumentsInTheInboxWhenTheStoreIsUnavailable()
    {
        File.Copy(RepositoryPaths.SeedFile, Path.Combine(Inbox, "seed.txt"));
        var port = Neo4jTestServer.FreePort();
        using var store = new Neo4jGraphStore(Options.Create(new Neo4jOptions { Uri = $"http://127.0.0.1:{port}", MaxRetries = 1 }), NullLogger<Neo4jGraphStore>.Instance);

        await Assert.ThrowsAnyAsync<StoreUnavailableException>(() => Worker(store).PassAsync(default));

        Assert.True(File.Exists(Path.Combine(Inbox, "seed.txt")));
        Assert.False(Directory.Exists(Path.Combine(Inbox, "rejected")));
    }
}
