using Microsoft.Extensions.Logging.Abstractions;
using RelationsGraph.Export;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>Ingesting a corpus is idempotent: the second time changes nothing, down to the bytes of an export.</summary>
public abstract partial class GraphStoreConformance
{
    /// <summary>The subgraph around the corpus's countries, as GraphML and Cypher (the two writers that print every property).</summary>
    internal static async Task<(byte[] GraphML, byte[] Cypher)> ExportAroundCountriesAsync(IGraphStore store)
    {
        var countries = new[] { "DE", "JP", "US", "FR", "PL", "CN", "NL", "KR", "IT", "BR", "SN", "ZA", "MX", "CA", "GB", "AT", "SK", "RW" };
        var present = (await store.GetNodesAsync(countries, default)).Select(n => n.Id).ToList();
        var subgraph = await new RelationQueries(store).SubgraphAsync(new SubgraphRequest(present, Depth: 3, MaxNodes: 100_000), default);
        using var graphml = new MemoryStream();
        new GraphMLWriter().Write(subgraph, graphml);
        using var cypher = new MemoryStream();
        new CypherScriptWriter().Write(subgraph, cypher);
        return (graphml.ToArray(), cypher.ToArray());
    }

    [Fact]
    public async Task IngestingTheCorpusTwiceGivesAByteIdenticalExport()
    {
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        var corpus = Path.Combine(RepositoryPaths.Root, "tests", "corpus");
        var first = await ingestor.IngestPathAsync(corpus, null, default);
        Assert.Contains(first, f => f.Outcome?.Status == IngestStatus.Added);
        var counts = await store.CountAsync(default);
        var before = await ExportAroundCountriesAsync(store);
        Assert.True(before.GraphML.Length > 10_000, "the export should hold a good part of the corpus");

        var second = await ingestor.IngestPathAsync(corpus, null, default);
        Assert.All(second.Where(f => f.Error is null), f => Assert.Equal(IngestStatus.Unchanged, f.Outcome!.Status));
        var after = await ExportAroundCountriesAsync(store);
        Assert.Equal(counts.Nodes, (await store.CountAsync(default)).Nodes);
        Assert.Equal(counts.Edges, (await store.CountAsync(default)).Edges);
        Assert.Equal(before.GraphML, after.GraphML);
        Assert.Equal(before.Cypher, after.Cypher);

        store = await ReopenAsync(store);
        var reopened = await ExportAroundCountriesAsync(store);
        Assert.Equal(before.GraphML, reopened.GraphML);
    }
}
