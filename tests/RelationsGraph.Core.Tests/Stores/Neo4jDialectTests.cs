using System.Text.Json.Nodes;
using RelationsGraph.Stores.Neo4j;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Endpoint and schema dialect from the discovery documents of each Neo4j version: what a 3.1.1
/// server cannot prove about 4.x and 5.x. The documents are those the servers publish at / .
/// </summary>
public sealed class Neo4jDialectTests
{
    private static readonly Uri Server = new("http://db.example:7474");

    [Fact]
    public void Neo4j3UsesTheDbDataTransactionEndpointAndThe3xSchema()
    {
        var root = JsonNode.Parse("""{"management":"http://db.example:7474/db/manage/","data":"http://db.example:7474/db/data/","bolt":"bolt://db.example:7687"}""")!.AsObject();
        var data = JsonNode.Parse("""{"neo4j_version":"3.1.1","node":"http://db.example:7474/db/data/node"}""")!.AsObject();
        var d = Neo4jDialect.FromDiscovery(Server, root, data, "neo4j");
        Assert.Equal(3, d.MajorVersion);
        Assert.Equal("http://db.example:7474/db/data/transaction/commit", d.CommitEndpoint.ToString());
        var schema = Neo4jGraphStore.SchemaStatements(d);
        Assert.All(schema, s => Assert.DoesNotContain("IF NOT EXISTS", s));
        Assert.Contains("CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE", schema);
    }

    [Theory]
    [InlineData("4.4.26")]
    [InlineData("5.26.0")]
    public void Neo4j4And5UseTheDatabaseTxEndpointAndIdempotentSchema(string version)
    {
        var root = JsonNode.Parse($$"""{"bolt_routing":"neo4j://db.example:7687","transaction":"http://db.example:7474/db/{databaseName}/tx","bolt_direct":"bolt://db.example:7687","neo4j_version":"{{version}}","neo4j_edition":"community"}""")!.AsObject();
        var d = Neo4jDialect.FromDiscovery(Server, root, null, "relations");
        Assert.Equal("http://db.example:7474/db/relations/tx/commit", d.CommitEndpoint.ToString());
        var schema = Neo4jGraphStore.SchemaStatements(d);
        Assert.Contains("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE", schema);
        Assert.All(schema, s => Assert.Contains("IF NOT EXISTS", s));
    }

    [Fact]
    public void AdvertisedHostIsReplacedByTheAddressTheClientUses()
    {
        // in Docker the server advertises its container name; the client keeps the host it was given
        var root = JsonNode.Parse("""{"transaction":"http://neo4j:7474/db/{databaseName}/tx","neo4j_version":"5.26.0"}""")!.AsObject();
        var d = Neo4jDialect.FromDiscovery(new Uri("http://127.0.0.1:17474"), root, null, "neo4j");
        Assert.Equal("http://127.0.0.1:17474/db/neo4j/tx/commit", d.CommitEndpoint.ToString());
    }

    [Fact]
    public void SomethingElseIsNotMistakenForNeo4j()
    {
        var root = JsonNode.Parse("""{"hello":"world"}""")!.AsObject();
        Assert.Throws<Neo4jUnavailableException>(() => Neo4jDialect.FromDiscovery(Server, root, null, "neo4j"));
    }
}
