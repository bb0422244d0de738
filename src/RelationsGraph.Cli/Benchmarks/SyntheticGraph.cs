using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>A pair of actors that share events, by id.</summary>
internal sealed record Dyad(string Actor, string Counterpart);

/// <summary>
/// A deterministic synthetic graph of many documents, shaped like the genre: the 16 German Länder
/// publish about a few hundred foreign places (gazetteer places with their PART_OF chains), with
/// invented office holders who change every five years, several events per document (PARTICIPANT,
/// AT a city, INVOLVES both sides, CONCERNS the dyad's agreement), agreements shared by a dyad,
/// figures ABOUT both sides, and a quote behind every fact. Foreign places are drawn with a skew
/// (a few partners get most events), as real relations are.
/// </summary>
internal sealed class SyntheticGraph
{
    private static readonly string[] First = ["Anna", "Markus", "Julia", "Thomas", "Keiko", "Hiroshi", "Li", "Wei", "Maria", "John", "Pierre", "Sofia", "Minh", "Ji-ho", "Carlos", "Elena"];
    private static readonly string[] Last = ["Hofmann", "Brandt", "Kessler", "Lindner", "Yamamoto", "Tanaka", "Zhang", "Wang", "Rossi", "Miller", "Dubois", "Kowalski", "Nguyen", "Kim", "García", "Novak", "Sato", "Chen"];
    private static readonly EventType[] Types = [EventType.Visit, EventType.Reception, EventType.Meeting, EventType.Delegation, EventType.Signing, EventType.Extension];
    private static readonly (string Role, string Title)[] LandOffices = [("ministerpraesident", "Ministerpräsident"), ("europaminister", "Europaminister"), ("wirtschaftsminister", "Wirtschaftsminister")];
    private static readonly (string Role, string Title)[] ForeignOffices = [("gouverneur", "Gouverneur"), ("vizegouverneur", "Vizegouverneur"), ("generalkonsul", "Generalkonsul")];

    private readonly Gazetteer gazetteer = Gazetteer.Shared;
    private readonly List<PlaceEntry> lands;
    private readonly List<PlaceEntry> foreign;
    private readonly double[] foreignWeights;
    private readonly Dictionary<string, List<PlaceEntry>> citiesOf;

