using RelationsGraph.Export;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Export;

/// <summary>The subgraphs the export tests write: the seed release as extracted, and one made of hostile strings.</summary>
internal static class ExportSamples
{
    /// <summary>The seed press release through the real extractor and GraphBuilder, with its Document node.</summary>
    public static Subgraph Seed { get; } = FromDocument(new GraphBuilder().Build(new PressReleaseExtractor().Extract(
        SourceText.Read(RepositoryPaths.SeedFile), new DocumentHints(SourceName: Path.GetFileName(RepositoryPaths.SeedFile)))));

    public static Subgraph FromDocument(DocumentGraph g) => new(
        [.. g.Nodes.Select(n => n.Node), g.Document],
        g.Edges.Select(e => new Relationship(e.Edge, e.Evidence)).ToList(),
        g.Nodes.ToDictionary(n => n.Node.Id, n => n.Evidence));

    /// <summary>Quotes of both kinds, a backslash, markup, an injection attempt, line breaks, a flag and an emoji.</summary>
    public const string Nasty = "He said \"ja\" and 'nein' \\ </x> <![CDATA[ & ]]> a,b;c\nnext line\r\nand '; MATCH (n) DETACH DELETE n // 🇯🇵 😀";

    /// <summary>Characters XML 1.0 cannot hold (BEL, ESC, vertical tab, DEL is fine, U+FFFE), and a tab.</summary>
    public const string Controls = "bell\u0007 esc\u001B vt\u000B del\u007F tab\t nonchar\uFFFE end";

    /// <summary>What <see cref="Controls"/> becomes in XML: each character XML cannot hold is U+FFFD.</summary>
    public const string ControlsInXml = "bell\uFFFD esc\uFFFD vt\uFFFD del\u007F tab\t nonchar\uFFFD end";

    /// <summary>Half a surrogate pair: no UTF-8 form, so every format writes U+FFFD.</summary>
    public const string LoneSurrogate = "half \uD83D pair";

    public const string PlaceId = "city:xx:'; MATCH (n) DETACH DELETE n //";
    public const string PersonId = "person:</x> & \"quoted\" @ home";

    public static Subgraph Hostile { get; } = MakeHostile();

    private static Subgraph MakeHostile()
    {
        var place = new Place(PlaceId, Nasty, PlaceKind.City, null, [Controls, "a; b", "x,y"]);
        var person = new Person(PersonId, "Ünïcödé 😀 \"Name\"", [LoneSurrogate]);
        var office = new Office("office:governor:xx@seat", "Gouverneur\tvon X", "governor", []);
        var org = new Organization("org:backslash\\name", "Org \\ \"quoted\" 'single'", OrganizationKind.Other, []);
        var ev = new Event("event:meeting:2019-10:abc", EventType.Meeting, new FuzzyDate(2019, 10), Nasty);
        var agreement = new Agreement("agreement:mou:xx", "MoU <b>bold</b>", "MoU", 2, AgreementStatus.Signed, new FuzzyDate(2020, 2, 29));
        var stat = new Statistic("stat:people:xx:2020:1", "Menschen, \"viele\"", "people", 2_700_000_000.5m, StatisticQualifier.About, "EUR", new FuzzyDate(2020));
        var doc = new Document("doc:hostile.txt", Controls, "https://example.org/?a=1&b=<2>", new FuzzyDate(2020, 9, 4), "Publisher, Inc.", "de", "hash", null);
        var quote = new EvidenceSpan(doc.Id, Nasty, 10, 20);
        return new Subgraph(
            [place, person, office, org, ev, agreement, stat, doc],
            [
                new Relationship(new GraphEdge(EdgeTypes.Participant, ev.Id, person.Id, Role: "host'; DROP"), [quote, new EvidenceSpan(doc.Id, Controls, 0, 5)]),
                new Relationship(new GraphEdge(EdgeTypes.At, ev.Id, place.Id), [quote]),
                new Relationship(new GraphEdge(EdgeTypes.Holds, person.Id, office.Id, AsOf: new FuzzyDate(2019, 10, 1)), []),
                new Relationship(new GraphEdge(EdgeTypes.Of, office.Id, place.Id), []),
                new Relationship(new GraphEdge(EdgeTypes.Concerns, ev.Id, agreement.Id), []),
                new Relationship(new GraphEdge(EdgeTypes.Party, agreement.Id, place.Id), []),
                new Relationship(new GraphEdge(EdgeTypes.About, stat.Id, place.Id), []),
                new Relationship(new GraphEdge("ODD `TYPE`", org.Id, place.Id), [new EvidenceSpan(doc.Id, LoneSurrogate, 1, 2)]),
            ],
            new Dictionary<string, IReadOnlyList<EvidenceSpan>> { [place.Id] = [quote], [person.Id] = [new EvidenceSpan(doc.Id, "Ünïcödé", 30, 37)] });
    }

    public static IEnumerable<object[]> Both => [["seed"], ["hostile"]];

    public static Subgraph Named(string name) => name == "seed" ? Seed : Hostile;

    public static byte[] WriteAs(this Subgraph subgraph, string format)
    {
        using var buffer = new MemoryStream();
        ExportFormats.Get(format).Write(subgraph, buffer);
        return buffer.ToArray();
    }
}
