using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Neo4j's roll-up (COUNTS_FOR) read back through Cypher: after writes, updates and retractions it
/// is what a full recompute gives, a retraction leaves it as if the document had never been written,
/// and a database without it (as the previous version wrote) gets it at start.
/// </summary>
[Collection(Neo4jCollection.Name)]
public sealed class Neo4jRollUpTests(Neo4jTestServer server) : Neo4jEmptiedStoreTests(server)
{
    private static Person Iwama => (Person)Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" }).Node;

    /// <summary>
    /// A later release that moves the roll-up of the seed's events without naming them: Japan is
    /// PART_OF a new region, and the consul general (a participant) holds a new office OF a new place.
    /// </summary>
    private static DocumentGraph Above(string hash = "h-above", bool withPartOf = true)
    {
        var doc = new Document("doc:above", "Above", null, new FuzzyDate(2021, 5, 1), null, "de", hash, null);
        var japan = Seed.Nodes.Single(n => n.Node.Id == "JP").Node;
        var region = new Place("test:region", "Testregion", PlaceKind.Region, null, []);
        var island = new Place("test:island", "Testinsel", PlaceKind.Prefecture, null, []);
        var office = new Office("office:test", "Beauftragter für die Testinsel", "Beauftragter", []);
        EvidenceSpan Quote(string q) => new(doc.Id, q, 0, q.Length);
        var edges = new List<EdgeFact>
        {
            new(new GraphEdge(EdgeTypes.Holds, Iwama.Id, office.Id), [Quote("Iwama, Beauftragter")]),
            new(new GraphEdge(EdgeTypes.Of, office.Id, island.Id), [Quote("für die Testinsel")]),
        };
        if (withPartOf) edges.Add(new EdgeFact(new GraphEdge(EdgeTypes.PartOf, japan.Id, region.Id), []));
        return new DocumentGraph(doc,
            [new NodeFact(japan, []), new NodeFact(region, []), new NodeFact(island, []), new NodeFact(office, [Quote("Beauftragter")]), new NodeFact(Iwama, [Quote("Iwama")])],
            edges);
    }

    /// <summary>The roll-up as stored: every (item, actor) pair of COUNTS_FOR.</summary>
    private async Task<List<string>> RollUpAsync() =>
        (await store.Http.RunAsync(new Cypher("MATCH (i)-[:COUNTS_FOR]->(z) RETURN i.id + ' -> ' + z.id AS pair ORDER BY pair"), default))
        .Select(r => r[0]!.GetValue<string>()).ToList();

    /// <summary>The roll-up recomputed from scratch by the migration (the stored one removed first).</summary>
    private async Task<List<string>> RecomputedAsync()
    {
        await store.Http.RunAsync([new Cypher("MATCH ()-[c:COUNTS_FOR]->() DELETE c"), new Cypher("MATCH (m:RelationsGraphSchema) DELETE m")], default);
        var report = await Neo4jMigration.RunAsync(store.Http, _ => { }, default);
        Assert.NotNull(report);
        Assert.Equal(0, report.ItemsMissingRollUp);
        return await RollUpAsync();
    }

    private async Task<int> EventsForAsync(string actor, string? counterpart = null) =>
        (await store.FindEventsAsync(new EventFilter(actor, counterpart), new PageRequest(100), default)).TotalCount;

