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

    [Fact]
    public async Task FindEventsAndAgreementsRollUpThroughBasedInAndOfficesOfOrganizationsWhicheverSideIsLarger()
    {
        var de = new Place("DE", "Deutschland", PlaceKind.Country, "DE", []);
        var nrw = new Place("DE-NW", "Nordrhein-Westfalen", PlaceKind.State, "DE-NW", []);
        var duesseldorf = new Place("city:duesseldorf", "Düsseldorf", PlaceKind.City, null, []);
        var japan = new Place("JP", "Japan", PlaceKind.Country, "JP", []);
        var fukushima = new Place("JP-07", "Fukushima", PlaceKind.Prefecture, "JP-07", []);
        var osaka = new Place("JP-27", "Osaka", PlaceKind.Prefecture, "JP-27", []);
        var korea = new Place("KR", "Südkorea", PlaceKind.Country, "KR", []);
        var jetro = new Organization("org:jetro-duesseldorf", "JETRO Düsseldorf", OrganizationKind.Agency, []);
        var head = new Office("office:leiter:jetro-duesseldorf", "Leiter von JETRO Düsseldorf", "leiter", []);
        var sato = new Person("person:kenji-sato", "Kenji Sato", []);
        var kim = new Person("person:min-kim", "Min Kim", []);
        var date = new FuzzyDate(2021, 6, 1);
        var viaOffice = new Event("event:meeting:2019-03:office", EventType.Meeting, new FuzzyDate(2019, 3), "Treffen");
        var viaBasedIn = new Event("event:visit:2020-05-10:based-in", EventType.Visit, new FuzzyDate(2020, 5, 10), "Besuch");
        var abroad = new Event("event:reception:2021:abroad", EventType.Reception, new FuzzyDate(2021), "Empfang");
        var plain = new Event("event:signing:2018-11:plain", EventType.Signing, new FuzzyDate(2018, 11), "Unterzeichnung");
        var agreement = new Agreement("agreement:jetro-fukushima", "Absichtserklärung", "absichtserklaerung", null, AgreementStatus.Signed, new FuzzyDate(2019, 3));
        var undated = new Agreement("agreement:nrw-korea", "Zusammenarbeit", "zusammenarbeit", null, AgreementStatus.Ongoing, null);

        await store.WriteDocumentAsync(Stating("places", date, [Fact(de), Fact(nrw), Fact(duesseldorf), Fact(japan), Fact(fukushima), Fact(osaka), Fact(korea)],
            new GraphEdge(EdgeTypes.PartOf, nrw.Id, de.Id), new GraphEdge(EdgeTypes.PartOf, duesseldorf.Id, nrw.Id),
            new GraphEdge(EdgeTypes.PartOf, fukushima.Id, japan.Id), new GraphEdge(EdgeTypes.PartOf, osaka.Id, japan.Id)), default);
        // an office OF an organization BASED_IN a city of NRW; a person BASED_IN Korea
        await store.WriteDocumentAsync(Stating("people", date, [Fact(jetro), Fact(head), Fact(sato), Fact(kim), Fact(duesseldorf), Fact(korea)],
            new GraphEdge(EdgeTypes.BasedIn, jetro.Id, duesseldorf.Id), new GraphEdge(EdgeTypes.Of, head.Id, jetro.Id),
            new GraphEdge(EdgeTypes.Holds, sato.Id, head.Id, AsOf: date), new GraphEdge(EdgeTypes.BasedIn, kim.Id, korea.Id)), default);
        await store.WriteDocumentAsync(Stating("events", date, [Fact(viaOffice), Fact(viaBasedIn), Fact(abroad), Fact(plain), Fact(sato), Fact(kim), Fact(fukushima), Fact(osaka), Fact(korea), Fact(nrw), Fact(duesseldorf)],
            new GraphEdge(EdgeTypes.Participant, viaOffice.Id, sato.Id), new GraphEdge(EdgeTypes.Involves, viaOffice.Id, fukushima.Id),
            new GraphEdge(EdgeTypes.At, viaBasedIn.Id, duesseldorf.Id), new GraphEdge(EdgeTypes.Participant, viaBasedIn.Id, kim.Id),
            new GraphEdge(EdgeTypes.Involves, abroad.Id, osaka.Id), new GraphEdge(EdgeTypes.Involves, abroad.Id, korea.Id),
            new GraphEdge(EdgeTypes.Involves, plain.Id, nrw.Id), new GraphEdge(EdgeTypes.Involves, plain.Id, fukushima.Id)), default);
        // more events on the German side only, so that the sides differ in size
        for (var i = 0; i < 5; i++)
        {
            var local = new Event($"event:meeting:2017:local-{i}", EventType.Meeting, new FuzzyDate(2017), "Sitzung");
            await store.WriteDocumentAsync(Stating($"local-{i}", date, [Fact(local), Fact(nrw)], new GraphEdge(EdgeTypes.Involves, local.Id, nrw.Id)), default);
        }
        await store.WriteDocumentAsync(Stating("agreements", date, [Fact(agreement), Fact(undated), Fact(jetro), Fact(fukushima), Fact(nrw), Fact(korea)],
            new GraphEdge(EdgeTypes.Party, agreement.Id, jetro.Id), new GraphEdge(EdgeTypes.Party, agreement.Id, fukushima.Id),
            new GraphEdge(EdgeTypes.Party, undated.Id, nrw.Id), new GraphEdge(EdgeTypes.Party, undated.Id, korea.Id)), default);

        async Task<List<string>> Events(string? a, string? b, FuzzyDate? from = null, EventType[]? types = null) =>
            (await store.FindEventsAsync(new EventFilter(a, b, from, null, types), new PageRequest(50), default)).Items.Select(e => e.Id).ToList();
        async Task<List<string>> Agreements(string a, string? b) =>
            (await store.FindAgreementsAsync(a, b, new PageRequest(50), default)).Items.Select(x => x.Id).ToList();

        foreach (var (a, b) in new[] { ("DE-NW", "JP"), ("JP", "DE-NW"), ("DE", "JP-07"), ("JP-07", "DE") })
            Assert.Equal([plain.Id, viaOffice.Id], await Events(a, b));
        Assert.Equal([viaBasedIn.Id], await Events("DE", "KR"));
        Assert.Equal([viaBasedIn.Id], await Events("KR", "city:duesseldorf"));
        Assert.Equal([abroad.Id], await Events("JP", "KR"));
        Assert.Equal([viaOffice.Id], await Events(jetro.Id, "JP"));
        Assert.Equal([viaOffice.Id], await Events("JP", sato.Id));
        Assert.Empty(await Events(head.Id, "JP")); // an event counts for the office's place, not the office
        Assert.Empty(await Events("DE", "person:nobody"));
        Assert.Equal([viaBasedIn.Id, abroad.Id], await Events(null, "KR"));
        var german = await Events("DE-NW", null);
        Assert.Equal(8, german.Count);
        Assert.Equal(german, await Events("DE-NW", "DE-NW"));
        Assert.Equal([viaOffice.Id, viaBasedIn.Id], await Events("DE", null, from: new FuzzyDate(2019)));
        Assert.Equal([plain.Id], await Events("DE", "JP", types: [EventType.Signing]));
        Assert.Empty(await Events("DE", "JP", from: new FuzzyDate(2022)));

        var page = await store.FindEventsAsync(new EventFilter("DE", null), new PageRequest(2, 5), default);
        Assert.Equal(8, page.TotalCount);
        Assert.Equal(german.Skip(5).Take(2), page.Items.Select(e => e.Id));
        var beyond = await store.FindEventsAsync(new EventFilter("DE", "JP"), new PageRequest(5, 10), default);
        Assert.Equal(2, beyond.TotalCount);
        Assert.Empty(beyond.Items);

        Assert.Equal([agreement.Id], await Agreements("DE", "JP"));
        Assert.Equal([agreement.Id], await Agreements("JP-07", "city:duesseldorf"));
        Assert.Equal([undated.Id], await Agreements("KR", "DE"));
        Assert.Empty(await Agreements("KR", "JP"));
        Assert.Equal([agreement.Id, undated.Id], await Agreements("DE", null)); // undated last
        Assert.Equal(2, (await store.FindAgreementsAsync("DE-NW", null, new PageRequest(1, 1), default)).TotalCount);
    }
}
