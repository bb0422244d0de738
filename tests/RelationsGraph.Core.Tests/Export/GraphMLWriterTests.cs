using System.Text;
using System.Xml;
using System.Xml.Linq;
using RelationsGraph.Export;
using RelationsGraph.Graph;

namespace RelationsGraph.Core.Tests.Export;

public sealed class GraphMLWriterTests
{
    private static readonly XNamespace G = GraphMLWriter.Namespace;

    [Theory]
    [MemberData(nameof(ExportSamples.Both), MemberType = typeof(ExportSamples))]
    public void OutputValidatesAgainstTheGraphMLSchema(string sample)
    {
        var bytes = ExportSamples.Named(sample).WriteAs("graphml");
        Assert.Empty(XmlSchemas.Validate(XmlSchemas.GraphML, bytes));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no BOM");
    }

    [Fact]
    public void ValidationRejectsAnEdgeToNoNodeAndAnUndeclaredKey()
    {
        var doc = XDocument.Parse(Encoding.UTF8.GetString(ExportSamples.Seed.WriteAs("graphml")));
        var graph = doc.Root!.Element(G + "graph")!;
        graph.Element(G + "edge")!.SetAttributeValue("target", "nowhere");
        graph.Element(G + "node")!.Add(new XElement(G + "data", new XAttribute("key", "n_undeclared"), "x"));
        var problems = XmlSchemas.Validate(XmlSchemas.GraphML, Encoding.UTF8.GetBytes(doc.ToString()));
        Assert.Contains(problems, p => p.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("n_undeclared", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidationRejectsAnElementGraphMLDoesNotHave()
    {
        var doc = XDocument.Parse(Encoding.UTF8.GetString(ExportSamples.Seed.WriteAs("graphml")));
        doc.Root!.Element(G + "graph")!.Add(new XElement(G + "vertex", new XAttribute("id", "v")));
        Assert.NotEmpty(XmlSchemas.Validate(XmlSchemas.GraphML, Encoding.UTF8.GetBytes(doc.ToString())));
    }

    [Fact]
    public void DeclaresEveryPropertyWithItsType()
    {
        var keys = Parse(ExportSamples.Seed).Root!.Elements(G + "key").ToList();
        Assert.Equal(ExportProperties.Node.Count + ExportProperties.Edge.Count, keys.Count);
        Assert.Contains(keys, k => (string?)k.Attribute("attr.name") == "value" && (string?)k.Attribute("attr.type") == "double" && (string?)k.Attribute("for") == "node");
        Assert.Contains(keys, k => (string?)k.Attribute("attr.name") == "evidenceCount" && (string?)k.Attribute("attr.type") == "int" && (string?)k.Attribute("for") == "edge");
        var graph = Parse(ExportSamples.Seed).Root!.Element(G + "graph")!;
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        Assert.Equal(ExportSamples.Seed.Nodes.Count, graph.Elements(G + "node").Count());
        Assert.Equal(ExportSamples.Seed.Relationships.Count, graph.Elements(G + "edge").Count());
    }

    [Fact]
    public void HostileStringsReadBackAsWrittenButCharactersXmlCannotHold()
    {
        var graph = Parse(ExportSamples.Hostile).Root!.Element(G + "graph")!;
        var place = graph.Elements(G + "node").Single(n => XmlConvert.DecodeName((string)n.Attribute("id")!) == ExportSamples.PlaceId);
        Assert.Equal(ExportSamples.Nasty, Data(place, "n_name"));
        Assert.Equal($"{ExportSamples.ControlsInXml}; a; b; x,y", Data(place, "n_aliases"));
        var person = graph.Elements(G + "node").Single(n => XmlConvert.DecodeName((string)n.Attribute("id")!) == ExportSamples.PersonId);
        Assert.Equal("half \uFFFD pair", Data(person, "n_aliases"));
        var odd = graph.Elements(G + "edge").Single(e => Data(e, "e_type") == "ODD `TYPE`");
        Assert.Equal(ExportSamples.PlaceId, XmlConvert.DecodeName((string)odd.Attribute("target")!));
    }

    private static string? Data(XElement element, string key) =>
        element.Elements(G + "data").SingleOrDefault(d => (string?)d.Attribute("key") == key)?.Value;

    private static XDocument Parse(Subgraph subgraph)
    {
        using var stream = new MemoryStream(subgraph.WriteAs("graphml"));
        return XDocument.Load(stream);
    }
}
