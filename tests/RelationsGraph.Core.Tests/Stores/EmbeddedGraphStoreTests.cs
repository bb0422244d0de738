using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>The embedded store on a real SQLite file in a temporary folder.</summary>
public sealed class EmbeddedGraphStoreTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rg-store-" + Guid.NewGuid().ToString("N"));
    private EmbeddedGraphStore store = null!;
    private static readonly DocumentGraph Seed = new GraphBuilder().Build(new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile))));

    private EmbeddedGraphStore Open() =>
        new(Options.Create(new EmbeddedStoreOptions { DataDirectory = folder }), NullLogger<EmbeddedGraphStore>.Instance);

    public async Task InitializeAsync()
    {
        store = Open();
        await store.InitializeAsync(default);
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
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
        store.Dispose();
        store = Open();
        await store.InitializeAsync(default);
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
}
