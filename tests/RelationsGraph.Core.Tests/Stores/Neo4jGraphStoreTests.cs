using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

[CollectionDefinition(Name)]
public sealed class Neo4jCollection : ICollectionFixture<Neo4jTestServer>
{
    public const string Name = "neo4j";
}

/// <summary>The conformance suite on a real Neo4j server (see Neo4jTestServer).</summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jGraphStoreTests(Neo4jTestServer server) : GraphStoreConformance
{
    internal static Neo4jGraphStore Create(Neo4jTestServer server) =>
        new(Options.Create(new Neo4jOptions { Uri = server.Uri, User = server.User, Password = server.Password, MaxRetries = 2 }),
            NullLogger<Neo4jGraphStore>.Instance);

    protected override async Task<IGraphStore> OpenEmptyAsync()
    {
        var store = Create(server);
        await store.InitializeAsync(default);
        await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        return store;
    }

    protected override async Task<IGraphStore> ReopenAsync(IGraphStore current)
    {
        ((IDisposable)current).Dispose();
        var store = Create(server);
        await store.InitializeAsync(default);
        return store;
    }
}
