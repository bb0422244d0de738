using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>Neo4j going away, wrong credentials, and moving a graph from the embedded store, against a real server.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jResilienceTests(Neo4jTestServer server)
{
    private static List<DocumentGraph> CorpusGraphs(int copies)
    {
        var extractor = new PressReleaseExtractor();
        var builder = new GraphBuilder();
        var files = DocumentIngestor.FilesAt(Path.Combine(RepositoryPaths.Root, "tests", "corpus")).Append(RepositoryPaths.SeedFile);
        var graphs = files.Select(f => builder.Build(extractor.Extract(SourceText.Read(f), new DocumentHints(SourceName: Path.GetFileName(f))))).ToList();
        // more documents than the corpus has, so that the server goes away in the middle of the run
        return Enumerable.Range(0, copies).SelectMany(i => graphs.Select(g => i == 0 ? g : Renamed(g, $"-copy{i}"))).ToList();
    }

    private static DocumentGraph Renamed(DocumentGraph g, string suffix)
    {
        var id = g.Document.Id + suffix;
        List<EvidenceSpan> Ev(IEnumerable<EvidenceSpan> e) => e.Select(x => x with { DocumentId = id }).ToList();
        return new DocumentGraph(g.Document with { Id = id, ContentHash = g.Document.ContentHash + suffix },
            g.Nodes.Select(n => n with { Evidence = Ev(n.Evidence) }).ToList(), g.Edges.Select(e => e with { Evidence = Ev(e.Evidence) }).ToList());
    }

    private Neo4jGraphStore Store(int retries = 1) =>
        new(Options.Create(new Neo4jOptions { Uri = server.Uri, User = server.User, Password = server.Password, MaxRetries = retries, BreakSeconds = 1, RequestTimeoutSeconds = 10 }),
            NullLogger<Neo4jGraphStore>.Instance);

    /// <summary>How many of the document's nodes and relationships are there, and whether its Document node is.</summary>
    private static async Task<(long Facts, long Documents)> StoredAsync(Neo4jGraphStore store, string documentId)
    {
        var r = await store.Http.RunAsync([
            new Cypher("""
                OPTIONAL MATCH (d:Document {id: $id})-[m:MENTIONS]->()
                WITH d, count(m) AS nodes
                OPTIONAL MATCH (d) WHERE d IS NOT NULL
                UNWIND (CASE WHEN d IS NULL OR size(d.edgeIds) = 0 THEN [null] ELSE range(0, size(d.edgeIds) - 1) END) AS i
                OPTIONAL MATCH (a:Entity {id: d.edgeSources[i]})-[x]->() WHERE x.id = d.edgeIds[i]
                RETURN nodes + count(x)
                """, new { id = documentId }),
            new Cypher("MATCH (d:Document {id: $id}) RETURN count(d)", new { id = documentId }),
        ], default);
        return (r[0][0][0]!.GetValue<long>(), r[1][0][0]!.GetValue<long>());
    }

    [Fact]
    public async Task EveryDocumentIsWholeOrAbsentAfterNeo4jStopsMidRunAndARerunCompletesTheRest()
    {
        Assert.True(server.IsThrowaway, "This test stops and restarts the server, so it needs the throwaway instance (unset NEO4J_URI).");
        var graphs = CorpusGraphs(copies: 6);
        using var store = Store();
        await store.InitializeAsync(default);
        await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);

        var written = 0;
        var failures = 0;
        var run = Task.Run(async () =>
        {
            foreach (var g in graphs)
            {
                try { await store.WriteDocumentAsync(g, default); Interlocked.Increment(ref written); }
                catch (StoreUnavailableException) { Interlocked.Increment(ref failures); }
            }
        });
        while (Volatile.Read(ref written) < 5 && !run.IsCompleted) await Task.Delay(20);
        await server.StopAsync();
        await run;
        await server.StartAsync();

        Assert.True(failures > 0, $"Neo4j stopped only after all {graphs.Count} documents were written; nothing was tested.");
        var whole = 0;
        foreach (var g in graphs)
        {
            var (facts, docs) = await StoredAsync(store, g.Document.Id);
            var isWhole = facts == g.Nodes.Count + g.Edges.Count && docs == 1;
            Assert.True(isWhole || (facts == 0 && docs == 0), $"{g.Document.Id} is half-written: {facts} of {g.Nodes.Count + g.Edges.Count} facts, document node {docs}.");
            if (isWhole) whole++;
        }
        Assert.True(whole < graphs.Count);

        foreach (var g in graphs) await store.WriteDocumentAsync(g, default);
        foreach (var g in graphs)
        {
            var (facts, docs) = await StoredAsync(store, g.Document.Id);
            Assert.Equal((g.Nodes.Count + g.Edges.Count, 1L), (facts, docs));
        }
    }

    [Fact]
    public async Task WrongPasswordIsAClientErrorThatDoesNotShowThePassword()
    {
        using var store = new Neo4jGraphStore(Options.Create(new Neo4jOptions { Uri = server.Uri, User = server.User, Password = "wrong-secret-123" }), NullLogger<Neo4jGraphStore>.Instance);
        var e = await Assert.ThrowsAsync<Neo4jClientException>(() => store.InitializeAsync(default));
        Assert.Equal("Neo.ClientError.Security.Unauthorized", e.Code);
        Assert.DoesNotContain("wrong-secret-123", e.Message);
    }

    [Fact]
    public async Task CypherErrorsCarryNeo4jsOwnMessage()
    {
        using var store = Store();
        var e = await Assert.ThrowsAsync<Neo4jClientException>(() => store.Http.RunAsync(new Cypher("RETURN $x +"), default));
        Assert.StartsWith("Neo.ClientError.Statement", e.Code);
    }

    [Fact]
    public async Task UnreachableServerIsUnavailableAfterRetries()
    {
        var port = Neo4jTestServer.FreePort();
        using var store = new Neo4jGraphStore(Options.Create(new Neo4jOptions { Uri = $"http://127.0.0.1:{port}", MaxRetries = 2 }), NullLogger<Neo4jGraphStore>.Instance);
        var e = await Assert.ThrowsAsync<Neo4jUnavailableException>(() => store.InitializeAsync(default));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public async Task CopyMovesTheEmbeddedGraphWithMatchingCounts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rg-copy-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var source = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = folder }), NullLogger<EmbeddedGraphStore>.Instance);
            await source.InitializeAsync(default);
            foreach (var g in CorpusGraphs(copies: 1)) await source.WriteDocumentAsync(g, default);
            using var target = Store(retries: 2);
            await target.InitializeAsync(default);
            await target.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
            var progress = new List<int>();
            var copied = await StoreCopy.CopyAsync(source, target, (done, _, _) => progress.Add(done), default);
            var expected = await source.CountAsync(default);
            var actual = await target.CountAsync(default);
            Assert.Equal(expected.Documents, copied);
            Assert.Equal(Enumerable.Range(1, copied), progress);
            Assert.Equal((expected.Documents, expected.Nodes, expected.Edges), (actual.Documents, actual.Nodes, actual.Edges));
            Assert.Equal(expected.NodesByLabel, actual.NodesByLabel);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
