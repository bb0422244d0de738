using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// The worker writes documents that wait together in batches (one transaction each on Neo4j), and every
/// document ends as it would one by one: the same outcome, the same nodes and relationships, resolved
/// against the documents before it even when they share its batch.
/// </summary>
public abstract partial class GraphStoreConformance
{
    /// <summary>After the seed (which knows the Consul General of 2020) in name order: an unnamed "Generalkonsul" the seed resolves.</summary>
    internal const string UnnamedConsulGeneral = """
        Ministerpräsident Laschet empfängt Generalkonsul

        Düsseldorf, 12. Februar 2021

        Ministerpräsident Armin Laschet hat am Donnerstag, 11. Februar 2021, den Generalkonsul von Japan in Nordrhein-Westfalen in der Staatskanzlei in Düsseldorf empfangen. Im Mittelpunkt standen die wirtschaftlichen Beziehungen zwischen Nordrhein-Westfalen und Japan.
        """;

    [Fact]
    public async Task WorkerWritesDocumentsInBatchesWithTheOutcomeOfOneByOne()
    {
        var inbox = Directory.CreateTempSubdirectory("rg-batches-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.txt").Append(RepositoryPaths.SeedFile))
                File.Copy(f, Path.Combine(inbox, Path.GetFileName(f)));
            await File.WriteAllTextAsync(Path.Combine(inbox, "001_generalkonsul-2021.txt"), UnnamedConsulGeneral);
            var files = DocumentIngestor.FilesAt(inbox);

            // one by one, as `relationsgraph ingest` writes them
            using var reference = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);
            await reference.InitializeAsync(default);
            var alone = new WriteRecorder(reference);
            var ingestor = new DocumentIngestor(alone, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
            foreach (var f in files) await ingestor.IngestFileAsync(f, default);
            // the test means something only if a document resolves against one before it
            Assert.Contains(alone.Written["doc:001-generalkonsul-2021"].Graph.Nodes, n => n.Node.Id == "person:kiminori-iwama");

            var batched = new WriteRecorder(store);
            var worker = new InboxWorker(batched, new DocumentIngestor(batched, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance),
                Options.Create(new WorkerOptions { Inbox = inbox, BatchSize = 8, BatchMilliseconds = 60_000 }), NullLogger<InboxWorker>.Instance);
            await worker.PassAsync(default);

            // Batches fill: the documents that resolve against pending ones (nearly all share an office or a
            // family name with one) no longer make the batch write what waits first.
            Assert.Equal(alone.Written.Keys.Order(StringComparer.Ordinal), batched.Written.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(alone.Written.Keys.Chunk(8).Select(c => c.Length), batched.Batches);
            // the unnamed consul general resolved to the one the seed names, in the seed's batch (not yet written)
            Assert.Equal(batched.BatchOf[Seed.Document.Id], batched.BatchOf["doc:001-generalkonsul-2021"]);
            foreach (var (id, one) in alone.Written)
            {
                var (graph, outcome) = batched.Written[id];
                Assert.Equal(one.Outcome, outcome);
                Assert.Equal(Json(one.Graph), Json(graph));
            }
            var (expected, actual) = (await reference.CountAsync(default), await store.CountAsync(default));
            Assert.Equal((expected.Documents, expected.Nodes, expected.Edges), (actual.Documents, actual.Nodes, actual.Edges));
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    /// <summary>A document's graph as JSON, its nodes (each as its own kind, with all its properties) and edges in id order, for comparing all of it.</summary>
    private static string Json(DocumentGraph g)
    {
        static string Json(object x) => System.Text.Json.JsonSerializer.Serialize(x, x.GetType());
        return string.Join("\n", [Json(g.Document),
            .. g.Nodes.OrderBy(n => n.Node.Id, StringComparer.Ordinal).Select(n => Json(n.Node) + Json(n.Evidence)),
            .. g.Edges.OrderBy(e => e.Edge.Id, StringComparer.Ordinal).Select(Json)]);
    }

    /// <summary>A store that remembers what each document wrote, with its outcome, the size of every batch and which batch wrote each document.</summary>
    private sealed class WriteRecorder : DelegatingGraphStore, IGraphStore
    {
        private readonly IGraphStore target;

        public WriteRecorder(IGraphStore inner) : base(inner) => target = inner;

        public Dictionary<string, (DocumentGraph Graph, IngestOutcome Outcome)> Written { get; } = new(StringComparer.Ordinal);

        public List<int> Batches { get; } = [];

        public Dictionary<string, int> BatchOf { get; } = new(StringComparer.Ordinal);

        public override async Task<IngestOutcome> WriteDocumentAsync(DocumentGraph graph, CancellationToken cancellationToken)
        {
            var outcome = await base.WriteDocumentAsync(graph, cancellationToken);
            Written[graph.Document.Id] = (graph, outcome);
            return outcome;
        }

        public async Task<IReadOnlyList<IngestOutcome>> WriteDocumentsAsync(IReadOnlyList<DocumentGraph> graphs, CancellationToken cancellationToken)
        {
            Batches.Add(graphs.Count);
            var outcomes = await target.WriteDocumentsAsync(graphs, cancellationToken);
            for (var i = 0; i < graphs.Count; i++)
            {
                Written[graphs[i].Document.Id] = (graphs[i], outcomes[i]);
                BatchOf[graphs[i].Document.Id] = Batches.Count;
            }
            return outcomes;
        }
    }
}
