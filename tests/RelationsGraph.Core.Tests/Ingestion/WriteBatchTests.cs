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

    [Fact]
    public async Task PassResolvesTheRestOfAFailedBatchWithoutTheDocumentTheStoreRefused()
    {
        // The seed names the Consul General; the release after it does not, and resolves him from the seed while both wait in one batch.
        var seed = Path.GetFileName(RepositoryPaths.SeedFile);
        File.Copy(RepositoryPaths.SeedFile, Path.Combine(inbox, seed));
        await File.WriteAllTextAsync(Path.Combine(inbox, "001_generalkonsul-2021.txt"), Stores.GraphStoreConformance.UnnamedConsulGeneral);
        using var embedded = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);
        await embedded.InitializeAsync(default);
        var store = new RefusingStore(embedded, seed);
        var worker = new InboxWorker(store, new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance),
            Options.Create(new WorkerOptions { Inbox = inbox, BatchSize = 10, BatchMilliseconds = 60_000 }), NullLogger<InboxWorker>.Instance);

        await worker.PassAsync(default);

        Assert.Equal([2], store.BatchesTried);
        // one by one the seed is refused first, and the unnamed consul general stays unnamed: the seed lent nobody
        Assert.Equal(1, (await embedded.CountAsync(default)).Documents);
        Assert.Empty(await embedded.GetNodesAsync(["person:kiminori-iwama"], default));
        Assert.True(File.Exists(Path.Combine(inbox, "rejected", seed + ".reason.txt")));
    }

    [Fact]
    public async Task WriteAsyncWritesThePendingDocumentsFirstGivenAResolutionTheViewCannotDecide()
    {
        using var embedded = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);
        await embedded.InitializeAsync(default);
        await embedded.WriteDocumentAsync(PendingGraphTests.ConsulRelease("doc:stored", new FuzzyDate(2021, 6, 1), new Person("person:kikuko-kato", "Kikuko Kato", ["Kato"])), default);
        var store = new RefusingStore(embedded, refusedSource: "none");
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        // the extraction only gives the log its warnings: the graphs are made by hand
        var extraction = ingestor.Prepare(SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: "seed.txt")).Extraction;
        BatchDocument Waiting(DocumentGraph g) => new(g.Document.Id + ".txt", new PreparedDocument(extraction, g, TimeSpan.Zero), 0);
        // pending: the same person under another spelling of the same rank, published later, so it will be the name the store shows
        var respelled = PendingGraphTests.ConsulRelease("doc:respelled", new FuzzyDate(2022, 1, 10), new Person("person:kikuko-kato", "Kikuko KATO", ["Kato"]));
        var bySurname = PendingGraphTests.ConsulRelease("doc:surname", new FuzzyDate(2022, 2, 1), new Person("person:kato", "Kato", []));

        var results = await new WriteBatch(store, ingestor, 10, TimeSpan.FromMinutes(1), NullLogger.Instance).WriteAsync([Waiting(respelled), Waiting(bySurname)], default);

        Assert.All(results, r => Assert.Equal(IngestStatus.Added, r.Outcome?.Status));
        // which spelling the store shows depends on publication dates its merged node does not give: written first, then resolved against the store
        Assert.Equal([1, 1], store.BatchesTried);
        var linked = Assert.Single(store.Written["doc:surname"].Nodes, n => n.Node is Person).Node;
        Assert.Equal(("person:kikuko-kato", "Kikuko KATO"), (linked.Id, ((Person)linked).Name));
    }

    /// <summary>A store that refuses one document (as Neo4j refuses a statement), alone or in a batch: the whole batch fails then.</summary>
    private sealed class RefusingStore : DelegatingGraphStore, IGraphStore
    {
        private readonly IGraphStore target;
        private readonly string refusedSource;

        public RefusingStore(IGraphStore inner, string refusedSource) : base(inner) => (target, this.refusedSource) = (inner, refusedSource);

        public List<int> BatchesTried { get; } = [];

        /// <summary>What each document written in a batch stated.</summary>
        public Dictionary<string, DocumentGraph> Written { get; } = [];

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
            foreach (var g in graphs) Written[g.Document.Id] = g;
            return target.WriteDocumentsAsync(graphs, cancellationToken);
        }
    }
}
