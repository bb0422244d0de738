using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Ingestion;

/// <summary>
/// The worker's view of the graph with a batch's unwritten documents on top: it answers the reads resolution
/// makes as the store answers them once those documents are written, so a document resolves against a
/// pending one as it would one by one. Each test compares with the store after the write (the embedded store).
/// </summary>
public sealed class PendingGraphTests : IDisposable
{
    private const string Consulate = "office:generalkonsul:JP@DE-BY";
    private static readonly Office ConsulGeneral = new(Consulate, "Generalkonsul von Japan in München", "generalkonsul", ["Generalkonsul"]);

    private readonly EmbeddedGraphStore store = new(Options.Create(new EmbeddedStoreOptions { InMemory = true }), NullLogger<EmbeddedGraphStore>.Instance);

    public PendingGraphTests() => store.InitializeAsync(default).GetAwaiter().GetResult();

    public void Dispose() => store.Dispose();

    /// <summary>A hand-made release: its nodes and edges, each with one quote of it.</summary>
    internal static DocumentGraph Release(string id, FuzzyDate published, IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges)
    {
        var doc = new Document(id, "Release " + id, null, published, "Bayerische Staatskanzlei", "de", "hash-" + id, null);
        IReadOnlyList<EvidenceSpan> Quote(string what) => [new EvidenceSpan(id, $"{what} in {id}", 0, 20)];
        return new DocumentGraph(doc, nodes.Select(n => new NodeFact(n, Quote(n.Id))).ToList(), edges.Select(e => new EdgeFact(e, Quote(e.Id))).ToList());
    }

    /// <summary>A release stating that the person holds the consulate (as of the date, worded so).</summary>
    internal static DocumentGraph ConsulRelease(string id, FuzzyDate published, Person person, string title = "Generalkonsulin") =>
        Release(id, published, [person, ConsulGeneral], [new GraphEdge(EdgeTypes.Holds, person.Id, Consulate, AsOf: published, Title: title)]);

    /// <summary>As JSON, a node with all of its kind's properties (as its own type, not as a <see cref="GraphNode"/>).</summary>
    private static string Json(object x) => JsonSerializer.Serialize(x, x.GetType());

    private static string Json(IEnumerable<GraphNode> nodes) => string.Join("\n", nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(Json));

    private static string Json(IEnumerable<Relationship> relationships) => string.Join("\n", relationships.OrderBy(r => r.Edge.Id, StringComparer.Ordinal).Select(Json));

    private static string Json(DocumentGraph g) => string.Join("\n", [Json(g.Document),
        .. g.Nodes.OrderBy(n => n.Node.Id, StringComparer.Ordinal).Select(n => Json(n.Node) + Json(n.Evidence)),
        .. g.Edges.OrderBy(e => e.Edge.Id, StringComparer.Ordinal).Select(Json)]);

    /// <summary>The document resolved against the view with <paramref name="pending"/> unwritten, then against the store once it is written (one by one).</summary>
    private async Task<(DocumentGraph Batched, DocumentGraph OneByOne, PendingGraph View)> ResolveBothWaysAsync(DocumentGraph pending, DocumentGraph document)
    {
        var view = new PendingGraph(store);
        view.Add(pending);
        var batched = await new CrossDocumentResolver(view).ResolveAsync(document, default);
        await store.WriteDocumentAsync(pending, default);
        var oneByOne = await new CrossDocumentResolver(store).ResolveAsync(document, default);
        return (batched, oneByOne, view);
    }

    [Fact]
    public async Task SurnameOnlyPersonResolvesToAFullNameOnlyAPendingDocumentStates()
    {
        var kato = new Person("person:kikuko-kato", "Kikuko Kato", ["Kato"]);
        var later = ConsulRelease("doc:later", new FuzzyDate(2021, 5, 3), new Person("person:kato", "Kato", ["Generalkonsulin Kato"]));
        // against the store alone (the pending release not written) nothing links
        Assert.Contains((await new CrossDocumentResolver(store).ResolveAsync(later, default)).Nodes, n => n.Node.Id == "person:kato");

        var (batched, oneByOne, view) = await ResolveBothWaysAsync(ConsulRelease("doc:earlier", new FuzzyDate(2021, 3, 1), kato), later);

        var person = Assert.Single(batched.Nodes, n => n.Node is Person).Node;
        Assert.Equal("person:kikuko-kato", person.Id);
        Assert.Equal(["Generalkonsulin Kato", "Kato"], ((Person)person).Aliases.Order(StringComparer.Ordinal));
        Assert.Equal(Json(oneByOne), Json(batched));
        Assert.False(view.Undecided);
    }