    public SyntheticGraph()
    {
        var places = gazetteer.Places.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        lands = places.Where(p => p.ParentId == "DE" && p.Kind == PlaceKind.State).ToList();
        foreign = places.Where(p => p.Kind is PlaceKind.Prefecture or PlaceKind.Province or PlaceKind.State or PlaceKind.Region && p.ParentId is { } c && c != "DE").ToList();
        // Zipf-like: the k-th partner gets weight 1/k^0.7
        foreignWeights = Enumerable.Range(1, foreign.Count).Select(k => 1 / Math.Pow(k, 0.7)).ToArray();
        citiesOf = places.Where(p => p.Kind == PlaceKind.City && p.ParentId is not null).GroupBy(p => p.ParentId!).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Actors (places) the documents are about.</summary>
    public int ActorCount => lands.Count + foreign.Count;

    /// <summary>Documents until at least <paramref name="edges"/> distinct edges; the dyads they state, with event counts.</summary>
    public (List<DocumentGraph> Documents, Dictionary<Dyad, int> Dyads, int Edges, int Nodes) Generate(int edges, int seed)
    {
        var random = new Random(seed);
        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        var docs = new List<DocumentGraph>();
        var dyads = new Dictionary<Dyad, int>();
        var total = foreignWeights.Sum();
        PlaceEntry PickForeign()
        {
            var x = random.NextDouble() * total;
            for (var i = 0; i < foreign.Count; i++) if ((x -= foreignWeights[i]) <= 0) return foreign[i];
            return foreign[^1];
        }
        while (edgeIds.Count < edges)
        {
            var g = Document(docs.Count, random, lands[random.Next(lands.Count)], PickForeign(), dyads);
            foreach (var e in g.Edges) edgeIds.Add(e.Edge.Id);
            foreach (var n in g.Nodes) nodeIds.Add(n.Node.Id);
            docs.Add(g);
        }
        return (docs, dyads, edgeIds.Count, nodeIds.Count + docs.Count);
    }

    private static string Holder(string placeId, string role, int term)
    {
        // string.GetHashCode is randomized per process: names come from a stable hash
        var h = Stable(placeId + "|" + role + "|" + term);
        return $"{First[h % (uint)First.Length]} {Last[h / 7 % (uint)Last.Length]} {(char)('A' + h / 131 % 26)}.";
    }

    private static uint Stable(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }

    private DocumentGraph Document(int index, Random random, PlaceEntry land, PlaceEntry other, Dictionary<Dyad, int> dyads)
    {
        var year = 2000 + random.Next(25);
        var published = new FuzzyDate(year, 1 + random.Next(12), 1 + random.Next(28));
        var docId = $"doc:synthetic-{index:D7}";
        var doc = new Document(docId, $"{land.NameDe} und {other.NameDe}: Zusammenarbeit {year}", $"https://example.org/press/{index}", published,
            $"Staatskanzlei {land.NameDe}", "de", $"synthetic-{index}", null);
        var nodes = new Dictionary<string, NodeFact>(StringComparer.Ordinal);
        var edges = new Dictionary<string, EdgeFact>(StringComparer.Ordinal);
        var offset = 0;
        EvidenceSpan[] Q(string quote)
        {
            var span = new EvidenceSpan(docId, quote, offset, offset + quote.Length);
            offset += quote.Length + 2;
            return [span];
        }
        void Place(PlaceEntry p, string? quote)
        {
            foreach (var id in gazetteer.SelfAndAncestors(p.Id))
            {
                var e = gazetteer.Find(id)!;
                nodes.TryAdd(id, new NodeFact(new Place(id, e.NameDe, e.Kind, e.Kind == PlaceKind.City ? null : id, [e.NameEn]), id == p.Id && quote is not null ? Q(quote) : []));
                if (e.ParentId is { } parent) edges.TryAdd($"PART_OF:{id}->{parent}", new EdgeFact(new GraphEdge(EdgeTypes.PartOf, id, parent), []));
            }
        }
        void Edge(GraphEdge e, EvidenceSpan[] q) => edges.TryAdd(e.Id, new EdgeFact(e, q));

        Place(land, $"{land.NameDe} und {other.NameDe} vertiefen ihre Zusammenarbeit");
        Place(other, null);
        var org = GraphIds.Organization("Staatskanzlei " + land.NameDe);
        nodes[org] = new NodeFact(new Organization(org, "Staatskanzlei " + land.NameDe, OrganizationKind.Government, []), Q("Staatskanzlei " + land.NameDe));
        Edge(new GraphEdge(EdgeTypes.BasedIn, org, land.Id), Q("Staatskanzlei " + land.NameDe));

        var term = (year - 2000) / 5;
        Person Official(PlaceEntry place, (string Role, string Title) office)
        {
            var name = Holder(place.Id, office.Role, term);
            var person = new Person(GraphIds.Person(name), name, [name.Split(' ')[1]]);
            var officeId = GraphIds.Office(office.Role, place.Id, null);
            var title = $"{office.Title} von {place.NameDe}";
            var quote = $"{title} {name}";
            nodes.TryAdd(person.Id, new NodeFact(person, Q(quote)));
            nodes.TryAdd(officeId, new NodeFact(new Office(officeId, title, office.Role, [office.Title]), Q(quote)));
            Edge(new GraphEdge(EdgeTypes.Of, officeId, place.Id), Q(quote));
            Edge(new GraphEdge(EdgeTypes.Holds, person.Id, officeId, AsOf: published), Q(quote));
            return person;
        }
        var host = Official(land, LandOffices[random.Next(LandOffices.Length)]);
        var guest = Official(other, ForeignOffices[random.Next(ForeignOffices.Length)]);
        var third = random.Next(3) == 0 ? Official(other, ForeignOffices[random.Next(ForeignOffices.Length)]) : null;

        var agreementId = GraphIds.Agreement(random.Next(4) == 0 ? "absichtserklaerung" : "kooperationsabkommen", [land.Id, other.Id]);
        var agreementQuote = $"Das Kooperationsabkommen zwischen {land.NameDe} und {other.NameDe} wurde {year} verlängert";
        nodes[agreementId] = new NodeFact(new Agreement(agreementId, $"Kooperationsabkommen zwischen {land.NameDe} und {other.NameDe}", "Kooperationsabkommen", null, AgreementStatus.Extended, new FuzzyDate(year)), Q(agreementQuote));
        Edge(new GraphEdge(EdgeTypes.Party, agreementId, land.Id), Q(agreementQuote));
        Edge(new GraphEdge(EdgeTypes.Party, agreementId, other.Id), Q(agreementQuote));

        var events = 3 + random.Next(4);
        for (var i = 0; i < events; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var y = Math.Max(2000, year - random.Next(3));
            var date = random.Next(5) == 0 ? new FuzzyDate(y) : random.Next(2) == 0 ? new FuzzyDate(y, 1 + random.Next(12)) : new FuzzyDate(y, 1 + random.Next(12), 1 + random.Next(28));
            var here = random.Next(2) == 0 ? land : other;
            var city = citiesOf.TryGetValue(here.Id, out var cities) ? cities[random.Next(cities.Count)] : here;
            if (city != here) Place(city, null);
            var id = $"event:{type.ToString().ToLowerInvariant()}:{date}:{Stable(docId + i):x8}";
            var quote = $"{host.Name} empfing {guest.Name} am {date} in {city.NameDe}, um über die Zusammenarbeit zwischen {land.NameDe} und {other.NameDe} zu sprechen";
            var q = Q(quote);
            nodes[id] = new NodeFact(new Event(id, type, date, $"{type}: {guest.Name} in {city.NameDe}, {date}"), q);
            Edge(new GraphEdge(EdgeTypes.Participant, id, host.Id, Role: "host"), q);
            Edge(new GraphEdge(EdgeTypes.Participant, id, guest.Id, Role: "guest"), q);
            if (third is not null && random.Next(2) == 0) Edge(new GraphEdge(EdgeTypes.Participant, id, third.Id, Role: "guest"), q);
            Edge(new GraphEdge(EdgeTypes.At, id, city.Id), q);
            Edge(new GraphEdge(EdgeTypes.Involves, id, land.Id), q);
            Edge(new GraphEdge(EdgeTypes.Involves, id, other.Id), q);
            if (random.Next(3) == 0) Edge(new GraphEdge(EdgeTypes.Concerns, id, agreementId), q);
            var dyad = new Dyad(land.Id, other.Id);
            dyads[dyad] = dyads.GetValueOrDefault(dyad) + 1;
        }

        for (var i = 0; i < 1 + random.Next(2); i++)
        {
            var value = 10 + random.Next(5000);
            var id = GraphIds.Statistic("companies", [other.Id, land.Id], new FuzzyDate(year), value + index * 10_000m);
            var quote = $"Mehr als {value} Unternehmen aus {other.NameDe} sind in {land.NameDe} tätig";
            nodes[id] = new NodeFact(new Statistic(id, $"Unternehmen aus {other.NameDe} in {land.NameDe}", "companies", value, StatisticQualifier.MoreThan, null, new FuzzyDate(year)), Q(quote));
            Edge(new GraphEdge(EdgeTypes.About, id, other.Id), Q(quote));
            Edge(new GraphEdge(EdgeTypes.About, id, land.Id), Q(quote));
        }
        return new DocumentGraph(doc, nodes.Values.ToList(), edges.Values.ToList());
    }
}
