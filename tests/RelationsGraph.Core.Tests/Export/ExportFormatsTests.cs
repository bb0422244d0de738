using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Core.Tests.Export;

public sealed class ExportFormatsTests
{
    public static IEnumerable<object[]> FormatsAndSamples =>
        from name in ExportFormats.Names from sample in new[] { "seed", "hostile" } select new object[] { name, sample };

    [Fact]
    public void FindIgnoresCaseAndListsTheFiveFormats()
    {
        Assert.Equal(["graphml", "gexf", "cytoscape", "csv", "cypher"], ExportFormats.Names);
        Assert.IsType<GraphMLWriter>(ExportFormats.Find("GraphML"));
        Assert.IsType<CypherScriptWriter>(ExportFormats.Find(" CYPHER "));
        Assert.Null(ExportFormats.Find("dot"));
        Assert.False(ExportFormats.TryFind(null, out _));
    }

    [Fact]
    public void GetNamesEveryFormatGivenAnUnknownName()
    {
        var e = Assert.Throws<ArgumentException>(() => ExportFormats.Get("x"));
        Assert.StartsWith("Unknown format 'x'; use one of graphml, gexf, cytoscape, csv, cypher.", e.Message);
    }

    [Fact]
    public void EveryWriterSaysItsContentTypeAndExtension()
    {
        Assert.Equal(
            [
                ("graphml", "application/graphml+xml", ".graphml"),
                ("gexf", "application/gexf+xml", ".gexf"),
                ("cytoscape", "application/json", ".cyjs"),
                ("csv", "application/zip", ".zip"),
                ("cypher", "application/x-cypher-query", ".cypher"),
            ],
            ExportFormats.All.Select(w => (w.Name, w.ContentType, w.FileExtension)));
    }

    [Theory]
    [MemberData(nameof(FormatsAndSamples))]
    public void WritesTheSameBytesGivenTheSameSubgraphInAnotherOrder(string format, string sample)
    {
        var subgraph = ExportSamples.Named(sample);
        var shuffled = subgraph with
        {
            Nodes = subgraph.Nodes.Reverse().ToList(),
            Relationships = subgraph.Relationships.Reverse().Select(r => r with { Evidence = r.Evidence.Reverse().ToList() }).ToList(),
        };
        var first = subgraph.WriteAs(format);
        Assert.NotEmpty(first);
        Assert.Equal(first, subgraph.WriteAs(format));
        Assert.Equal(first, shuffled.WriteAs(format));
    }

    [Theory]
    [MemberData(nameof(FormatsAndSamples))]
    public async Task WriteAsyncWritesWhatWriteWrites(string format, string sample)
    {
        using var output = new MemoryStream();
        await ExportFormats.Get(format).WriteAsync(ExportSamples.Named(sample), output, default);
        Assert.Equal(ExportSamples.Named(sample).WriteAs(format), output.ToArray());
    }

    [Fact]
    public void SeedWritesEveryNodeAndRelationshipOfTheDocument()
    {
        var graph = ExportGraph.From(ExportSamples.Seed);
        Assert.Equal(ExportSamples.Seed.Nodes.Count, graph.Nodes.Count);
        Assert.Equal(ExportSamples.Seed.Relationships.Count, graph.Edges.Count);
        Assert.Contains(graph.Nodes, n => n.Node is Document);
        Assert.Equal(graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void FlattenGivesEachKindItsPropertiesInTheOneOrder()
    {
        var ev = new Event("event:x", EventType.Visit, new FuzzyDate(2019, 10), "Besuch");
        var props = ExportGraph.Flatten(ev, [new EvidenceSpan("doc:b", "zwei", 5, 9), new EvidenceSpan("doc:a", "eins", 1, 5)]);
        Assert.Equal(
            [("label", "Event"), ("name", "Besuch"), ("title", "Besuch"), ("type", "Visit"), ("date", "2019-10"), ("datePrecision", "Month"),
             ("evidence", "doc:a@1-5: eins\ndoc:b@5-9: zwei"), ("evidenceCount", "2")],
            props.Select(p => (p.Property.Name, p.Text)));

        var stat = new Statistic("stat:x", "Austausch", "students", 600m, StatisticQualifier.About, null, new FuzzyDate(2020));
        Assert.Equal(["label", "name", "subject", "metric", "value", "qualifier", "asOf", "evidenceCount"],
            ExportGraph.Flatten(stat, []).Select(p => p.Property.Name));

        var edge = ExportGraph.Flatten(new GraphEdge(EdgeTypes.Holds, "person:a", "office:b", AsOf: new FuzzyDate(2020, 9, 4)), []);
        Assert.Equal([("type", "HOLDS"), ("asOf", "2020-09-04"), ("evidenceCount", "0")], edge.Select(p => (p.Property.Name, p.Text)));
    }

    [Fact]
    public void FlattenWritesALoneSurrogateAsReplacementCharacter()
    {
        var person = new Person("person:x", ExportSamples.LoneSurrogate, []);
        Assert.Equal("half \uFFFD pair", ExportGraph.Flatten(person, []).Single(p => p.Property == ExportProperties.Name).Text);
    }

    [Fact]
    public void FromRejectsARelationshipToANodeOutsideTheSubgraph()
    {
        var subgraph = new Subgraph([new Person("person:a", "A", [])], [new Relationship(new GraphEdge(EdgeTypes.Holds, "person:a", "office:b"), [])],
            new Dictionary<string, IReadOnlyList<EvidenceSpan>>());
        var e = Assert.Throws<ArgumentException>(() => ExportGraph.From(subgraph));
        Assert.Contains("'office:b', which is not a node of the subgraph", e.Message);
    }

    [Fact]
    public void FromRejectsTheSameNodeTwice()
    {
        var a = new Person("person:a", "A", []);
        var e = Assert.Throws<ArgumentException>(() => ExportGraph.From(new Subgraph([a, a], [], new Dictionary<string, IReadOnlyList<EvidenceSpan>>())));
        Assert.Contains("'person:a' is in the subgraph twice", e.Message);
    }
}
