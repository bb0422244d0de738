using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// A batch of documents leaves the Neo4j database exactly as its documents written one by one in the
/// same order: every node with its labels and properties, every relationship with its properties
/// (counts of documents, quotes kept on each mention, the roll-up, the name index), read back whole
/// through Cypher. The batches mix new documents (written together) with new versions of stored ones
/// and repeats (written on their own).
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jBatchWriteTests(Neo4jTestServer server) : Neo4jEmptiedStoreTests(server)
{
    /// <summary>The dev corpus and the seed, which name many of the same places, people and offices.</summary>
    private static readonly IReadOnlyList<DocumentGraph> Corpus = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "corpus"), "*.txt")
        .Order(StringComparer.Ordinal).Append(RepositoryPaths.SeedFile)
        .Select(f => new GraphBuilder().Build(new PressReleaseExtractor().Extract(SourceText.Read(f), new DocumentHints(SourceName: Path.GetFileName(f)))))
        .ToList();

    /// <summary>A new version of a document: one node and its relationships fewer, another content hash.</summary>
    private static DocumentGraph Revised(DocumentGraph g)
    {
        var dropped = g.Nodes.Last(n => n.Node is not Event).Node.Id;
        return g with
        {
            Document = g.Document with { ContentHash = g.Document.ContentHash + "-revised" },
            Nodes = g.Nodes.Where(n => n.Node.Id != dropped).ToList(),
            Edges = g.Edges.Where(e => e.Edge.Source != dropped && e.Edge.Target != dropped).ToList(),
        };
    }

    /// <summary>The corpus, then a revision of an early document, a repeat, and the early document's first version again.</summary>
    private static List<DocumentGraph> Sequence()
    {
        var sequence = Corpus.ToList();
        sequence.Insert(20, Revised(Corpus[3]));
        sequence.Insert(21, Corpus[5]);
        sequence.Add(Corpus[3]);
        return sequence;
    }

    [Fact]
    public async Task BatchesLeaveTheDatabaseAsTheirDocumentsWrittenOneByOne()
    {
        var sequence = Sequence();
        var alone = new List<IngestOutcome>();
        foreach (var g in sequence) alone.Add(await store.WriteDocumentAsync(g, default));
        var expected = await DatabaseAsync();
        Assert.Contains(expected, line => line.Contains("-[COUNTS_FOR]->", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.Contains("-[NAMES]->", StringComparison.Ordinal));

        foreach (var size in new[] { 7, sequence.Count })
        {
            await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
            await Restarted().InitializeAsync(default);
            var batched = new List<IngestOutcome>();
            foreach (var batch in sequence.Chunk(size)) batched.AddRange(await store.WriteDocumentsAsync(batch, default));

            Assert.Equal(alone, batched);
            var actual = await DatabaseAsync();
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected, actual);
        }
        Assert.Contains(alone, o => o.Status == IngestStatus.Updated);
        Assert.Contains(alone, o => o.Status == IngestStatus.Unchanged);
    }

    [Fact]
    public async Task ABatchThatFailsLeavesTheDatabaseAsBefore()
    {
        await store.WriteDocumentsAsync(Corpus.Take(3).ToList(), default);
        var before = await DatabaseAsync();
        // a node without an id, in the middle of the batch: the batch's transaction was opened (to read
        // which documents are stored) when its writes are planned and this one is refused
        var broken = Corpus[4] with { Nodes = [.. Corpus[4].Nodes, new NodeFact(new Place(null!, "Nirgendwo", PlaceKind.City, null, []), [])] };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.WriteDocumentsAsync([Corpus[3], broken, Corpus[5]], default));

        Assert.Equal(before, await DatabaseAsync());
        Assert.Equal(IngestStatus.Added, (await store.WriteDocumentAsync(Corpus[3], default)).Status);
    }

    /// <summary>
    /// Two writers of the same documents at once (the worker and an API call, or two workers): each
    /// version is written by one of them, and the other finds it stored with the same content. A batch
    /// plans from what its first request reads, so that read has to hold the documents until it commits.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoWritersOfTheSameDocumentsAtOnceWriteEachVersionOnce(bool newVersions)
    {
        var first = Corpus.Take(12).ToList();
        var batch = newVersions ? first.Select(Revised).ToList() : first;
        if (newVersions) await store.WriteDocumentsAsync(first, default);
        await store.WriteDocumentsAsync(batch, default);
        var expected = await DatabaseAsync();

        using var other = Restarted();
        for (var round = 0; round < 3; round++)
        {
            await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
            await store.InitializeAsync(default);
            if (newVersions) await store.WriteDocumentsAsync(first, default);
            var outcomes = await Task.WhenAll(store.WriteDocumentsAsync(batch, default), other.WriteDocumentsAsync(batch, default));

            var written = newVersions ? IngestStatus.Updated : IngestStatus.Added;
            for (var i = 0; i < batch.Count; i++)
                Assert.Equal([written, IngestStatus.Unchanged], outcomes.Select(o => o[i].Status).Order());
            Assert.Equal(expected, await DatabaseAsync());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATransactionWhoseSecondPartFailsWritesNothingAndHoldsNoLock(bool neo4jRefuses)
    {
        // the first part takes the lock of a document id (a unique key); the second part fails at Neo4j, or before it is sent
        var first = new Cypher("MERGE (d:Document {id: 'doc:probe'}) SET d.title = 'first part'");
        var failing = () => store.Http.RunAsync([first], _ => neo4jRefuses
            ? [new Cypher("CREATE (:Probe)"), new Cypher("THIS IS NO CYPHER")]
            : throw new InvalidOperationException("planning failed"), default);

        if (neo4jRefuses) await Assert.ThrowsAsync<Neo4jClientException>(failing);
        else await Assert.ThrowsAsync<InvalidOperationException>(failing);

        Assert.Empty(await store.Http.RunAsync(new Cypher("MATCH (n) WHERE n:Probe OR n.id = 'doc:probe' RETURN n"), default));
        // a transaction left open would hold the lock until Neo4j times it out (a minute), and this write would wait for it
        using var impatient = new Neo4jHttp(new Neo4jOptions { Uri = Server.Uri, User = Server.User, Password = Server.Password, RequestTimeoutSeconds = 10, MaxRetries = 0 },
            NullLogger.Instance);
        await impatient.RunAsync(new Cypher("MERGE (d:Document {id: 'doc:probe'}) SET d.title = 'after'"), default);
    }

    /// <summary>The whole database as sorted lines: each node by its key with its labels and properties, each relationship by the keys of its ends with its type and properties.</summary>
    /// <summary>
    /// The floor <c>bench stores --neo4j-floor</c> measures the adapter against writes the same graph rows
    /// (every entity with its kind, every relationship between entities), only without the bookkeeping.
    /// </summary>
    [Fact]
    public async Task TheFloorWritesTheNodesAndRelationshipsTheAdapterWrites()
    {
        foreach (var batch in Corpus.Chunk(7)) await store.Http.RunAsync(Neo4jGraphStore.PlainMergeStatements(batch, quotes: true).ToList(), default);
        var floor = await GraphRowsAsync();
        Assert.Contains(floor, line => line.Contains("-[PARTICIPANT ", StringComparison.Ordinal));

        await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        await Restarted().InitializeAsync(default);
        foreach (var batch in Corpus.Chunk(7)) await store.WriteDocumentsAsync(batch, default);
        Assert.Equal(await GraphRowsAsync(), floor);
    }

    /// <summary>The entities with their kind and the relationships between them, without the roll-up.</summary>
    private async Task<List<string>> GraphRowsAsync()
    {
        var rows = await store.Http.RunAsync([
            new Cypher("MATCH (x:Entity) RETURN x.id, [l IN labels(x) WHERE NOT l IN ['Entity', 'RollUpDirty']]"),
            new Cypher("MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'COUNTS_FOR' RETURN a.id, type(r), b.id, r.id"),
        ], default);
        return rows[0].Select(r => $"({r[0]} {string.Join(":", r[1]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal))})")
            .Concat(rows[1].Select(r => $"({r[0]})-[{r[1]} {r[3]}]->({r[2]})")).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> DatabaseAsync()
    {
        var rows = await store.Http.RunAsync([
            new Cypher("MATCH (n) RETURN coalesce(n.id, n.key), labels(n), properties(n)"),
            new Cypher("MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key), type(r), coalesce(b.id, b.key), properties(r)"),
        ], default);
        static string Canonical(JsonNode? node) => node switch
        {
            JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Canonical(p.Value))) + "}",
            JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
            null => "null",
            _ => node.ToJsonString(),
        };
        var nodes = rows[0].Select(r => $"({r[0]} {string.Join(":", r[1]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal))} {Canonical(r[2])})");
        var relationships = rows[1].Select(r => $"({r[0]})-[{r[1]}]->({r[2]}) {Canonical(r[3])}");
        return nodes.Concat(relationships).Order(StringComparer.Ordinal).ToList();
    }
}