    [Fact]
    public async Task UnnamedOfficeResolvesToAHolderOnlyAPendingDocumentStates()
    {
        var iwama = new Person("person:kiminori-iwama", "Kiminori Iwama", ["Iwama"]);
        var date = new FuzzyDate(2021, 2, 11);
        var reception = new Event(GraphIds.Event(EventType.Reception, date, [], "DE-BY", [Consulate]), EventType.Reception, date, "Empfang des Generalkonsuls");
        var unnamed = Release("doc:reception", date, [reception, ConsulGeneral], [new GraphEdge(EdgeTypes.Participant, reception.Id, Consulate, Role: "guest")]);
        Assert.DoesNotContain((await new CrossDocumentResolver(store).ResolveAsync(unnamed, default)).Nodes, n => n.Node.Id == iwama.Id);

        var (batched, oneByOne, view) = await ResolveBothWaysAsync(ConsulRelease("doc:consul", new FuzzyDate(2020, 9, 4), iwama, "Generalkonsul"), unnamed);

        Assert.Contains(batched.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == iwama.Id);
        Assert.Contains(batched.Nodes, n => n.Node.Id == iwama.Id);
        Assert.Equal(Json(oneByOne), Json(batched));
        Assert.False(view.Undecided);
    }

    [Fact]
    public async Task NodesAndRelationshipsTheStoreAndAPendingDocumentBothStateAreMergedAsTheStoreMerges()
    {
        // stored: Kato in full, published later than the pending release; Tanaka by surname only
        await store.WriteDocumentAsync(Release("doc:stored", new FuzzyDate(2021, 6, 1),
            [new Person("person:kikuko-kato", "Kikuko Kato", ["Kato"]), new Person("person:tanaka", "Tanaka", []), ConsulGeneral],
            [new GraphEdge(EdgeTypes.Holds, "person:kikuko-kato", Consulate, AsOf: new FuzzyDate(2021, 6, 1), Title: "Generalkonsulin")]), default);
        // pending: Kato with other aliases and an earlier wording of her office; Tanaka in full under the same id (the full name wins whatever the dates)
        var pending = Release("doc:pending", new FuzzyDate(2020, 1, 15),
            [new Person("person:kikuko-kato", "Kikuko Kato", ["Frau Kato", "Kato"]), new Person("person:tanaka", "Hiroshi Tanaka", ["Tanaka"]),
             ConsulGeneral with { Title = "Japanisches Generalkonsulat München", Aliases = ["Konsulat"] }],
            [new GraphEdge(EdgeTypes.Holds, "person:kikuko-kato", Consulate, AsOf: new FuzzyDate(2020, 1, 15), Title: "Generalkonsulin von Japan"),
             new GraphEdge(EdgeTypes.Holds, "person:tanaka", Consulate, AsOf: new FuzzyDate(2019, 4), Title: "Generalkonsul")]);
        var view = new PendingGraph(store);
        view.Add(pending);

        async Task<string[]> ReadAsync(IResolutionReads graph)
        {
            var neighbours = await graph.GetNeighboursAsync([Consulate], Direction.Incoming, [EdgeTypes.Holds], withEvidence: true, default);
            return [
                Json(await graph.ResolveAsync("Kato", default)),
                Json(await graph.ResolveAsync("tanaka", default)),
                Json(await graph.ResolveAsync("Frau Kato", default)),
                Json(await graph.GetNodesAsync(["person:kikuko-kato", "person:tanaka", Consulate], default)),
                Json(await graph.GetRelationshipsAsync(["person:kikuko-kato", "person:tanaka"], Direction.Outgoing, [EdgeTypes.Holds], default)),
                Json(neighbours.Relationships), Json(neighbours.Nodes.Values),
            ];
        }
        var batched = await ReadAsync(view);
        await store.WriteDocumentAsync(pending, default);
        var written = await ReadAsync(IResolutionReads.Of(store));

        Assert.Equal(written, batched);
        Assert.Contains("Hiroshi Tanaka", batched[1]);
        Assert.Contains("Frau Kato", batched[2]);
        Assert.False(view.Undecided);
    }

    [Fact]
    public async Task UndecidedGivenAPersonStoredAndPendingUnderTwoNamesOfTheSameRank()
    {
        // Which name the store would show depends on which of its documents was published last: its merged node does not say.
        await store.WriteDocumentAsync(ConsulRelease("doc:stored", new FuzzyDate(2021, 6, 1), new Person("person:kikuko-kato", "Kikuko Kato", [])), default);
        var view = new PendingGraph(store);
        view.Add(ConsulRelease("doc:pending", new FuzzyDate(2022, 1, 1), new Person("person:kikuko-kato", "Kikuko KATO", [])));

        await view.GetNodesAsync([Consulate], default);
        Assert.False(view.Undecided);
        await view.GetNodesAsync(["person:kikuko-kato"], default);
        Assert.True(view.Undecided);
        view.Clear();
        Assert.False(view.Undecided);
    }
}
