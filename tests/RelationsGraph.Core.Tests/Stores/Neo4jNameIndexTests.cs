using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;
using RelationsGraph.Text;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Neo4j's name index ((:Name {key})-[:NAMES]->(:Entity)) read back through Cypher: after writes,
/// updates and retractions it is exactly the entities' names, a retraction leaves it as if the
/// document had never been written, and a database without it (schema version 2) gets it at start.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jNameIndexTests(Neo4jTestServer server) : Neo4jEmptiedStoreTests(server)
{
    private static readonly string NewAlias = TextFold.Fold("Gouverneur Uchibori-san");

    private static Person Uchibori => (Person)Seed.Nodes.Single(n => n.Node is Person { Name: "Masao Uchibori" }).Node;

    /// <summary>A later release that gives a known person a new alias and names a new person and place.</summary>
    private static DocumentGraph Later(string hash = "h-later", bool withAlias = true)
    {
        var doc = new Document("doc:later", "Later", null, new FuzzyDate(2021, 5, 1), null, "de", hash, null);
        var person = Uchibori with { Aliases = withAlias ? [.. Uchibori.Aliases, "Gouverneur Uchibori-san"] : Uchibori.Aliases };
        var newcomer = new Person("person:test-newcomer", "Testa Neuling", ["Neuling"]);
        var place = new Place("test:place", "Testort am See", PlaceKind.City, null, ["Testort"]);
        EvidenceSpan Quote(string q) => new(doc.Id, q, 0, q.Length);
        return new DocumentGraph(doc,
            [new NodeFact(person, [Quote("Uchibori")]), new NodeFact(newcomer, [Quote("Neuling")]), new NodeFact(place, [Quote("Testort")])],
            [new EdgeFact(new GraphEdge(EdgeTypes.BasedIn, newcomer.Id, place.Id), [Quote("Neuling aus Testort")])]);
    }

    /// <summary>The index as stored: every (name, entity) pair of NAMES, and a Name node without any as "name -> ".</summary>
    private async Task<List<string>> IndexAsync() =>
        (await store.Http.RunAsync(new Cypher("MATCH (nm:Name) OPTIONAL MATCH (nm)-[:NAMES]->(x) RETURN nm.key + ' -> ' + coalesce(x.id, '') AS pair ORDER BY pair"), default))
        .Select(r => r[0]!.GetValue<string>()).ToList();

    /// <summary>What the index must hold: every folded name of every entity.</summary>
    private async Task<List<string>> NamesAsync() =>
        (await store.Http.RunAsync(new Cypher("MATCH (x:Entity) UNWIND x.names AS key RETURN key + ' -> ' + x.id AS pair ORDER BY pair"), default))
        .Select(r => r[0]!.GetValue<string>()).ToList();

    [Fact]
    public async Task AWriteIndexesEveryNameOfEveryEntity()
    {
        await store.WriteDocumentAsync(Seed, default);
        var index = await IndexAsync();
        Assert.NotEmpty(index);
        Assert.Equal(await NamesAsync(), index);
        Assert.Contains($"uchibori -> {Uchibori.Id}", index);
        Assert.Equal(Uchibori.Id, Assert.Single(await store.ResolveAsync("Uchibori", default)).Id);
    }

    [Fact]
    public async Task AnUpdateIndexesTheNamesItAddsAndDropsTheNamesNoDocumentGivesAnyMore()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Later(), default);
        Assert.Contains($"{NewAlias} -> {Uchibori.Id}", await IndexAsync());
        Assert.Equal(Uchibori.Id, Assert.Single(await store.ResolveAsync("Gouverneur Uchibori-san", default)).Id);
        Assert.Equal(await NamesAsync(), await IndexAsync());

        Assert.Equal(IngestStatus.Updated, (await store.WriteDocumentAsync(Later("h-later-2", withAlias: false), default)).Status);
        var index = await IndexAsync();
        Assert.DoesNotContain(index, p => p.StartsWith(NewAlias + " ->", StringComparison.Ordinal));
        Assert.Empty(await store.ResolveAsync("Gouverneur Uchibori-san", default));
        Assert.Equal(await NamesAsync(), index);
    }

    [Fact]
    public async Task ARetractionLeavesTheIndexAsIfTheDocumentHadNeverBeenWritten()
    {
        await store.WriteDocumentAsync(Seed, default);
        var before = await IndexAsync();
        await store.WriteDocumentAsync(Later(), default);
        Assert.NotEqual(before, await IndexAsync());
        Assert.True(await store.DeleteDocumentAsync("doc:later", default));
        Assert.Equal(before, await IndexAsync());
        Assert.Empty(await store.ResolveAsync("Neuling", default));
        // and the seed's retraction leaves no Name node at all
        Assert.True(await store.DeleteDocumentAsync(Seed.Document.Id, default));
        Assert.Empty(await IndexAsync());
    }

    [Fact]
    public async Task ABatchIndexesAsItsDocumentsWrittenOneByOne()
    {
        await store.WriteDocumentsAsync([Seed, Later()], default);
        var batched = await IndexAsync();
        await store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), default);
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Later(), default);
        Assert.Equal(await IndexAsync(), batched);
        Assert.Equal(await NamesAsync(), batched);
    }

    [Fact]
    public async Task ADatabaseWithoutTheIndexGetsItAtStart()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Later(), default);
        var fresh = await IndexAsync();
        // as version 2 left a database: no Name nodes, the marker at 2
        await store.Http.RunAsync([new Cypher("MATCH (nm:Name) DETACH DELETE nm"), new Cypher("MATCH (m:RelationsGraphSchema) SET m.version = 2")], default);
        Assert.Empty(await IndexAsync());

        using var restarted = Restarted();
        var progress = new List<string>();
        var report = await restarted.MigrateAsync(progress.Add, Neo4jMigration.DefaultBatch, force: false, default);
        Assert.NotNull(report);
        Assert.Equal(2, report.FromVersion);
        Assert.Equal(0, report.RolledUp);
        Assert.True(report.NamesComplete);
        Assert.Equal(fresh.Count, report.NamesRelationships);
        Assert.Contains(progress, p => p.StartsWith("Neo4j name index:", StringComparison.Ordinal));
        Assert.Equal(fresh, await IndexAsync());
        Assert.Equal(Neo4jRollUp.SchemaVersion, await Neo4jMigration.VersionAsync(store.Http, default));
        Assert.Single(await restarted.ResolveAsync("Neuling", default));
        // a second start finds the marker and has nothing to do
        Assert.Null(await Neo4jMigration.RunAsync(store.Http, _ => { }, default));
    }

    [Fact]
    public async Task AForcedMigrationDropsNamesNoEntityHas()
    {
        await store.WriteDocumentAsync(Seed, default);
        var fresh = await IndexAsync();
        // an index gone wrong: a stray name, and a name taken from its entity
        await store.Http.RunAsync([
            new Cypher("CREATE (:Name {key: 'stray'})"),
            new Cypher("MATCH (:Name {key: 'uchibori'})-[k:NAMES]->() DELETE k"),
        ], default);
        var report = await Neo4jMigration.RunAsync(store.Http, _ => { }, default, force: true);
        Assert.NotNull(report);
        Assert.True(report.NamesComplete);
        Assert.Equal(fresh, await IndexAsync());
    }
}
