using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>Roll-up that later documents change: an office or a PART_OF stated after the event, and retracted again.</summary>
public abstract partial class GraphStoreConformance
{
    private static DocumentGraph Stating(string name, FuzzyDate published, NodeFact[] nodes, params GraphEdge[] edges)
    {
        var doc = new Document("doc:" + name, name, null, published, null, "de", "h-" + name, null);
        return new DocumentGraph(doc, nodes, edges.Select(e => new EdgeFact(e, [new EvidenceSpan(doc.Id, name, 0, name.Length)])).ToList());
    }

    private static NodeFact Fact(GraphNode n) => new(n, []);

    [Fact]
    public async Task FindEventsFollowsOfficesAndPartOfStatedByLaterDocumentsAndForgetsThemWhenRetracted()
    {
        var person = new Person("person:hana-mori", "Hana Mori", []);
        var office = new Office("office:gouverneur:JP-07", "Gouverneur von Fukushima", "gouverneur", []);
        var nrw = new Place("DE-NW", "Nordrhein-Westfalen", PlaceKind.State, "DE-NW", []);
        var fukushima = new Place("JP-07", "Fukushima", PlaceKind.Prefecture, "JP-07", []);
        var japan = new Place("JP", "Japan", PlaceKind.Country, "JP", []);
        var visit = new Event("event:visit:2021-05:rollup", EventType.Visit, new FuzzyDate(2021, 5), "Besuch");
        var date = new FuzzyDate(2021, 5, 3);
        await store.WriteDocumentAsync(Stating("visit", date, [Fact(person), Fact(nrw), Fact(visit)],
            new GraphEdge(EdgeTypes.Participant, visit.Id, person.Id), new GraphEdge(EdgeTypes.Involves, visit.Id, nrw.Id)), default);
        await store.WriteDocumentAsync(Stating("office", date, [Fact(person), Fact(office), Fact(fukushima)],
            new GraphEdge(EdgeTypes.Holds, person.Id, office.Id, AsOf: date), new GraphEdge(EdgeTypes.Of, office.Id, fukushima.Id)), default);
        async Task<int> Between(string a, string b) => (await store.FindEventsAsync(new EventFilter(a, b), new PageRequest(10), default)).TotalCount;

        Assert.Equal(1, await Between("DE-NW", "JP-07"));
        Assert.Equal(0, await Between("DE-NW", "JP"));
        await store.WriteDocumentAsync(Stating("part-of", date, [Fact(fukushima), Fact(japan)], new GraphEdge(EdgeTypes.PartOf, fukushima.Id, japan.Id)), default);
        Assert.Equal(1, await Between("JP", "DE-NW"));
        Assert.True(await store.DeleteDocumentAsync("doc:part-of", default));
        Assert.Equal(0, await Between("DE-NW", "JP"));
        Assert.Equal(1, await Between("DE-NW", "JP-07"));
        Assert.True(await store.DeleteDocumentAsync("doc:office", default));
        Assert.Equal(0, await Between("DE-NW", "JP-07"));
        Assert.Equal(1, await Between("DE-NW", person.Id));
    }
}