    [Fact]
    public async Task AWriteRollsUpItsEventsAndAgreementsToEverythingAbove()
    {
        await store.WriteDocumentAsync(Seed, default);
        var rollUp = await RollUpAsync();
        // the seed's NRW–Japan events count for Japan and for NRW, and for Germany above NRW
        var events = (await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(100), default)).Items;
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains($"{e.Id} -> JP", rollUp));
        Assert.All(events, e => Assert.Contains($"{e.Id} -> DE", rollUp));
        Assert.Equal(rollUp, await RecomputedAsync());
    }

    [Fact]
    public async Task ALaterPartOfOrOfficeMovesTheRollUpOfEventsOfOtherDocuments()
    {
        await store.WriteDocumentAsync(Seed, default);
        var japan = await EventsForAsync("JP");
        Assert.Equal(0, await EventsForAsync("test:region"));
        await store.WriteDocumentAsync(Above(), default);
        // every event that counts for Japan now counts for the region above it; the consul general's events for the island of his new office
        Assert.Equal(japan, await EventsForAsync("test:region"));
        Assert.Equal(japan, await EventsForAsync("test:region", "JP"));
        Assert.True(await EventsForAsync("test:island") > 0);
        var written = await RollUpAsync();
        Assert.Equal(written, await RecomputedAsync());
    }

    [Fact]
    public async Task AnUpdateThatDropsAPartOfTakesItsRollUpBack()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Above(), default);
        Assert.True(await EventsForAsync("test:region") > 0);
        Assert.Equal(IngestStatus.Updated, (await store.WriteDocumentAsync(Above("h-above-2", withPartOf: false), default)).Status);
        Assert.Equal(0, await EventsForAsync("test:region"));
        var updated = await RollUpAsync();
        Assert.Equal(updated, await RecomputedAsync());
    }

    [Fact]
    public async Task ARetractionLeavesTheRollUpAsIfTheDocumentHadNeverBeenWritten()
    {
        await store.WriteDocumentAsync(Seed, default);
        var before = await RollUpAsync();
        await store.WriteDocumentAsync(Above(), default);
        Assert.NotEqual(before, await RollUpAsync());
        Assert.True(await store.DeleteDocumentAsync("doc:above", default));
        Assert.Equal(before, await RollUpAsync());
        // and the seed's retraction leaves none at all
        Assert.True(await store.DeleteDocumentAsync(Seed.Document.Id, default));
        Assert.Empty(await RollUpAsync());
    }

    [Fact]
    public async Task ADatabaseWithoutTheRollUpGetsItAtStart()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Above(), default);
        var fresh = await RollUpAsync();
        // as the previous version left a database: no COUNTS_FOR, no schema version marker
        await store.Http.RunAsync([new Cypher("MATCH ()-[c:COUNTS_FOR]->() DELETE c"), new Cypher("MATCH (m:RelationsGraphSchema) DELETE m")], default);
        Assert.Empty(await RollUpAsync());
        Assert.Null(await Neo4jMigration.VersionAsync(store.Http, default));

        using var restarted = Restarted();
        await restarted.InitializeAsync(default);
        Assert.Equal(fresh, await RollUpAsync());
        Assert.Equal(Neo4jRollUp.SchemaVersion, await Neo4jMigration.VersionAsync(store.Http, default));
        Assert.True(await EventsForAsync("test:region", "DE-NW") > 0);
        // a second start finds the marker and has nothing to do
        Assert.Null(await Neo4jMigration.RunAsync(store.Http, _ => { }, default));
    }

    [Fact]
    public async Task ADatabaseWhoseMentionsHaveNoQuotesGetsThemAtStartAndAnswersAsBefore()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(Above(), default);
        var ids = Seed.Nodes.Select(n => n.Node.Id).Append("test:island").ToList();
        async Task<string> AnswersAsync()
        {
            var evidence = await store.GetEvidenceAsync(ids, default);
            var relationships = await store.GetRelationshipsAsync(ids, Direction.Both, null, default);
            return string.Join("\n", evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ": " + string.Join(" | ", kv.Value))
                .Concat(relationships.Select(r => $"{r.Edge} {string.Join(",", r.Dates)}: {string.Join(" | ", r.Evidence)}")));
        }
        var fresh = await AnswersAsync();
        Assert.Contains("Iwama, Beauftragter", fresh);
        Assert.Equal(0, await MentionsWithoutQuotesAsync());

        // as version 2 left a database: quotes on the Document node only
        await store.Http.RunAsync([new Cypher("MATCH ()-[m:MENTIONS]->() REMOVE m.evidence"), new Cypher("MATCH (m:RelationsGraphSchema) SET m.version = 2")], default);
        Assert.True(await MentionsWithoutQuotesAsync() > 0);
        Assert.Equal(fresh, await AnswersAsync()); // read from the documents in the meantime

        using var restarted = Restarted();
        await restarted.InitializeAsync(default);
        Assert.Equal(Neo4jRollUp.SchemaVersion, await Neo4jMigration.VersionAsync(store.Http, default));
        Assert.Equal(0, await MentionsWithoutQuotesAsync());
        Assert.Equal(fresh, await AnswersAsync());
        Assert.Empty(await store.Http.RunAsync(new Cypher($"MATCH (d:{Neo4jGraphStore.MentionEvidencePending}) RETURN d.id"), default));
        // the roll-up was not touched: version 2 had it
        Assert.True(await EventsForAsync("test:region", "DE-NW") > 0);
    }

    private async Task<int> MentionsWithoutQuotesAsync() =>
        (await store.Http.RunAsync(new Cypher("MATCH ()-[m:MENTIONS]->() WHERE m.evidence IS NULL RETURN count(m)"), default))[0][0]!.GetValue<int>();
}
