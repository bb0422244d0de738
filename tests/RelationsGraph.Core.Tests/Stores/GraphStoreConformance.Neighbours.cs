using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// Relationships read with the nodes at their ends in one call (what a page of events reads for its
/// places and participants), and the quotes of a node or a relationship: exactly those its documents
/// state for it, however many other facts those documents state.
/// </summary>
public abstract partial class GraphStoreConformance
{
    /// <summary>A second release about the seed's consul general: his office again, with another quote, and facts of its own.</summary>
    private static DocumentGraph AboutIwamaAgain()
    {
        var doc = new Document("doc:iwama-again", "Iwama again", null, new FuzzyDate(2022, 3, 1), null, "de", "h-iwama-again", null);
        var iwama = Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" });
        var holds = Seed.Edges.Single(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == iwama.Node.Id);
        var office = Seed.Nodes.Single(n => n.Node.Id == holds.Edge.Target);
        var japan = Seed.Nodes.Single(n => n.Node.Id == "JP");
        var other = new Place("test:elsewhere", "Anderswo", PlaceKind.City, null, []);
        EvidenceSpan Quote(string q, int at) => new(doc.Id, q, at, at + q.Length);
        return new DocumentGraph(doc,
            [
                new NodeFact(iwama.Node, [Quote("Generalkonsul Iwama", 10)]),
                new NodeFact(office.Node, [Quote("Generalkonsul", 10)]),
                new NodeFact(japan.Node, [Quote("Japan", 40)]),
                new NodeFact(other, [Quote("Anderswo", 60)]),
            ],
            [
                new EdgeFact(holds.Edge with { AsOf = new FuzzyDate(2022, 3, 1) }, [Quote("Generalkonsul Iwama", 10)]),
                new EdgeFact(new GraphEdge(EdgeTypes.PartOf, other.Id, japan.Node.Id), [Quote("Anderswo in Japan", 60)]),
            ]);
    }

    private static string Spans(IEnumerable<EvidenceSpan> spans) =>
        string.Join(" | ", spans.Select(s => $"{s.DocumentId}@{s.Start}-{s.End}:{s.Quote}").Order(StringComparer.Ordinal));

