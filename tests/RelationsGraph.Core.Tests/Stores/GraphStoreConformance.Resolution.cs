using Microsoft.Extensions.Logging.Abstractions;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>Cross-document resolution in the write path: surnames, unnamed office holders, the same event from two publishers.</summary>
public abstract partial class GraphStoreConformance
{
    private static Person SeedPerson(string name) => (Person)Seed.Nodes.Single(n => n.Node is Person p && p.Name == name).Node;

    private static Office OfficeOf(Person p) =>
        (Office)Seed.Nodes.Single(n => n.Node.Id == Seed.Edges.Single(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == p.Id).Edge.Target).Node;

    private static Event SeedEvent(EventType type) => Seed.Nodes.Select(n => n.Node).OfType<Event>().Single(e => e.Type == type);

    /// <summary>
    /// Another publisher's report of the seed's reception: "Ministerpräsident Laschet empfing den Generalkonsul", with
    /// the surname only and the consul general unnamed.
    /// </summary>
    private static DocumentGraph SecondReport(FuzzyDate date, string officeRole = "ministerpraesident")
    {
        var doc = new Document("doc:second-report", "Second report", null, date, "Stadt Düsseldorf", "de", "h-second-report-" + date, null);
        EvidenceSpan Q(string q) => new(doc.Id, q, 0, q.Length);
        const string quote = "Ministerpräsident Laschet empfing den Generalkonsul";
        var laschet = new Person("person:laschet", "Laschet", []);
        var laschetOffice = officeRole == "ministerpraesident" ? OfficeOf(SeedPerson("Armin Laschet")) : new Office("office:" + officeRole + ":DE-NW", officeRole, officeRole, []);
        var consulate = OfficeOf(SeedPerson("Kiminori Iwama"));
        var reception = SeedEvent(EventType.Reception);
        var place = Seed.Edges.Single(e => e.Edge.Type == EdgeTypes.At && e.Edge.Source == reception.Id).Edge.Target;
        var ev = new Event(GraphIds.Event(EventType.Reception, date, [laschet.Id], place, ["DE-NW", "JP"]), EventType.Reception, date, "Empfang");
        return new DocumentGraph(doc,
            [new NodeFact(laschet, [Q(quote)]), new NodeFact(laschetOffice, [Q(quote)]), new NodeFact(consulate, [Q(quote)]), new NodeFact(ev, [Q(quote)])],
            [new EdgeFact(new GraphEdge(EdgeTypes.Holds, laschet.Id, laschetOffice.Id, AsOf: date), [Q(quote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, ev.Id, laschet.Id), [Q(quote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Participant, ev.Id, consulate.Id), [Q(quote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.At, ev.Id, place), [Q(quote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, ev.Id, "DE-NW"), [Q(quote)]),
             new EdgeFact(new GraphEdge(EdgeTypes.Involves, ev.Id, "JP"), [Q(quote)])]);
    }

    private async Task WriteResolvedAsync(DocumentGraph g) => await store.WriteDocumentAsync(await new CrossDocumentResolver(store).ResolveAsync(g, default), default);

    [Fact]
    public async Task TheSameReceptionFromTwoPublishersIsOneEventWithBothQuotes()
    {
        await store.WriteDocumentAsync(Seed, default);
        await WriteResolvedAsync(SecondReport(new FuzzyDate(2020, 9, 4)));

        Assert.Equal("person:armin-laschet", Assert.Single(await store.ResolveAsync("Laschet", default)).Id);
        var receptions = (await store.FindEventsAsync(new EventFilter("DE-NW", "JP", Types: [EventType.Reception]), new PageRequest(10), default)).Items;
        var reception = Assert.Single(receptions);
        Assert.Equal(SeedEvent(EventType.Reception).Id, reception.Id);
        var evidence = (await store.GetEvidenceAsync([reception.Id], default))[reception.Id];
        Assert.Equal([Seed.Document.Id, "doc:second-report"], evidence.Select(e => e.DocumentId).Distinct().Order(StringComparer.Ordinal));
        var participants = await store.GetRelationshipsAsync([reception.Id], Direction.Outgoing, [EdgeTypes.Participant], default);
        Assert.Equal(["person:armin-laschet", "person:kiminori-iwama"], participants.Select(r => r.Edge.Target).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUnnamedConsulGeneralIsWhoHeldTheOfficeNearTheDateAndNobodyFarFromIt()
    {
        await store.WriteDocumentAsync(Seed, default);
        var iwama = SeedPerson("Kiminori Iwama");
        var consulate = OfficeOf(iwama);
        var near = await new CrossDocumentResolver(store).ResolveAsync(SecondReport(new FuzzyDate(2021, 2)), default);
        Assert.Contains(near.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == iwama.Id);
        Assert.DoesNotContain(near.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == consulate.Id);

        var far = await new CrossDocumentResolver(store).ResolveAsync(SecondReport(new FuzzyDate(2024, 5)), default);
        Assert.Contains(far.Edges, e => e.Edge.Type == EdgeTypes.Participant && e.Edge.Target == consulate.Id);
        Assert.DoesNotContain(far.Nodes, n => n.Node.Id == iwama.Id);
    }

    [Fact]
    public async Task ASurnameStaysItsOwnPersonWhenTheOfficesDisagree()
    {
        await store.WriteDocumentAsync(Seed, default);
        var resolved = await new CrossDocumentResolver(store).ResolveAsync(SecondReport(new FuzzyDate(2020, 9, 4), officeRole: "botschafter"), default);
        Assert.Contains(resolved.Nodes, n => n.Node.Id == "person:laschet");
        Assert.DoesNotContain(resolved.Nodes, n => n.Node.Id == "person:armin-laschet");
    }

    [Fact]
    public async Task AConsulGeneralAReleaseDoesNotNameIsTheOneTheGraphKnowsInThatOffice()
    {
        await store.WriteDocumentAsync(Seed, default);
        const string text = """
            Ministerpräsident Laschet empfängt Generalkonsul

            Düsseldorf, 12. Februar 2021

            Ministerpräsident Armin Laschet hat am Donnerstag, 11. Februar 2021, den Generalkonsul von Japan in Nordrhein-Westfalen in der Staatskanzlei in Düsseldorf empfangen. Im Mittelpunkt standen die wirtschaftlichen Beziehungen zwischen Nordrhein-Westfalen und Japan.
            """;
        var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), NullLogger<DocumentIngestor>.Instance);
        await ingestor.IngestAsync(SourceText.From(text, SourceFormat.Text), new DocumentHints(SourceName: "2021-02-12.txt"), default);

        var reception = Assert.Single((await store.FindEventsAsync(new EventFilter("DE-NW", "JP", new FuzzyDate(2021)), new PageRequest(10), default)).Items);
        var participants = await store.GetRelationshipsAsync([reception.Id], Direction.Outgoing, [EdgeTypes.Participant], default);
        Assert.Equal(["person:armin-laschet", "person:kiminori-iwama"], participants.Select(r => r.Edge.Target).Order(StringComparer.Ordinal));
        Assert.Contains(participants.Single(r => r.Edge.Target == "person:kiminori-iwama").Evidence, e => e.Quote.Contains("den Generalkonsul von Japan", StringComparison.Ordinal));
    }
}
