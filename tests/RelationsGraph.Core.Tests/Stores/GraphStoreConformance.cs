using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// What every store must do, run against each adapter: the embedded store on a real SQLite file and
/// Neo4j on a real server. Each test starts from an empty store.
/// </summary>
public abstract partial class GraphStoreConformance : IAsyncLifetime
{
    private IGraphStore store = null!;

    /// <summary>A store over empty storage, initialized.</summary>
    protected abstract Task<IGraphStore> OpenEmptyAsync();

    /// <summary>A new store object over the same storage, as after a restart of the service.</summary>
    protected abstract Task<IGraphStore> ReopenAsync(IGraphStore current);

    protected static readonly DocumentGraph Seed = new GraphBuilder().Build(new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile))));

    public async Task InitializeAsync() => store = await OpenEmptyAsync();

    public virtual Task DisposeAsync()
    {
        (store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteDocumentReportsUnchangedGivenTheSameDocumentTwice()
    {
        Assert.Equal(IngestStatus.Added, (await store.WriteDocumentAsync(Seed, default)).Status);
        var counts = await store.CountAsync(default);
        var again = await store.WriteDocumentAsync(Seed, default);
        Assert.Equal(IngestStatus.Unchanged, again.Status);
        Assert.Equal(0, again.NodesWritten + again.EdgesWritten);
        Assert.Equal(counts.Edges, (await store.CountAsync(default)).Edges);
    }

    [Fact]
    public async Task KeepsDocumentsAcrossARestart()
    {
        await store.WriteDocumentAsync(Seed, default);
        var before = await store.CountAsync(default);
        store = await ReopenAsync(store);
        var after = await store.CountAsync(default);
        Assert.Equal(before.Nodes, after.Nodes);
        Assert.Equal(before.Edges, after.Edges);
        Assert.Single(await store.ResolveAsync("Uchibori", default));
    }

    [Fact]
    public async Task ChangedDocumentReplacesOnlyItsOwnFacts()
    {
        await store.WriteDocumentAsync(Seed, default);
        var changed = Seed with
        {
            Document = Seed.Document with { ContentHash = "changed" },
            Nodes = Seed.Nodes.Where(n => n.Node is not Statistic).ToList(),
            Edges = Seed.Edges.Where(e => !e.Edge.Id.StartsWith(EdgeTypes.About, StringComparison.Ordinal)).ToList(),
        };
        Assert.Equal(IngestStatus.Updated, (await store.WriteDocumentAsync(changed, default)).Status);
        var counts = await store.CountAsync(default);
        Assert.False(counts.NodesByLabel.ContainsKey("Statistic"));
        Assert.Equal(3, counts.NodesByLabel["Event"]);
    }

    [Fact]
    public async Task DeleteRetractsFactsOnlyThatDocumentSupported()
    {
        await store.WriteDocumentAsync(Seed, default);
        var other = new DocumentGraph(
            new Document("doc:other", "Other", null, new FuzzyDate(2021), null, "de", "h2", null),
            [new NodeFact(Seed.Nodes.Single(n => n.Node.Id == "JP").Node, [])], []);
        await store.WriteDocumentAsync(other, default);
        Assert.True(await store.DeleteDocumentAsync(Seed.Document.Id, default));
        var counts = await store.CountAsync(default);
        Assert.Equal(1, counts.Nodes);
        Assert.Equal("JP", Assert.Single(await store.ResolveAsync("Japan", default)).Id);
        Assert.False(await store.DeleteDocumentAsync(Seed.Document.Id, default));
    }

    [Theory]
    [InlineData("DE-NW")]
    [InlineData("de-nw")]
    [InlineData("NRW")]
    [InlineData("Nordrhein-Westfalen")]
    [InlineData("nordrhein westfalen")]
    [InlineData("North Rhine-Westphalia")]
    public async Task ResolveFindsAPlaceByCodeNameOrAlias(string reference)
    {
        await store.WriteDocumentAsync(Seed, default);
        Assert.Equal("DE-NW", Assert.Single(await store.ResolveAsync(reference, default)).Id);
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("' OR 1=1 //")]
    [InlineData("x\"}) MATCH (n) DETACH DELETE n //")]
    public async Task ResolveFindsNothingForAnUnknownOrHostileRef(string reference)
    {
        await store.WriteDocumentAsync(Seed, default);
        Assert.Empty(await store.ResolveAsync(reference, default));
        Assert.Equal(0, (await store.SearchAsync(reference, new PageRequest(5), default)).TotalCount);
        Assert.Equal(3, (await store.CountAsync(default)).NodesByLabel["Event"]);
    }

    [Fact]
    public async Task FindEventsRollsUpThroughPartOfAndOfficeHolders()
    {
        await store.WriteDocumentAsync(Seed, default);
        var nrwFukushima = await store.FindEventsAsync(new EventFilter("DE-NW", "JP-07"), new PageRequest(10), default);
        Assert.Equal(EventType.Visit, Assert.Single(nrwFukushima.Items).Type);
        var nrwJapan = await store.FindEventsAsync(new EventFilter("DE-NW", "JP"), new PageRequest(10), default);
        Assert.Equal(["2019-09", "2019-10", "2020-09-04"], nrwJapan.Items.Select(e => e.Date.ToString()));
        var germanyJapan = await store.FindEventsAsync(new EventFilter("DE", "JP"), new PageRequest(2, 1), default);
        Assert.Equal(3, germanyJapan.TotalCount);
        Assert.Equal(["2019-10", "2020-09-04"], germanyJapan.Items.Select(e => e.Date.ToString()));
        var in2019 = await store.FindEventsAsync(new EventFilter("DE-NW", "JP", new FuzzyDate(2019, 10), new FuzzyDate(2019)), new PageRequest(10), default);
        Assert.Equal("2019-10", Assert.Single(in2019.Items).Date.ToString());
    }

    [Fact]
    public async Task FindAgreementsGivesTheExtendedCooperationAgreements()
    {
        await store.WriteDocumentAsync(Seed, default);
        var page = await store.FindAgreementsAsync("DE-NW", "JP-07", new PageRequest(10), default);
        var extended = Assert.Single(page.Items, a => a.Status == AgreementStatus.Extended);
        Assert.Equal(2, extended.Count);
        Assert.Equal("2019-10", extended.Date?.ToString());
    }

    [Fact]
    public async Task EveryExtractedNodeAndEdgeHasAVerbatimQuote()
    {
        await store.WriteDocumentAsync(Seed, default);
        var text = File.ReadAllText(RepositoryPaths.SeedFile);
        var ids = Seed.Nodes.Where(n => n.Evidence.Count > 0).Select(n => n.Node.Id).ToList();
        var evidence = await store.GetEvidenceAsync(ids, default);
        Assert.All(evidence.Values.SelectMany(e => e), e => Assert.Equal(e.Quote, text[e.Start..e.End]));
        Assert.All(Seed.Nodes.Where(n => n.Node is Event or Agreement or Statistic or Person or Office), n => Assert.NotEmpty(n.Evidence));
        Assert.All(Seed.Edges.Where(e => e.Edge.Type != EdgeTypes.PartOf), e => Assert.NotEmpty(e.Evidence));
    }

    [Fact]
    public async Task GetRelationshipsReturnsEdgesWithTheirQuotesInOneCall()
    {
        await store.WriteDocumentAsync(Seed, default);
        var events = (await store.FindEventsAsync(new EventFilter(), new PageRequest(10), default)).Items.Select(e => e.Id).ToList();
        var rels = await store.GetRelationshipsAsync(events, Direction.Outgoing, [EdgeTypes.Participant], default);
        Assert.Equal(4, rels.Count);
        Assert.All(rels, r => Assert.NotEmpty(r.Evidence));
        var holds = await store.GetRelationshipsAsync(["person:masao-uchibori"], Direction.Outgoing, [EdgeTypes.Holds], default);
        Assert.Equal("2019-10", Assert.Single(holds).Edge.AsOf?.ToString());
        var incoming = await store.GetRelationshipsAsync(["JP"], Direction.Incoming, [EdgeTypes.PartOf], default);
        Assert.Equal(["JP-07", "JP-13", "JP-27"], incoming.Select(r => r.Edge.Source).Where(s => s.StartsWith("JP-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task GetNodesReturnsTypedNodesAndDocuments()
    {
        await store.WriteDocumentAsync(Seed, default);
        var nodes = await store.GetNodesAsync(["DE-NW", "person:armin-laschet", Seed.Document.Id, "nothing"], default);
        Assert.Equal(3, nodes.Count);
        Assert.Equal(PlaceKind.State, Assert.IsType<Place>(nodes[0]).Kind);
        Assert.Equal("Armin Laschet", Assert.IsType<Person>(nodes[1]).Name);
        Assert.Equal("2020-09-04", Assert.IsType<Document>(nodes[2]).Published?.ToString());
    }

    [Fact]
    public async Task SearchRanksExactNamesFirst()
    {
        await store.WriteDocumentAsync(Seed, default);
        var page = await store.SearchAsync("Fukushima", new PageRequest(20), default);
        Assert.Equal("JP-07", page.Items[0].Id);
        Assert.Contains(page.Items, n => n.Id == "person:masao-uchibori");
        Assert.Contains(page.Items, n => n is Event { Type: EventType.Visit });
    }

    [Fact]
    public async Task TheSameFactFromTwoDocumentsIsOneFactWithTwoQuotes()
    {
        await store.WriteDocumentAsync(Seed, default);
        var japan = Seed.Nodes.Single(n => n.Node.Id == "JP");
        var other = new DocumentGraph(new Document("doc:second", "Second", null, new FuzzyDate(2021, 1, 1), null, "de", "h-second", null),
            [new NodeFact(japan.Node, [new EvidenceSpan("doc:second", "Japan", 0, 5)])], []);
        await store.WriteDocumentAsync(other, default);
        var evidence = (await store.GetEvidenceAsync(["JP"], default))["JP"];
        Assert.Equal(2, evidence.Select(e => e.DocumentId).Distinct().Count());
        Assert.Single(await store.ResolveAsync("JP", default));
    }
}