    [Fact]
    public async Task GetNeighboursReadsTheRelationshipsWithTheNodesAtTheirEnds()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(AboutIwamaAgain(), default);
        var events = Seed.Nodes.Select(n => n.Node).OfType<Event>().Select(e => e.Id).ToList();
        var people = Seed.Nodes.Select(n => n.Node).OfType<Person>().Select(p => p.Id).ToList();
        foreach (var (ids, direction, types) in new (List<string>, Direction, string[])[]
        {
            (events, Direction.Outgoing, [EdgeTypes.Participant, EdgeTypes.At]),
            (people, Direction.Outgoing, [EdgeTypes.Holds]),
            (["JP"], Direction.Both, [EdgeTypes.PartOf, EdgeTypes.Involves]),
        })
        {
            var relationships = await store.GetRelationshipsAsync(ids, direction, types, default);
            var ends = await store.GetNodesAsync(relationships.SelectMany(r => new[] { r.Edge.Source, r.Edge.Target }).Distinct().ToList(), default);
            Assert.NotEmpty(relationships);

            var full = await store.GetNeighboursAsync(ids, direction, types, withEvidence: true, default);
            Assert.Equal(relationships.Select(r => (r.Edge, Spans(r.Evidence), string.Join(",", r.Dates))), full.Relationships.Select(r => (r.Edge, Spans(r.Evidence), string.Join(",", r.Dates))));
            Assert.Equal(ends.Select(n => n.Id).Order(StringComparer.Ordinal), full.Nodes.Keys.Order(StringComparer.Ordinal));
            Assert.All(ends, n => Assert.Equal(System.Text.Json.JsonSerializer.Serialize(n, n.GetType()), System.Text.Json.JsonSerializer.Serialize(full.Nodes[n.Id], full.Nodes[n.Id].GetType())));

            // without quotes: the same relationships and nodes, no quotes, each dated by its own date
            var bare = await store.GetNeighboursAsync(ids, direction, types, withEvidence: false, default);
            Assert.Equal(relationships.Select(r => r.Edge), bare.Relationships.Select(r => r.Edge));
            Assert.All(bare.Relationships, r => Assert.Empty(r.Evidence));
            Assert.All(bare.Relationships, r => Assert.Equal(r.Edge.AsOf is { } d ? [d] : [], r.Dates));
            Assert.Equal(full.Nodes.Keys.Order(StringComparer.Ordinal), bare.Nodes.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task QuotesOfANodeOrRelationshipAreThoseItsDocumentsStateForIt()
    {
        var again = AboutIwamaAgain();
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(again, default);
        var both = new[] { Seed, again };
        string Stated(string id) => Spans(both.SelectMany(g => g.Nodes.Where(n => n.Node.Id == id).SelectMany(n => n.Evidence)
            .Concat(g.Edges.Where(e => e.Edge.Id == id).SelectMany(e => e.Evidence))).Distinct());

        var nodeIds = both.SelectMany(g => g.Nodes).Select(n => n.Node.Id).Distinct().ToList();
        var evidence = await store.GetEvidenceAsync(nodeIds, default);
        Assert.All(nodeIds, id => Assert.Equal(Stated(id), Spans(evidence[id])));

        var relationships = await store.GetRelationshipsAsync(nodeIds, Direction.Outgoing, null, default);
        Assert.Equal(both.SelectMany(g => g.Edges).Select(e => e.Edge.Id).Distinct().Order(StringComparer.Ordinal), relationships.Select(r => r.Edge.Id).Order(StringComparer.Ordinal));
        Assert.All(relationships, r => Assert.Equal(Stated(r.Edge.Id), Spans(r.Evidence)));
        // the office held is dated by both documents
        var iwama = Seed.Nodes.Single(n => n.Node is Person { Name: "Kiminori Iwama" }).Node.Id;
        var holds = Assert.Single(relationships, r => r.Edge.Type == EdgeTypes.Holds && r.Edge.Source == iwama);
        Assert.Contains(new FuzzyDate(2022, 3, 1), holds.Dates);
        Assert.True(holds.Dates.Count >= 2);

        // the second document's retraction takes exactly its quotes back
        Assert.True(await store.DeleteDocumentAsync(again.Document.Id, default));
        var after = await store.GetEvidenceAsync([iwama], default);
        Assert.Equal(Spans(Seed.Nodes.Where(n => n.Node.Id == iwama).SelectMany(n => n.Evidence).Distinct()), Spans(after[iwama]));
    }

    [Fact]
    public async Task TallyByYearCountsWhatTheTallyByMonthCountsPerYear()
    {
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(AboutIwamaAgain(), default);
        foreach (var filter in new[] { new EventFilter(), new EventFilter("DE-NW", "JP"), new EventFilter("JP", Types: [EventType.Visit]) })
        {
            static string PerYear(IEnumerable<EventTally> tally) => string.Join(", ", tally.GroupBy(t => (t.Year, t.Type)).Select(g => $"{g.Key.Year} {g.Key.Type} {g.Sum(t => t.Count)}").Order(StringComparer.Ordinal));
            var byMonth = await store.TallyEventsAsync(filter, default);
            var byYear = await store.TallyEventsByYearAsync(filter, default);
            Assert.Equal(PerYear(byMonth), PerYear(byYear));
            Assert.Equal(
                Timeline.FromTally(byMonth, Granularity.Year).Buckets.Select(b => $"{b.Period} {string.Join(",", b.ByType)}"),
                Timeline.FromTally(byYear, Granularity.Year).Buckets.Select(b => $"{b.Period} {string.Join(",", b.ByType)}"));
        }
        Assert.NotEmpty(await store.TallyEventsByYearAsync(new EventFilter("DE-NW", "JP"), default));
    }
}
