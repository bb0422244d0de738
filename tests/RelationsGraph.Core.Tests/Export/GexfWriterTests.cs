using System.Text;
using System.Xml.Linq;
using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Export;

public sealed class GexfWriterTests
{
    private static readonly XNamespace X = GexfWriter.Namespace;

    [Theory]
    [MemberData(nameof(ExportSamples.Both), MemberType = typeof(ExportSamples))]
    public void OutputValidatesAgainstTheGexfSchema(string sample)
    {
        var bytes = ExportSamples.Named(sample).WriteAs("gexf");
        Assert.Empty(XmlSchemas.Validate(XmlSchemas.Gexf12, bytes));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no BOM");
    }

    [Fact]
    public void ValidationRejectsAnEdgeWithoutSourceAndAnotherVersion()
    {
        var doc = Parse(ExportSamples.Seed);
        doc.Root!.SetAttributeValue("version", "1.3");
        doc.Descendants(X + "edge").First().Attribute("source")!.Remove();
        var problems = XmlSchemas.Validate(XmlSchemas.Gexf12, Encoding.UTF8.GetBytes(doc.ToString()));
        Assert.Contains(problems, p => p.Contains("'source'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'version'", StringComparison.Ordinal));
    }

    [Fact]
    public void IsGexf12DraftWhichNetworkXAndGephiRead()
    {
        var root = Parse(ExportSamples.Seed).Root!;
        Assert.Equal(("http://www.gexf.net/1.2draft", "1.2"), (root.Name.NamespaceName, (string?)root.Attribute("version")));
    }

    [Fact]
    public void EventsAndTheirRelationshipsLastForTheEventsDate()
    {
        var doc = Parse(ExportSamples.Seed);
        var graph = doc.Root!.Element(X + "graph")!;
        Assert.Equal(("dynamic", "date", "directed"), ((string?)graph.Attribute("mode"), (string?)graph.Attribute("timeformat"), (string?)graph.Attribute("defaultedgetype")));

        var visit = ExportSamples.Seed.Nodes.OfType<Event>().Single(e => e.Type == EventType.Visit);
        var node = graph.Descendants(X + "node").Single(n => (string?)n.Attribute("id") == visit.Id);
        Assert.Equal(("2019-10-01", "2019-10-31"), ((string?)node.Attribute("start"), (string?)node.Attribute("end")));
        Assert.Equal(visit.Title, (string?)node.Attribute("label"));

        var edges = graph.Descendants(X + "edge").Where(e => (string?)e.Attribute("source") == visit.Id).ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal(("2019-10-01", "2019-10-31"), ((string?)e.Attribute("start"), (string?)e.Attribute("end"))));

        var timeless = graph.Descendants(X + "node").Where(n => ExportSamples.Seed.Nodes.Single(s => s.Id == (string?)n.Attribute("id")) is not Event);
        Assert.All(timeless, n => Assert.Null(n.Attribute("start")));
    }

    [Fact]
    public void DeclaresNodeAndEdgeAttributesAndHostileValuesReadBack()
    {
        var graph = Parse(ExportSamples.Hostile).Root!.Element(X + "graph")!;
        var classes = graph.Elements(X + "attributes").ToDictionary(a => (string)a.Attribute("class")!, a => a.Elements(X + "attribute").Select(x => (string)x.Attribute("title")!).ToList());
        Assert.Equal(ExportProperties.Node.Select(p => p.Name), classes["node"]);
        Assert.Equal(ExportProperties.Edge.Select(p => p.Name), classes["edge"]);

        var place = graph.Descendants(X + "node").Single(n => (string?)n.Attribute("id") == ExportSamples.PlaceId);
        Assert.Equal(ExportSamples.Nasty, (string?)place.Attribute("label"));
        Assert.Equal(ExportSamples.Nasty, Value(place, "name"));
        Assert.Equal($"{ExportSamples.ControlsInXml}; a; b; x,y", Value(place, "aliases"));
        var document = graph.Descendants(X + "node").Single(n => (string?)n.Attribute("id") == "doc:hostile.txt");
        Assert.Equal(ExportSamples.ControlsInXml, (string?)document.Attribute("label"));
    }

    private static string? Value(XElement element, string attribute) =>
        (string?)element.Descendants(X + "attvalue").SingleOrDefault(v => (string?)v.Attribute("for") == attribute)?.Attribute("value");

    private static XDocument Parse(Subgraph subgraph)
    {
        using var stream = new MemoryStream(subgraph.WriteAs("gexf"));
        return XDocument.Load(stream);
    }

    /// <summary>A reader from the Gephi ecosystem, graphology-gexf, loads every node and edge with its attributes; skipped without node and npm.</summary>
    [NodeFact]
    public async Task GraphologyGexfReadsEveryNodeEdgeAndAttribute()
    {
        var module = await NpmModules.InstallAsync("graphology@0.26.0", "graphology-gexf@0.13.2");
        foreach (var subgraph in new[] { ExportSamples.Seed, ExportSamples.Hostile })
        {
            var file = Path.Combine(Path.GetTempPath(), $"rg-export-{Guid.NewGuid():N}.gexf");
            await File.WriteAllBytesAsync(file, subgraph.WriteAs("gexf"));
            try
            {
                const string Script = """
                    const Graph = require('graphology');
                    const gexf = require('graphology-gexf');
                    const g = gexf.parse(Graph, require('fs').readFileSync(process.argv[1], 'utf8'));
                    const names = {};
                    g.forEachNode((id, a) => { names[id] = a.name; });
                    console.log(JSON.stringify({ type: g.type, nodes: g.order, edges: g.size, names }));
                    """;
                using var result = System.Text.Json.JsonDocument.Parse(await NpmModules.RunNodeAsync(module, Script, file));
                var root = result.RootElement;
                Assert.Equal("directed", root.GetProperty("type").GetString());
                Assert.Equal(subgraph.Nodes.Count, root.GetProperty("nodes").GetInt32());
                Assert.Equal(subgraph.Relationships.Count, root.GetProperty("edges").GetInt32());
                Assert.All(subgraph.Nodes, n => Assert.Equal(ExportXml.Text(n.DisplayName), root.GetProperty("names").GetProperty(ExportXml.Text(n.Id)).GetString()));
            }
            finally { File.Delete(file); }
        }
    }
}
