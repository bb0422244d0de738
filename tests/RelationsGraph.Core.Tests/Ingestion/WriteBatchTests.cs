using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Ingestion;

/// <summary>The worker's batches when the store refuses a document: the others are written, the refused one is set aside with the reason.</summary>
public sealed class WriteBatchTests : IDisposable
{
    private readonly string inbox = Directory.CreateTempSubdirectory("rg-batch-").FullName;

    public void Dispose() => Directory.Delete(inbox, recursive: true);

    [Fact]
    public async Task PassWritesTheRestOfABatchGivenADocumentTheStoreRefuses()
    {
        var corpus = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.txt").Order(StringComparer.Ordinal).Take(6).ToList();
        foreach (var f in corpus) File.Copy(f, Path.Combine(inbox, Path.GetFileName(f)));
        var poisoned = Path.GetFileName(corpus[2]);
        using var embedded = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);
        await embedded.InitializeAsync(default);
        var store = new RefusingStore(embedded, poisoned);
        var worker = new InboxWorker(store, new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance),
            Options.Create(new WorkerOptions { Inbox = inbox, BatchSize = 10, BatchMilliseconds = 60_000 }), NullLogger<InboxWorker>.Instance);

        await worker.PassAsync(default);

        Assert.Contains(store.BatchesTried, b => b > 1);
        Assert.Equal(corpus.Count - 1, (await embedded.CountAsync(default)).Documents);
        Assert.False(File.Exists(Path.Combine(inbox, poisoned)));
        var reason = await File.ReadAllTextAsync(Path.Combine(inbox, "rejected", poisoned + ".reason.txt"));
        Assert.Contains("The store refused this document", reason);
        Assert.Contains("bad row", reason);
        Assert.All(corpus.Select(Path.GetFileName).Where(f => f != poisoned), f => Assert.True(File.Exists(Path.Combine(inbox, f!))));
    }

    /// <summary>A store that refuses one document (as Neo4j refuses a statement), alone or in a batch: the whole batch fails then.</summary>
    private sealed class RefusingStore : DelegatingGraphStore, IGraphStore
    {
        private readonly IGraphStore target;
        private readonly string refusedSource;

        public RefusingStore(IGraphStore inner, string refusedSource) : base(inner) => (target, this.refusedSource) = (inner, refusedSource);

        public List<int> BatchesTried { get; } = [];

        private void Check(DocumentGraph g)
        {
            if (g.Document.SourceName == refusedSource) throw new InvalidOperationException($"bad row in {g.Document.Id}");
        }

        public override Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken)
        {
            Check(graph);
            return base.WriteDocumentAsync(graph, cancellationToken);
        }

        public Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken)
        {
            BatchesTried.Add(graphs.Count);
            foreach (var g in graphs) Check(g);
            return target.WriteDocumentsAsync(graphs, cancellationToken);
        }
    }
}
