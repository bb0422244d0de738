using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>
/// One person across releases that name her differently: "KATO Kikuko" (written by the extractor as Kikuko
/// Kato, with the release's form as an alias) in one, "Generalkonsulin Kato" in another. Linked when the
/// graph leaves no doubt; kept apart when it does. Fictional releases, built as the graph builder builds them.
/// </summary>
public abstract partial class GraphStoreConformance
{
    private static readonly Office ConsulGeneralInMunich = new("office:generalkonsul:JP@city:de:munchen", "Generalkonsulin von Japan in München", "generalkonsul", ["Generalkonsulin"]);
    private static readonly Office AmbassadorInBerlin = new("office:botschafter:JP", "Botschafter von Japan", "botschafter", ["Botschafter"]);
    private static readonly Office MayorOfKaiserslautern = new("office:oberburgermeister:city:de:kaiserslautern", "Oberbürgermeister von Kaiserslautern", "oberburgermeister", ["Oberbürgermeister"]);

    /// <summary>A release naming one person (with the offices it gives them), as GraphBuilder writes it: a full name carries its surname as an alias.</summary>
    private static DocumentGraph Naming(string docId, FuzzyDate published, string name, IReadOnlyList<string> aliases, params Office[] offices)
    {
        var doc = new Document(docId, "Release " + docId, null, published, null, "de", "hash-" + docId, null);
        EvidenceSpan Q(string q) => new(doc.Id, q, 0, q.Length);
        var surname = name.Split(' ')[^1];
        var person = new Person(GraphIds.Person(name), name, aliases.Append(surname).Where(a => a != name).Distinct().ToList());
        return new DocumentGraph(doc,
            [new NodeFact(person, [Q(name)]), .. offices.Select(o => new NodeFact(o, [Q(o.Title)]))],
            [.. offices.Select(o => new EdgeFact(new GraphEdge(EdgeTypes.Holds, person.Id, o.Id, AsOf: published, Title: o.Title), [Q(o.Title + " " + name)]))]);
    }

    private static readonly FuzzyDate April = new(2024, 4, 10);
    private static readonly FuzzyDate June = new(2024, 6, 3);

    private static DocumentGraph KatoKikuko(params Office[] offices) => Naming("doc:kato-kikuko", April, "Kikuko Kato", ["KATO Kikuko"], offices);

    private static DocumentGraph GeneralkonsulinKato(params Office[] offices) => Naming("doc:generalkonsulin-kato", June, "Kato", [], offices);

    private async Task<IReadOnlyList<Person>> PeopleCalledKatoAsync() =>
        (await store.ResolveAsync("Kato", default)).OfType<Person>().OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task SurnameWithTitleIsThePersonNamedFamilyNameFirstGivenTheSameOffice()
    {
        await WriteResolvedAsync(KatoKikuko(ConsulGeneralInMunich));
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));

        var kato = Assert.Single(await PeopleCalledKatoAsync());
        Assert.Equal(("person:kikuko-kato", "Kikuko Kato"), (kato.Id, kato.Name));
        Assert.Contains("KATO Kikuko", kato.Aliases);
        var holds = await store.GetRelationshipsAsync([kato.Id], Direction.Outgoing, [EdgeTypes.Holds], default);
        Assert.Equal(["doc:generalkonsulin-kato", "doc:kato-kikuko"], Assert.Single(holds).Evidence.Select(e => e.DocumentId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FullNameIsThePersonAnEarlierReleaseNamedBySurnameGivenTheSameOffice()
    {
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));
        await WriteResolvedAsync(KatoKikuko(ConsulGeneralInMunich));

        // one person, shown by her full name although the release naming her by surname is the later one
        var kato = Assert.Single(await PeopleCalledKatoAsync());
        Assert.Equal(("person:kato", "Kikuko Kato"), (kato.Id, kato.Name));
        Assert.Single(await store.ResolveAsync("KATO Kikuko", default));
        Assert.True(await store.DeleteDocumentAsync("doc:kato-kikuko", default));
        Assert.Equal("Kato", Assert.Single(await PeopleCalledKatoAsync()).Name);
        await WriteResolvedAsync(KatoKikuko(ConsulGeneralInMunich));
        Assert.Equal("Kikuko Kato", Assert.Single(await PeopleCalledKatoAsync()).Name);
        // a third release in full is the same person again
        await WriteResolvedAsync(Naming("doc:kikuko-kato-again", new FuzzyDate(2024, 9, 1), "Kikuko Kato", [], ConsulGeneralInMunich));
        Assert.Single(await PeopleCalledKatoAsync());
    }

    [Fact]
    public async Task SurnameWithTitleIsTheOnlyPersonOfThatFamilyNameGivenNoOfficeKnownForHer()
    {
        await WriteResolvedAsync(KatoKikuko());
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));
        Assert.Equal("person:kikuko-kato", Assert.Single(await PeopleCalledKatoAsync()).Id);
    }

    [Fact]
    public async Task SurnameStaysApartGivenTwoKnownPeopleOfThatFamilyNameAndNoSharedOffice()
    {
        await WriteResolvedAsync(KatoKikuko());
        await WriteResolvedAsync(Naming("doc:taro-kato", April, "Taro Kato", []));
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));
        Assert.Equal(["person:kato", "person:kikuko-kato", "person:taro-kato"], (await PeopleCalledKatoAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task SurnameIsThePersonWhoHoldsTheOfficeGivenTwoKnownPeopleOfThatFamilyName()
    {
        await WriteResolvedAsync(KatoKikuko(ConsulGeneralInMunich));
        await WriteResolvedAsync(Naming("doc:taro-kato", April, "Taro Kato", [], MayorOfKaiserslautern));
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));
        Assert.Equal(["person:kikuko-kato", "person:taro-kato"], (await PeopleCalledKatoAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task SurnameStaysApartGivenOfficesThatDisagree()
    {
        await WriteResolvedAsync(KatoKikuko(AmbassadorInBerlin));
        await WriteResolvedAsync(GeneralkonsulinKato(MayorOfKaiserslautern));
        Assert.Equal(["person:kato", "person:kikuko-kato"], (await PeopleCalledKatoAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task FullNameStaysApartFromAKnownSurnameGivenNoOfficeOrAnotherPersonOfThatFamilyName()
    {
        await WriteResolvedAsync(GeneralkonsulinKato(ConsulGeneralInMunich));
        await WriteResolvedAsync(KatoKikuko());
        Assert.Equal(["person:kato", "person:kikuko-kato"], (await PeopleCalledKatoAsync()).Select(p => p.Id));

        // a known Taro Kato could be the "Kato" as well: a full name with the same role but another office stays apart
        await WriteResolvedAsync(Naming("doc:taro-kato", April, "Taro Kato", [], MayorOfKaiserslautern));
        await WriteResolvedAsync(Naming("doc:hiro-kato", June, "Hiro Kato", [], ConsulGeneralInMunich with { Id = "office:generalkonsul:JP@city:de:frankfurt" }));
        Assert.Contains("person:hiro-kato", (await PeopleCalledKatoAsync()).Select(p => p.Id));
    }
}
