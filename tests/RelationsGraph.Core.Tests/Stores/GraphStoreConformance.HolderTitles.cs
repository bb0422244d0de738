using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// An office has one node and one title, but each holder keeps the title in the words the evidence uses
/// for them (the HOLDS relationship's title): a later Ministerpräsidentin does not make her predecessor one.
/// </summary>
public abstract partial class GraphStoreConformance
{
    private static readonly string LaterMinisterPresidentFile = Path.Combine(RepositoryPaths.Root, "tests", "corpus", "119_nrw-schlesien-25-jahre.txt");

    [Fact]
    public async Task OfficeHoldingKeepsEachHoldersWordingGivenALaterHolderWordedOtherwise()
    {
        var later = new GraphBuilder().Build(new PressReleaseExtractor().Extract(
            SourceText.Read(LaterMinisterPresidentFile), new DocumentHints(SourceName: Path.GetFileName(LaterMinisterPresidentFile))));
        await store.WriteDocumentAsync(Seed, default);
        await store.WriteDocumentAsync(later, default);

        var office = (Office)(await store.GetNodesAsync(["office:ministerpraesident:DE-NW"], default)).Single();
        var holders = await new RelationQueries(store).HoldersAsync(office, default);
        Assert.Equal("Ministerpräsident von Nordrhein-Westfalen", Assert.Single(holders, t => t.Person.Name == "Armin Laschet").Title);
        Assert.Equal("Ministerpräsidentin von Nordrhein-Westfalen", Assert.Single(holders, t => t.Person.Name == "Annegret Hülsmann").Title);

        // the same through a person's offices, after a restart
        store = await ReopenAsync(store);
        var laschet = (Person)Assert.Single(await store.ResolveAsync("Armin Laschet", default));
        var terms = await new RelationQueries(store).TermsOfPeopleAsync([laschet], default);
        Assert.Equal("Ministerpräsident von Nordrhein-Westfalen", Assert.Single(terms, t => t.Office.Id == office.Id).Title);
        var holds = await store.GetRelationshipsAsync([laschet.Id], Direction.Outgoing, [EdgeTypes.Holds], default);
        Assert.Equal("Ministerpräsident von Nordrhein-Westfalen", Assert.Single(holds, r => r.Edge.Target == office.Id).Edge.Title);
    }

    [Fact]
    public async Task OfficeHoldingTakesTheLatestDatedWordingGivenTwoDocumentsInAnyOrder()
    {
        var person = new Person("person:hana-moriyama", "Hana Moriyama", ["Moriyama"]);
        var office = new Office("office:generalkonsul:JP@city:de:dusseldorf", "Generalkonsul von Japan in Düsseldorf", "generalkonsul", []);
        DocumentGraph Stating(string id, FuzzyDate published, string title) =>
            new(new Document(id, id, null, published, null, "de", "hash-" + id, null),
                [new NodeFact(person, [new EvidenceSpan(id, person.Name, 0, person.Name.Length)]), new NodeFact(office with { Title = title }, [])],
                [new EdgeFact(new GraphEdge(EdgeTypes.Holds, person.Id, office.Id, AsOf: published, Title: title), [new EvidenceSpan(id, title, 0, title.Length)])]);
        var early = Stating("doc:moriyama-early", new FuzzyDate(2019, 3, 1), "Generalkonsulin von Japan in Düsseldorf");
        var late = Stating("doc:moriyama-late", new FuzzyDate(2021, 5, 2), "Generalkonsulin von Japan");

        async Task<string?> TitleAsync() =>
            Assert.Single(await store.GetRelationshipsAsync([person.Id], Direction.Outgoing, [EdgeTypes.Holds], default)).Edge.Title;

        await store.WriteDocumentAsync(late, default);
        await store.WriteDocumentAsync(early, default);
        Assert.Equal("Generalkonsulin von Japan", await TitleAsync());

        // retracting the document whose wording won falls back to the other one
        Assert.True(await store.DeleteDocumentAsync(late.Document.Id, default));
        Assert.Equal("Generalkonsulin von Japan in Düsseldorf", await TitleAsync());
        await store.WriteDocumentAsync(late, default);
        Assert.Equal("Generalkonsulin von Japan", await TitleAsync());
    }
}
