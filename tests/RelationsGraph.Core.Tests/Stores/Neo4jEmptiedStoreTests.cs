using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Tests of what the Neo4j store keeps beside the graph (read back through Cypher): each test starts
/// from an emptied database with the schema and version marker written again, and has the seed
/// release as a document graph.
/// </summary>
public abstract class Neo4jEmptiedStoreTests(Neo4jTestServer server) : IAsyncLifetime
{
    protected static readonly DocumentGraph Seed = new GraphBuilder().Build(new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile))));

    protected Neo4jGraphStore store = null!;

    protected Neo4jTestServer Server { get; } = server;

    public async Task InitializeAsync()
    {
        store = Neo4jGraphStoreTests.Create(Server);
        await store.InitializeAsync(default);
        await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        await store.InitializeAsync(default);
    }

    /// <summary>Another store on the same database, as after a restart of the service.</summary>
    protected Neo4jGraphStore Restarted() => Neo4jGraphStoreTests.Create(Server);

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }
}
